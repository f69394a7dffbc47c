/**
 * Pitch tracks of audio files in memory bounded independently of their length: the file is
 * decoded to mono chunk by chunk (decodeAudioTo, the decoder spectrogram-from-file.ts uses)
 * straight into streaming pYIN (core/pitch/pyin-stream.ts: one frame of samples; the
 * candidates, a few per frame, and the HMM's checkpointed back-pointers, decode-pitch-hmm.ts)
 * and, when asked, the drone's spectrum (createDroneSpectrumStream, a few MiB) and each pitch
 * frame's level (from a ring of one level window), so the mono signal itself (317 MB for an hour at
 * 22.05 kHz) is never held. The decoding options are decodeMono's (no mixing in ffmpeg), so
 * the samples, and hence the track, the levels and, when the declared length is right, the
 * drone peaks, are exactly those of the whole-signal functions over decodeMono's signal.
 * A melograph's constant-Q background depends on the track (its frequency axis), so it is a
 * second streamed decode (spectrogram-from-file.ts) once the track is known.
 * Reference: Mauch & Dixon (2014), pYIN, ICASSP 2014; Salamon, Gulati & Serra (2012), ISMIR
 *   (drone peaks for the tonic).
 */
import type { AudioSink } from "../core/audio-sink.js";
import {
  createPyinStream,
  type PitchTrack,
  PYIN_DEFAULTS,
  type PyinOptions,
  type PyinStream,
} from "../core/pitch/pyin.js";
import {
  createDroneSpectrumStream,
  type DroneSpectrumStream,
  type SpectralPeak,
} from "../core/pitch/tonic-drone-peaks.js";
import type { SpectrogramMatrix } from "../core/spectrogram/spectrogram-matrix.js";
import { type DecoderSettings, decodeAudioTo } from "./decode-audio.js";
import { melographLayout } from "./images/melograph.js";
import { spectrogramOfFile } from "./images/spectrogram-from-file.js";

/** The config's decoder settings and the rate to decode at (Hz). */
export interface PitchFileDecoding extends DecoderSettings {
  readonly sampleRate: number;
}

export interface MonoFileScanOptions {
  /** pYIN's settings (the rate is the decoding's); null: no pitch track. */
  readonly pyin: Partial<Omit<PyinOptions, "sampleRate">> | null;
  /** Also the drone's stable spectral peaks (droneSpectrumPeaks, for estimateTonic). */
  readonly dronePeaks?: boolean;
  /**
   * Also each pitch frame's level as frameLevelsDb(samples, track.times, rate, this) gives it
   * (segment-notes-onsets.ts; 1024 there).
   */
  readonly frameLevelWindow?: number;
}

export interface MonoFileScan {
  /** Null when no pYIN settings were given. */
  readonly track: PitchTrack | null;
  readonly sampleRate: number;
  /** Samples decoded, at sampleRate. */
  readonly samples: number;
  readonly durationSeconds: number;
  /** Which decoder produced the samples ("wav", "ffmpeg", "libvorbis-wasm"). */
  readonly decoderName: string;
  /** Null unless asked for. */
  readonly dronePeaks: SpectralPeak[] | null;
  /** dB per pitch frame; null unless asked for. */
  readonly frameLevelsDb: Float32Array | null;
}

/** One streamed decode of `path` to mono at `decoding.sampleRate`, gathering what `options` asks. */
export async function scanMonoFile(
  path: string,
  decoding: PitchFileDecoding,
  options: MonoFileScanOptions,
): Promise<MonoFileScan> {
  if (options.frameLevelWindow !== undefined && options.pyin === null) {
    throw new RangeError("scanMonoFile: frame levels need pYIN settings");
  }
  let consumers: Consumers | undefined;
  const sink: AudioSink = {
    start(format) {
      consumers = startConsumers(format.sampleRate, format.expectedFrames, options);
    },
    write(channels, length) {
      consumers!.push(channels[0]!.subarray(0, length));
    },
    end() {},
  };
  const { frames, decoder } = await decodeAudioTo(path, sink, {
    mono: true,
    sampleRate: decoding.sampleRate,
    decoder: decoding.decoder,
    ffmpegPath: decoding.ffmpegPath ?? undefined,
    maxDurationSeconds: decoding.maxDurationSeconds,
  });
  // A file that decodes to nothing never starts the sink.
  consumers ??= startConsumers(decoding.sampleRate, 0, options);
  return {
    ...consumers.finish(),
    samples: frames,
    durationSeconds: frames / consumers.sampleRate,
    decoderName: decoder.name,
  };
}

/** scanMonoFile with a pitch track. */
export async function pitchOfFile(
  path: string,
  decoding: PitchFileDecoding,
  options: MonoFileScanOptions & { readonly pyin: Partial<Omit<PyinOptions, "sampleRate">> },
): Promise<MonoFileScan & { readonly track: PitchTrack }> {
  const scan = await scanMonoFile(path, decoding, options);
  return { ...scan, track: scan.track! };
}

