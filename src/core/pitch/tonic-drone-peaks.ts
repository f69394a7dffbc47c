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
  const { minHz, maxHz, frames, minProminenceDb, maxPeaks, percentile } = { ...DRONE_PEAK_DEFAULTS, ...options };
  if (!(sampleRate > 0)) throw new RangeError(`droneSpectrumPeaks: sampleRate must be > 0, got ${sampleRate}`);
  if (!(minHz > 0 && maxHz > minHz)) throw new RangeError("droneSpectrumPeaks: need 0 < minHz < maxHz");
  let size = 2;
  while (sampleRate / size > 3) size *= 2;
  const binHz = sampleRate / size;
  const low = Math.max(1, Math.floor(minHz / binHz) - 2);
  const high = Math.min(size / 2 - 1, Math.ceil(Math.min(maxHz, sampleRate / 2) / binHz) + 2);
  if (samples.length === 0 || high - low < 5) return [];
  const count = Math.max(1, Math.min(frames, Math.ceil(samples.length / (size / 2))));
  const fft = createRealFft(size);
  const window = hannWindow(size);
  const frame = new Float32Array(size);
  const spectrum = new Float32Array(size + 2);
  const span = high - low + 1;
  const magnitudes = new Float32Array(count * span);
  const lastStart = Math.max(0, samples.length - size);
  for (let f = 0; f < count; f++) {
    const start = count === 1 ? 0 : Math.round((f * lastStart) / (count - 1));
    frame.fill(0);
    for (let n = 0; n < size && start + n < samples.length; n++) frame[n] = samples[start + n]! * window[n]!;
    fft.forward(frame, spectrum);
    for (let k = 0; k < span; k++) {
      const re = spectrum[2 * (low + k)]!;
      const im = spectrum[2 * (low + k) + 1]!;
      magnitudes[f * span + k] = Math.sqrt(re * re + im * im);
    }
  }
  if (!(percentile >= 0 && percentile <= 1)) throw new RangeError("droneSpectrumPeaks: percentile must be in [0, 1]");
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
