/**
 * Track ingest: the one pass over a track's audio, chunk by chunk as the decoder delivers
 * it, that computes everything the analyses read from samples, so no whole-track signal
 * is ever held (a 60-minute stereo file is 1.27 GB of floats at 44.1 kHz):
 * - at the native rate, all channels: level statistics (peak, RMS, DC, clipping);
 * - at the native rate, mono mix: the onset flux above 14 kHz (past the analysis Nyquist);
 * - at the native rate, all channels: BS.1770 loudness and true peak (the "loudness" pass),
 *   and the mastering metrics (bands, dynamics, stereo image, transients; "mastering");
 * - the mono mix converted to ANALYSIS_SAMPLE_RATE (half-band decimation for power-of-two
 *   steps, else the polyphase resampler) streams into the tonal and rhythm frame passes.
 * Which passes run follows from the analyses requested (each lists the passes it reads). Memory: the passes' compact
 * per-frame results (a few KB per second of audio) and one chunk of scratch.
 */
import type { Accelerators } from "../../core/accelerators.js";
import type { AudioSink } from "../../core/audio-sink.js";
import { createDecimator, type HalfBandSumsFactory, powerOfTwoFactor } from "../../core/dsp/decimate.js";
import type { RealFft } from "../../core/dsp/real-fft.js";
import { createResampler, type Resampler } from "../../core/dsp/resample.js";
import { K_WEIGHTING_MIN_SAMPLE_RATE } from "../../core/loudness/k-weighting.js";
import { createLoudnessMeter, type LoudnessMeter, type LoudnessResult } from "../../core/loudness/loudness-meter.js";
import { createMasteringAccumulator } from "../../core/mastering/mastering-accumulator.js";
import type { MasteringMetrics } from "../../core/mastering/mastering-metrics.js";
import { createHighBandFlux } from "../../core/rhythm/high-band-flux.js";
import type { ChannelBlockKernels } from "../../core/signal/channel-block-kernels.js";
import { mixChannelsInto } from "../../core/signal/mix-to-mono.js";
import { createSignalStatisticsAccumulator, type SignalStatistics } from "../../core/signal/signal-statistics.js";
import type { AudioSignal } from "../../core/types.js";
import { ANALYSIS_SAMPLE_RATE, RHYTHM_STFT, TONAL_STFT } from "../resolutions.js";
import { createRhythmFramePass, type RhythmFrames } from "./rhythm-frame-pass.js";
import { createTonalFramePass, type TonalFrames } from "./tonal-frame-pass.js";

/**
 * What the ingest computes as the samples stream by: "tonal" and "rhythm" are frame passes
 * over the analysis-rate mono mix; "loudness" meters the native-rate channels (BS.1770) and
 * "mastering" accumulates their band, dynamics, stereo and transient figures.
 */
export type IngestPass = "tonal" | "rhythm" | "loudness" | "mastering";

export interface IngestedTrack {
  /** The decoded signal's own rate, channels and length (samples per channel). */
  readonly sampleRate: number;
  readonly channelCount: number;
  readonly length: number;
  readonly levels: SignalStatistics;
  /** Null when no requested analysis needed the pass. */
  readonly tonal: TonalFrames | null;
  readonly rhythm: (RhythmFrames & { readonly highBandFlux: Float32Array }) | null;
  readonly loudness: LoudnessPassResult | null;
  readonly mastering: MasteringMetrics | null;
}

/** The loudness pass's outcome: the meter's result, or why the track cannot be metered. */
export type LoudnessPassResult =
  | { readonly measured: true; readonly result: LoudnessResult }
  | { readonly measured: false; readonly reason: string };

export interface TrackIngest extends AudioSink {
  /** The ingested track; valid after `end()`. */
  result(): IngestedTrack;
  /** Frees the FFTs' memory if the stream never ended (a failed decode); safe to call always. */
  dispose(): void;
}

export interface TrackIngestOptions {
  readonly passes: readonly IngestPass[];
  /** Makes the FFTs the frame passes use. */
  readonly fftFactory: (size: number) => RealFft;
  /** Faster kernels for some loops (WebAssembly, src/accel); default the TypeScript ones. */
  readonly accelerators?: Accelerators | undefined;
}

