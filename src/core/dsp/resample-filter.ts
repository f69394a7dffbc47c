/**
 * Polyphase Kaiser-windowed-sinc lowpass tables for band-limited resampling.
 * For a ratio ρ = toRate/fromRate the stopband starts at min(1, ρ) of the input Nyquist
 * frequency, so nothing at or above the lower of the two Nyquist frequencies survives
 * with more than the preset's attenuation; the −6 dB cutoff sits half a Kaiser
 * transition width below it. Impulse response, t in input samples:
 *   h(t) = fc·sinc(fc·t)·kaiser(t / halfTaps, β),  |t| < halfTaps = ⌈zeroCrossings / min(1, ρ)⌉
 * Row p of the table holds h(p/phases + halfTaps − 1 − n) for taps n = 0 … 2·halfTaps − 1
 * (row `phases` is the next integer shift, for interpolating between rows).
 * References: J. O. Smith, "Digital Audio Resampling Home Page" (bandlimited interpolation),
 *   CCRMA; Kaiser (1974) for β and the transition width (A − 7.95)/(2.285·(taps − 1)) rad/sample.
 */
import { besselI0 } from "./windows.js";

export type ResamplerQuality = "fast" | "high";

export interface ResampleFilterPreset {
  /** Zero crossings of the sinc on each side at the cutoff (filter length in periods). */
  readonly zeroCrossings: number;
  /** Target stopband attenuation in dB (sets the Kaiser β and the transition width). */
  readonly attenuationDb: number;
}

export const RESAMPLE_FILTER_PRESETS: Readonly<Record<ResamplerQuality, ResampleFilterPreset>> = {
  fast: { zeroCrossings: 16, attenuationDb: 70 },
  high: { zeroCrossings: 64, attenuationDb: 100 },
};

export interface ResampleFilter {
  /** Number of phase rows (excluding the extra interpolation row). */
  readonly phases: number;
  /** Taps per row = 2·halfTaps. */
  readonly taps: number;
  readonly halfTaps: number;
  /** (phases + 1)·taps coefficients. */
  readonly coefficients: Float32Array;
  /** Row p + 1 minus row p, for linear interpolation between phases; null for exact phases. */
  readonly differences: Float32Array | null;
  /** −6 dB cutoff as a fraction of the input Nyquist frequency. */
  readonly cutoff: number;
}

/** Kaiser β for a stopband attenuation in dB (Kaiser 1974). */
export function kaiserBetaForAttenuation(attenuationDb: number): number {
  if (attenuationDb > 50) return 0.1102 * (attenuationDb - 8.7);
  if (attenuationDb >= 21) return 0.5842 * (attenuationDb - 21) ** 0.4 + 0.07886 * (attenuationDb - 21);
  return 0;
}

/**
 * A table of `phases` rows for the ratio `toRate/fromRate`. Exact phases (rational ratio)
 * need no interpolation; `interpolate` adds the difference table for fractional phases.
 */
export function createResampleFilter(
  ratio: number,
  preset: ResampleFilterPreset,
  phases: number,
  interpolate: boolean,
): ResampleFilter {
  const stopEdge = Math.min(1, ratio);
  const halfTaps = Math.ceil(preset.zeroCrossings / stopEdge);
  const taps = 2 * halfTaps;
  const transition = (preset.attenuationDb - 7.95) / (2.285 * (taps - 1)) / Math.PI;
  const cutoff = stopEdge - transition / 2;
  const beta = kaiserBetaForAttenuation(preset.attenuationDb);
  const windowNorm = 1 / besselI0(beta);
  const coefficients = new Float32Array((phases + 1) * taps);
  for (let row = 0; row <= phases; row++) {
    const fraction = row / phases;
    for (let n = 0; n < taps; n++) {
      const t = fraction + halfTaps - 1 - n;
      const ratioToEdge = t / halfTaps;
      if (Math.abs(ratioToEdge) >= 1) continue;
      const x = Math.PI * cutoff * t;
      const sinc = x === 0 ? 1 : Math.sin(x) / x;
      const window = besselI0(beta * Math.sqrt(1 - ratioToEdge * ratioToEdge)) * windowNorm;
      coefficients[row * taps + n] = cutoff * sinc * window;
    }
  }
  let differences: Float32Array | null = null;
  if (interpolate) {
    differences = new Float32Array(phases * taps);
    for (let i = 0; i < differences.length; i++) differences[i] = coefficients[i + taps]! - coefficients[i]!;
  }
  return { phases, taps, halfTaps, coefficients, differences, cutoff };
}