/**
 * The dimmed constant-Q background of a melograph of `path`, streamed (a second decode): 36
 * bins per octave on the axis the melograph draws for `track` (its range, or minHz/maxHz),
 * `width` columns (max pooling; see spectrogram-stream.ts), as melographBackground computes
 * it for a signal in memory.
 */
export async function melographBackgroundOfFile(
  path: string,
  decoding: PitchFileDecoding,
  track: PitchTrack,
  options: {
    readonly width: number;
    readonly height: number;
    readonly durationSeconds: number;
    readonly minHz?: number;
    readonly maxHz?: number;
  },
): Promise<SpectrogramMatrix> {
  const axis = melographLayout(track, options);
  return spectrogramOfFile(path, decoding, "cqt", {
    columns: options.width,
    minHz: axis.minHz,
    maxHz: axis.maxHz,
    binsPerOctave: 36,
  });
}

interface Consumers {
  readonly sampleRate: number;
  push(samples: Float32Array): void;
  finish(): Pick<MonoFileScan, "track" | "sampleRate" | "dronePeaks" | "frameLevelsDb">;
}

function startConsumers(sampleRate: number, expectedSamples: number | null, options: MonoFileScanOptions): Consumers {
  const levelWindow = options.frameLevelWindow;
  const levels =
    levelWindow === undefined
      ? null
      : new FrameLevels(levelWindow, options.pyin?.hopSize ?? PYIN_DEFAULTS.hopSize, sampleRate);
  const pitch: PyinStream | null = options.pyin === null ? null : createPyinStream({ ...options.pyin, sampleRate });
  const drone: DroneSpectrumStream | null = options.dronePeaks
    ? createDroneSpectrumStream(sampleRate, expectedSamples)
    : null;
  return {
    sampleRate,
    push(samples) {
      pitch?.push(samples);
      levels?.push(samples);
      drone?.push(samples);
    },
    finish() {
      const track = pitch?.finish() ?? null;
      return {
        track,
        sampleRate,
        dronePeaks: drone?.finish() ?? null,
        frameLevelsDb: levels?.finish(track!.times.length) ?? null,
      };
    },
  };
}

/**
 * frameLevelsDb (segment-notes-onsets.ts) of a signal that arrives in chunks: the level of
 * `windowLength` samples centred on each pitch frame's time (not on the audio pYIN's frame
 * analyses, which looks ahead: see pyin.ts), from a ring of the last windowLength samples.
 * Each window is summed in frameLevelsDb's order, over the same samples (those outside the
 * signal are left out), so the levels are the same bit for bit.
 */
class FrameLevels {
  private levels = new Float32Array(4096);
  private readonly half: number;
  private readonly ring: Float32Array;
  private received = 0;
  private next = 0;
  /** One past the last sample of frame `next`'s window. */
  private nextEnd: number;

  constructor(
    private readonly windowLength: number,
    private readonly hopSize: number,
    private readonly sampleRate: number,
  ) {
    if (!(Number.isInteger(windowLength) && windowLength >= 1)) {
      throw new RangeError(`scanMonoFile: frameLevelWindow must be an integer ≥ 1, got ${windowLength}`);
    }
    this.half = windowLength >> 1;
    this.ring = new Float32Array(windowLength);
    this.nextEnd = this.windowStart(0) + windowLength;
  }

  /** First sample of frame t's window, as frameLevelsDb rounds the centre from the track's time. */
  private windowStart(frameIndex: number): number {
    return Math.round(((frameIndex * this.hopSize) / this.sampleRate) * this.sampleRate) - this.half;
  }

  push(samples: Float32Array): void {
    const { ring, windowLength } = this;
    for (let i = 0; i < samples.length; i++) {
      ring[(this.received + i) % windowLength] = samples[i]!;
      // Frames whose window ends with this sample are complete.
      while (this.nextEnd === this.received + i + 1) this.measure(this.nextEnd);
    }
    this.received += samples.length;
  }

  /** The levels of the track's `frames` frames; the windows reaching past the end are cut there. */
  finish(frames: number): Float32Array {
    while (this.next < frames) this.measure(this.received);
    const levels = this.levels.slice(0, frames);
    this.received = 0;
    this.next = 0;
    this.nextEnd = this.windowStart(0) + this.windowLength;
    return levels;
  }

  /** Level of frame `next` from the ring, which holds samples up to (not including) `end`. */
  private measure(end: number): void {
    const start = this.windowStart(this.next);
    let sum = 0;
    for (let i = Math.max(0, start); i < Math.min(end, start + this.windowLength); i++) {
      const value = this.ring[i % this.windowLength]!;
      sum += value * value;
    }
    if (this.next >= this.levels.length) {
      const bigger = new Float32Array(2 * this.levels.length);
      bigger.set(this.levels);
      this.levels = bigger;
    }
    this.levels[this.next] = 10 * Math.log10(Math.max(sum / this.windowLength, 1e-12));
    this.next++;
    this.nextEnd = this.windowStart(this.next) + this.windowLength;
  }
}
