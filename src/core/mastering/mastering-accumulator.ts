/**
 * Mastering metrics of a track in one streaming pass: per-band energy share, RMS, peak,
 * crest factor, spectral centroid/rolloff/flatness, stereo width, phase correlation and
 * mono-compatibility loss; overall crest factor, DR-meter dynamic range, stereo image with a
 * correlation series, level statistics (peak, RMS, DC offset, clipped runs), a harmonic-
 * distortion estimate, transient density, attack time and a fractional-octave spectral-
 * balance curve. Loudness (BS.1770, LRA, true peak, PLR) is the loudness module's.
 * One pass per chunk, each step in its own module:
 * - signal-statistics (all channels): peak, RMS, DC offset, clipping, non-finite samples;
 * - dynamic-range: per-channel Σx² and peak of 3-s blocks (all channels) and Σ L·R, in the
 *   same pass as the stereo mix: the exact time-domain sums behind the overall stereo figures;
 * - long-term-spectrum: one STFT (Hann, no overlap) of L and R (plus the mix for more than
 *   two channels) summed into long-term energy and cross spectra — the spectral shape behind
 *   band shares, band RMS (scaled so the spectrum's total is the mix's exact energy),
 *   centroid/rolloff/flatness, per-band stereo figures, the balance curve and the
 *   distortion estimate;
 * - crossover-filter-bank (mono mix): band signals for per-band sample peak and crest;
 * - transient-detector (mono mix): onsets, attack times and the mix's exact energy.
 * Channels: the mono mix is the mean of all channels; stereo figures use channels 0 and 1
 * (`stereoSource` "front-pair" when there are more; for 5.1 that is front L/R); level and
 * DR figures use every channel. Mono input: correlation 1, width 0, mono loss 0 (note
 * MONO_INPUT). NaN and infinite samples are counted by the level statistics and read as 0
 * everywhere else (note NON_FINITE_SAMPLES).
 * Figures are finite numbers or null (undefined, e.g. correlation with a silent channel,
 * anything of a silent signal); never NaN. Results are identical for any chunking.
 * Memory: fixed buffers (a frame per transformed channel, filter states, a ~1 s envelope
 * ring, scratch for 65,536 frames) plus a few numbers per 3-s block, per correlation block
 * and per onset: well under 1 MB for an hour of stereo.
 */
import { createRealFft } from "../dsp/real-fft.js";
import { mixChannelsInto } from "../signal/mix-to-mono.js";
import { createSignalStatisticsAccumulator } from "../signal/signal-statistics.js";
import type { AudioSignal } from "../types.js";
import { signalLength } from "../types.js";
import { createCrossoverFilterBank } from "./crossover-filter-bank.js";
import { createBlockLevels, dynamicRangeFromBlocks } from "./dynamic-range.js";
import { createLongTermSpectrum } from "./long-term-spectrum.js";
import { assembleMasteringMetrics, type MasteringMetrics } from "./mastering-metrics.js";
import { defaultFrameSize, type MasteringAccumulatorOptions, resolveMasteringOptions } from "./mastering-options.js";
import { createTransientDetector } from "./transient-detector.js";

/** Takes a track in chunks (as AudioSink.write) and gives its mastering metrics. */
export interface MasteringAccumulator {
  /**
   * Adds frames [0, length) of each channel (channelCount arrays, each ≥ length long; the
   * arrays may be reused by the caller after the call: nothing is kept).
   */
  write(channels: readonly Float32Array[], length: number): void;
  /** Ends the stream and returns the metrics (the same object on later calls); write() then throws. */
  result(): MasteringMetrics;
}

/** Frames per internal slice: bounds the scratch buffers whatever the caller's chunk size. */
const SLICE_FRAMES = 65_536;