function analysisRateConverter(sampleRate: number, halfBandSums: HalfBandSumsFactory | undefined): Resampler {
  const factor = powerOfTwoFactor(sampleRate, ANALYSIS_SAMPLE_RATE);
  if (factor !== null && factor > 1) return createDecimator(sampleRate, ANALYSIS_SAMPLE_RATE, { halfBandSums });
  // 70 dB is ample for analysis; nobody listens to this signal.
  return createResampler(sampleRate, ANALYSIS_SAMPLE_RATE, { quality: "fast" });
}

export function createTrackIngest(options: TrackIngestOptions): TrackIngest {
  let state: ReturnType<typeof startIngest> | null = null;
  let track: IngestedTrack | null = null;
  return {
    start(format) {
      if (state !== null) throw new Error("track ingest: start() called twice");
      state = startIngest(format.sampleRate, format.channelCount, format.expectedFrames, options);
    },
    write(channels, length) {
      if (state === null || track !== null) throw new Error("track ingest: write() outside start() … end()");
      state.write(channels, length);
    },
    end() {
      if (state === null || track !== null) throw new Error("track ingest: end() without start() or twice");
      track = state.end();
    },
    result() {
      if (track === null) throw new Error("track ingest: result() before end()");
      return track;
    },
    dispose() {
      state?.dispose();
    },
  };
}

function startIngest(
  sampleRate: number,
  channelCount: number,
  expectedFrames: number | null,
  options: TrackIngestOptions,
) {
  if (!(sampleRate > 0) || !(Number.isInteger(channelCount) && channelCount >= 1)) {
    throw new RangeError(`track ingest: need a sample rate > 0 and ≥ 1 channel, got ${sampleRate} Hz, ${channelCount}`);
  }
  const ffts: RealFft[] = [];
  const fft = (size: number) => {
    const made = options.fftFactory(size);
    ffts.push(made);
    return made;
  };
  const expectedAnalysisSamples = ((expectedFrames ?? 0) * ANALYSIS_SAMPLE_RATE) / sampleRate;
  const mastering = options.passes.includes("mastering")
    ? createMasteringAccumulator({
        sampleRate,
        channelCount,
        fftFactory: fft,
        crossoverKernels: options.accelerators?.crossoverKernels,
      })
    : null;
  const wantsMono = options.passes.includes("tonal") || options.passes.includes("rhythm");
  // With an accelerator, each block of channels is copied once into its memory, where the level
  // statistics, the mono mix and the high-band energy all read it.
  const blockKernels =
    mastering === null || wantsMono
      ? (options.accelerators?.channelBlockKernels?.(channelCount, BLOCK_CAPACITY) ?? null)
      : null;
  // The mastering pass measures the same level statistics (default options) itself.
  const levels =
    mastering === null ? createSignalStatisticsAccumulator(channelCount, {}, blockKernels ?? undefined) : null;
  const wantsLoudness = options.passes.includes("loudness");
  // BS.1770's high-frequency shelf (1.68 kHz) needs a Nyquist frequency above it.
  const loudness =
    wantsLoudness && sampleRate > K_WEIGHTING_MIN_SAMPLE_RATE
      ? createLoudnessMeter({ sampleRate, channelCount })
      : null;
  const tonal = options.passes.includes("tonal")
    ? createTonalFramePass(fft(TONAL_STFT.frameSize), expectedAnalysisSamples, options.accelerators)
    : null;
  const rhythm = options.passes.includes("rhythm")
    ? createRhythmFramePass(
        fft(RHYTHM_STFT.frameSize),
        expectedAnalysisSamples,
        options.accelerators?.rhythmSpectrumKernel,
      )
    : null;
  const highBand =
    rhythm === null
      ? null
      : createHighBandFlux(
          sampleRate,
          { hopSeconds: RHYTHM_STFT.hopSize / ANALYSIS_SAMPLE_RATE },
          blockKernels ?? undefined,
        );
  const converter =
    tonal === null && rhythm === null ? null : analysisRateConverter(sampleRate, options.accelerators?.halfBandSums);
  let mono = new Float32Array(0);
  let length = 0;
  const disposeFfts = () => {
    for (const made of ffts.splice(0)) (made as { dispose?: () => void }).dispose?.();
  };

  const feedAnalysisRate = (samples: Float32Array) => {
    tonal?.push(samples);
    rhythm?.push(samples);
  };

  /** Samples [from, to) of every channel through the accelerated block loops. */
  const writeBlock = (kernels: ChannelBlockKernels, channels: readonly Float32Array[], from: number, to: number) => {
    const size = to - from;
    for (let c = 0; c < channelCount; c++) {
      const samples = channels[c]!;
      kernels.channels[c]!.set(from === 0 && samples.length === size ? samples : samples.subarray(from, to));
    }
    levels?.push(kernels.channels, size);
    if (converter === null) return;
    kernels.mix(size);
    const chunk = size === kernels.capacity ? kernels.mono : kernels.mono.subarray(0, size);
    highBand?.push(chunk);
    feedAnalysisRate(converter.process(chunk));
  };

  return {
    write(channels: readonly Float32Array[], count: number) {
      if (channels.length !== channelCount) {
        throw new RangeError(`track ingest: expected ${channelCount} channels, got ${channels.length}`);
      }
      if (count <= 0) return;
      loudness?.write(channels, count);
      mastering?.write(channels, count);
      length += count;
      if (blockKernels !== null) {
        for (let from = 0; from < count; from += BLOCK_CAPACITY)
          writeBlock(blockKernels, channels, from, Math.min(count, from + BLOCK_CAPACITY));
        return;
      }
      levels?.push(channels, count);
      if (converter === null) return;
      if (mono.length < count) mono = new Float32Array(count);
      const chunk = mono.subarray(0, count);
      mixChannelsInto(channels, count, chunk);
      highBand?.push(chunk);
      feedAnalysisRate(converter.process(chunk));
    },
    end(): IngestedTrack {
      try {
        if (converter !== null) feedAnalysisRate(converter.flush());
        const rhythmFrames = rhythm?.finish() ?? null;
        const masteringResult = mastering?.result() ?? null;
        return {
          sampleRate,
          channelCount,
          length,
          levels: levels === null ? masteringResult!.levels : levels.result(),
          tonal: tonal?.finish() ?? null,
          rhythm:
            rhythmFrames === null || highBand === null
              ? null
              : { ...rhythmFrames, highBandFlux: highBand.finish(rhythmFrames.frames) },
          loudness: loudnessOutcome(wantsLoudness, loudness, sampleRate),
          mastering: masteringResult,
        };
      } finally {
        disposeFfts();
      }
    },
    dispose: () => disposeFfts(),
  };
}

