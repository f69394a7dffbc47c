/**
 * Drone evidence for tonic estimation: stable spectral peaks of a recording's long-term
 * spectrum. Up to `frames` Hann-windowed frames spread evenly over the signal are
 * transformed (bin spacing ≤ 3 Hz, so 10 cents resolve near 150 Hz with interpolation),
 * and each bin keeps a low percentile (`percentile`, default the 20th) of its magnitudes
 * over the frames: a sustained drone (tanpura, shruti box, pedal) is present in nearly
 * every frame and survives, while melody notes do not, even one the melody dwells on
 * half the time (a median would keep those). Peaks of that spectrum (in dB) are local maxima standing
 * `minProminenceDb` above the median level of the surrounding ±1/3 octave; their
 * frequency is refined by parabolic interpolation of the log magnitude. A peak's weight
 * is its prominence in dB above that threshold.
 * createDroneSpectrumStream gathers the same frames from a signal fed in chunks, keeping only
 * the stretches they read (a few MiB for any length), so a file needs not be decoded whole.
 * Reference: Salamon, Gulati & Serra (2012), "A multipitch approach to tonic
 *   identification in Indian classical music", ISMIR (long-term multipitch peaks of the
 *   drone); Gulati et al. (2014), "Automatic tonic identification in Indian art music:
 *   approaches and evaluation", JNMR 43(1) (review: drone-based methods).
 */
import { createRealFft } from "../dsp/real-fft.js";
import { hannWindow } from "../dsp/windows.js";
import type { Hz } from "../types.js";

export interface SpectralPeak {
  readonly hz: Hz;
  /** dB of prominence above the threshold; > 0. */
  readonly weight: number;
}

export interface DronePeakOptions {
  /** Hz: the band searched for drone partials. */
  readonly minHz: Hz;
  readonly maxHz: Hz;
  /** Frames spread over the signal (more: slower, steadier median). */
  readonly frames: number;
  /** dB a peak must stand above its neighbourhood's median level. */
  readonly minProminenceDb: number;
  /** The strongest peaks kept. */
  readonly maxPeaks: number;
  /** Percentile (0…1) of each bin's magnitudes over the frames. */
  readonly percentile: number;
}

export const DRONE_PEAK_DEFAULTS: DronePeakOptions = {
  minHz: 50,
  maxHz: 1500,
  frames: 48,
  minProminenceDb: 12,
  maxPeaks: 16,
  percentile: 0.2,
};

/** Stable spectral peaks (strongest first) of mono `samples`. */
export function droneSpectrumPeaks(
  samples: Float32Array,
  sampleRate: Hz,
  options: Partial<DronePeakOptions> = {},
): SpectralPeak[] {
  const stream = createDroneSpectrumStream(sampleRate, samples.length, options);
  stream.push(samples);
  return stream.finish();
}

/** droneSpectrumPeaks fed in chunks: see createDroneSpectrumStream. */
export interface DroneSpectrumStream {
  push(samples: Float32Array): void;
  /** The peaks of everything pushed (strongest first). */
  finish(): SpectralPeak[];
}

/** One kept stretch of the signal: samples [start, start + data.length) (zeros never received). */
interface SampleWindow {
  start: number;
  readonly data: Float32Array;
}

/**
 * The drone peaks of a signal that arrives in chunks, holding only the stretches the frames
 * will read. With `expectedSamples` (a decoder's declared length) the frames are planned as
 * droneSpectrumPeaks plans them for that length, and each keeps half a frame of slack either
 * side; at the end they are placed for the actual length, so when the declared length is
 * right or off by less than the slack, the peaks are exactly droneSpectrumPeaks' of the whole
 * signal (the same frames, bit for bit); off by more, the planned frames that start within
 * the signal are taken at their planned places. With an unknown length (null), frames sit on
 * a grid whose spacing doubles whenever 2·`frames` are held (every other one dropped), and
 * the finish takes up to `frames` of them evenly: spread over the whole signal, though not at
 * droneSpectrumPeaks' places. Memory: at most 2·`frames` frames of samples (3 MiB at
 * 22.05 kHz), whatever the length.
 */