export function createMasteringAccumulator(options: MasteringAccumulatorOptions): MasteringAccumulator {
  const name = "createMasteringAccumulator";
  const { sampleRate, channelCount } = options;
  if (!(Number.isFinite(sampleRate) && sampleRate > 0)) {
    throw new RangeError(`${name}: sampleRate must be a finite number > 0, got ${sampleRate}`);
  }
  if (!(Number.isInteger(channelCount) && channelCount >= 1)) {
    throw new RangeError(`${name}: channelCount must be an integer ≥ 1, got ${channelCount}`);
  }
  const resolved = resolveMasteringOptions(name, options);
  const frameSize = resolved.frameSize ?? defaultFrameSize(sampleRate);
  const fft = (options.fftFactory ?? createRealFft)(frameSize);
  if (fft.size !== frameSize) throw new RangeError(`${name}: fftFactory(${frameSize}) made an FFT of size ${fft.size}`);
  const blockFrames = Math.max(1, Math.round((resolved.correlationBlockSeconds * sampleRate) / frameSize));
  const drBlockLength = Math.max(1, Math.round(resolved.dynamicRange.blockSeconds * sampleRate));

  const statistics = createSignalStatisticsAccumulator(channelCount, resolved.levels);
  const blockLevels = createBlockLevels(channelCount, drBlockLength);
  const spectrum = createLongTermSpectrum({ channelCount, blockFrames, fft });
  const filterBank = resolved.bandPeaks
    ? createCrossoverFilterBank(sampleRate, resolved.bands, options.crossoverKernels)
    : null;
  const transients = createTransientDetector(sampleRate, resolved.transients);
  const mono = new Float32Array(channelCount === 1 ? 0 : SLICE_FRAMES);
  const clean = Array.from({ length: channelCount }, () => new Float32Array(0));
  let sampleCount = 0;
  let nonFinite = false;
  let result: MasteringMetrics | null = null;

  const writeSlice = (channels: readonly Float32Array[], length: number) => {
    statistics.push(channels, length);
    let sources = channels;
    let mix = channelCount === 1 ? channels[0]! : mono;
    // For stereo the level pass also writes the mix.
    if (blockLevels.push(channels, length, channelCount === 1 ? undefined : mono)) {
      nonFinite = true;
      sources = sanitise(channels, length, clean);
      if (channelCount === 1) mix = sources[0]!;
      else mixChannelsInto(sources, length, mono);
    } else if (channelCount > 2) {
      mixChannelsInto(sources, length, mono);
    }
    spectrum.push(sources, mix, length);
    filterBank?.push(mix, length);
    transients.push(mix, length);
    sampleCount += length;
  };

  return {
    write(channels, length) {
      if (result !== null) throw new Error("MasteringAccumulator.write: called after result()");
      if (channels.length !== channelCount) {
        throw new RangeError(`MasteringAccumulator.write: expected ${channelCount} channels, got ${channels.length}`);
      }
      if (!(Number.isInteger(length) && length >= 0)) {
        throw new RangeError(`MasteringAccumulator.write: length must be an integer ≥ 0, got ${length}`);
      }
      for (const samples of channels) {
        if (samples.length < length) {
          throw new RangeError(`MasteringAccumulator.write: a channel holds ${samples.length} < ${length} samples`);
        }
      }
      if (length <= SLICE_FRAMES) {
        if (length > 0) writeSlice(channels, length);
        return;
      }
      for (let from = 0; from < length; from += SLICE_FRAMES) {
        const to = Math.min(length, from + SLICE_FRAMES);
        writeSlice(
          channels.map((samples) => samples.subarray(from, to)),
          to - from,
        );
      }
    },
    result() {
      if (result === null) {
        const blockSums = blockLevels.result();
        result = assembleMasteringMetrics({
          sampleRate,
          channelCount,
          sampleCount,
          nonFinite,
          options: resolved,
          levels: statistics.result(),
          blockSums,
          dynamicRange: dynamicRangeFromBlocks(blockSums, resolved.dynamicRange),
          spectrum: spectrum.finish(),
          mixEnergy: transients.signalEnergy(),
          bandLevels: filterBank?.result() ?? null,
          transients: transients.finish(sampleCount / sampleRate),
          blockSeconds: (blockFrames * frameSize) / sampleRate,
        });
      }
      return result;
    },
  };
}

/** Mastering metrics of a whole signal (the accumulator fed in slices). */
export function masteringMetrics(
  signal: AudioSignal,
  options: Omit<MasteringAccumulatorOptions, "sampleRate" | "channelCount"> = {},
): MasteringMetrics {
  const accumulator = createMasteringAccumulator({
    ...options,
    sampleRate: signal.sampleRate,
    channelCount: signal.channels.length,
  });
  accumulator.write(signal.channels, signalLength(signal));
  return accumulator.result();
}

/** Copies of channels[c][0, length) with NaN and infinities replaced by 0 (scratch grown as needed). */
function sanitise(channels: readonly Float32Array[], length: number, scratch: Float32Array[]): Float32Array[] {
  return channels.map((samples, c) => {
    if (scratch[c]!.length < length) scratch[c] = new Float32Array(Math.max(length, SLICE_FRAMES));
    const out = scratch[c]!;
    for (let i = 0; i < length; i++) {
      const value = samples[i]!;
      out[i] = Number.isFinite(value) ? value : 0;
    }
    return out;
  });
}