/** Samples per channel the accelerated block loops take at once (larger writes are split). */
const BLOCK_CAPACITY = 1 << 16;

/** Chunk size (frames) when an in-memory signal is ingested: the decoder's order of magnitude. */
const SIGNAL_CHUNK = 1 << 16;

/** Feeds a signal already in memory to `ingest` in decoder-sized chunks (the same path as a file). */
export function ingestSignal(audio: AudioSignal, ingest: TrackIngest): IngestedTrack {
  const total = audio.channels[0]?.length ?? 0;
  if (audio.channels.some((channel) => channel.length !== total)) {
    ingest.dispose();
    throw new RangeError("ingestSignal: all channels must have the same length");
  }
  ingest.start({ sampleRate: audio.sampleRate, channelCount: audio.channels.length, expectedFrames: total });
  for (let from = 0; from < total; from += SIGNAL_CHUNK) {
    const to = Math.min(total, from + SIGNAL_CHUNK);
    ingest.write(
      audio.channels.map((channel) => channel.subarray(from, to)),
      to - from,
    );
  }
  ingest.end();
  return ingest.result();
}

function loudnessOutcome(wanted: boolean, meter: LoudnessMeter | null, sampleRate: number): LoudnessPassResult | null {
  if (!wanted) return null;
  if (meter !== null) return { measured: true, result: meter.result() };
  return {
    measured: false,
    reason: `BS.1770 loudness needs a sample rate above ${Math.ceil(K_WEIGHTING_MIN_SAMPLE_RATE)} Hz (the K-weighting shelf sits at 1.68 kHz); this track is ${sampleRate} Hz`,
  };
}