export function createDroneSpectrumStream(
  sampleRate: Hz,
  expectedSamples: number | null,
  options: Partial<DronePeakOptions> = {},
): DroneSpectrumStream {
  const settings = { ...DRONE_PEAK_DEFAULTS, ...options };
  const { minHz, maxHz, frames, percentile } = settings;
  if (!(sampleRate > 0)) throw new RangeError(`droneSpectrumPeaks: sampleRate must be > 0, got ${sampleRate}`);
  if (!(minHz > 0 && maxHz > minHz)) throw new RangeError("droneSpectrumPeaks: need 0 < minHz < maxHz");
  if (!(percentile >= 0 && percentile <= 1)) throw new RangeError("droneSpectrumPeaks: percentile must be in [0, 1]");
  if (!(Number.isInteger(frames) && frames >= 1)) {
    throw new RangeError(`droneSpectrumPeaks: frames must be an integer ≥ 1, got ${frames}`);
  }
  let size = 2;
  while (sampleRate / size > 3) size *= 2;
  const slack = expectedSamples === null ? 0 : size / 2;
  const windows: SampleWindow[] = [];
  if (expectedSamples !== null) {
    const count = frameCount(expectedSamples, size, frames);
    for (let f = 0; f < count; f++) {
      const start = frameStart(f, count, expectedSamples, size) - slack;
      windows.push({ start, data: new Float32Array(size + 2 * slack) });
    }
  }
  /** Unknown length: window j starts at j·gridStep. */
  let gridStep = size / 2;
  const spare: Float32Array[] = [];
  let received = 0;

  const addGridWindows = (until: number): void => {
    while (windows.length * gridStep < until) {
      if (windows.length === 2 * frames) {
        for (let j = 1; j < windows.length; j += 2) spare.push(windows[j]!.data);
        for (let j = 0; 2 * j < windows.length; j++) windows[j] = windows[2 * j]!;
        windows.length = frames;
        gridStep *= 2;
        continue;
      }
      const data = spare.pop()?.fill(0) ?? new Float32Array(size);
      windows.push({ start: windows.length * gridStep, data });
    }
  };

  return {
    push(samples) {
      const end = received + samples.length;
      if (expectedSamples === null) addGridWindows(end);
      for (const window of windows) {
        const from = Math.max(received, window.start);
        const to = Math.min(end, window.start + window.data.length);
        if (to > from) window.data.set(samples.subarray(from - received, to - received), from - window.start);
      }
      received = end;
    },
    finish() {
      const length = received;
      const chosen: SampleWindow[] = [];
      const starts: number[] = [];
      if (expectedSamples !== null && frameCount(length, size, frames) === windows.length) {
        // The planned frames placed for the actual length: droneSpectrumPeaks' frames if within reach.
        for (let f = 0; f < windows.length; f++) starts.push(frameStart(f, windows.length, length, size));
        if (starts.every((start, f) => Math.abs(start - (windows[f]!.start + slack)) <= slack)) {
          return peaksOfFrames(windows, starts, length, sampleRate, size, settings);
        }
        starts.length = 0;
      }
      // Otherwise each kept frame at its own place, leaving out those that start past the last full frame.
      const lastStart = Math.max(0, length - size);
      const usable = windows.filter((window, f) => f === 0 || window.start + slack <= lastStart);
      const count = Math.min(frames, usable.length);
      for (let f = 0; f < count; f++) {
        const window = usable[count === 1 ? 0 : Math.round((f * (usable.length - 1)) / (count - 1))]!;
        chosen.push(window);
        starts.push(window.start + slack);
      }
      return peaksOfFrames(chosen, starts, length, sampleRate, size, settings);
    },
  };
}

/** Frames spread over a signal of `length` samples: as many as half-overlapping frames fit, at most `frames`. */
function frameCount(length: number, size: number, frames: number): number {
  return Math.max(1, Math.min(frames, Math.ceil(length / (size / 2))));
}

/** First sample of frame f of `count` spread evenly from 0 to the last full frame. */
function frameStart(f: number, count: number, length: number, size: number): number {
  const lastStart = Math.max(0, length - size);
  return count === 1 ? 0 : Math.round((f * lastStart) / (count - 1));
}

/** The frames at `starts` (read from their windows), each bin's percentile over them, and its peaks. */
function peaksOfFrames(
  windows: readonly SampleWindow[],
  starts: readonly number[],
  length: number,
  sampleRate: Hz,
  size: number,
  options: DronePeakOptions,
): SpectralPeak[] {
  const { minHz, maxHz, minProminenceDb, maxPeaks, percentile } = options;
  const binHz = sampleRate / size;
  const low = Math.max(1, Math.floor(minHz / binHz) - 2);
  const high = Math.min(size / 2 - 1, Math.ceil(Math.min(maxHz, sampleRate / 2) / binHz) + 2);
  if (length === 0 || high - low < 5) return [];
  const count = starts.length;
  const fft = createRealFft(size);
  const window = hannWindow(size);
  const frame = new Float32Array(size);
  const spectrum = new Float32Array(size + 2);
  const span = high - low + 1;
  const magnitudes = new Float32Array(count * span);
  for (let f = 0; f < count; f++) {
    const kept = windows[f]!;
    const offset = starts[f]! - kept.start;
    frame.fill(0);
    // Samples past the end were never received: their window holds zeros, as the frame would.
    for (let n = 0; n < size && starts[f]! + n < length; n++) frame[n] = kept.data[offset + n]! * window[n]!;
    fft.forward(frame, spectrum);
    for (let k = 0; k < span; k++) {
      const re = spectrum[2 * (low + k)]!;
      const im = spectrum[2 * (low + k) + 1]!;
      magnitudes[f * span + k] = Math.sqrt(re * re + im * im);
    }
  }
  // The percentile over frames, then dB (the scale cancels: only differences are used).
  const db = new Float64Array(span);
  const column = new Float64Array(count);
  for (let k = 0; k < span; k++) {
    for (let f = 0; f < count; f++) column[f] = magnitudes[f * span + k]!;
    column.sort();
    db[k] = 20 * Math.log10(Math.max(column[Math.round(percentile * (count - 1))]!, 1e-12));
  }
  const peaks: SpectralPeak[] = [];
  const scratch: number[] = [];
  for (let k = 2; k < span - 2; k++) {
    const hz = (low + k) * binHz;
    if (hz < minHz || hz > maxHz) continue;
    const value = db[k]!;
    if (!(value > db[k - 1]! && value >= db[k + 1]! && value > db[k - 2]! && value >= db[k + 2]!)) continue;
    // Neighbourhood: ±1/3 octave, at least ±8 bins.
    const reach = Math.max(8, Math.round((hz * (2 ** (1 / 3) - 1)) / binHz));
    scratch.length = 0;
    for (let j = Math.max(0, k - reach); j <= Math.min(span - 1, k + reach); j++) scratch.push(db[j]!);
    scratch.sort((a, b) => a - b);
    const floor = scratch[Math.floor(scratch.length / 2)]!;
    const weight = value - floor - minProminenceDb;
    if (weight <= 0) continue;
    const left = db[k - 1]!;
    const right = db[k + 1]!;
    const curvature = left - 2 * value + right;
    const offset = curvature < 0 ? (0.5 * (left - right)) / curvature : 0;
    peaks.push({ hz: (low + k + offset) * binHz, weight });
  }
  peaks.sort((a, b) => b.weight - a.weight);
  return peaks.slice(0, maxPeaks);
}
