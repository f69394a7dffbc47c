/**
 * The polyphase interpolation filter of the true-peak meter (ITU-R BS.1770-4, Annex 2):
 * between each pair of samples x[n], x[n+1] it computes the signal at the fractions
 * p/factor (p = 1 … factor−1) with a Kaiser-windowed sinc of `taps` taps centred on the point:
 *   y(n + f) = Σ_{k = 1−taps/2}^{taps/2} c_f[k] · x[n + k],   c_f[k] ∝ sinc(k − f) · kaiser((k − f)/(taps/2))
 * Phase 0 is x[n] itself, so the oversampled signal passes through the samples and the true
 * peak is never below the sample peak. Each phase is normalised to unity gain at DC and exact
 * first moment (Σ k·c_f[k] = f), so it reproduces constants and straight lines exactly.
 * With 16 taps and β = 5 the gain error is below 0.07 dB up to 0.4·fs (17.6 kHz at 44.1 kHz).
 *
 * Oversampling factor as BS.1770-4 applies it and the reference meters implement it
 * (libebur128, ffmpeg's ebur128 filter): ×4 below 96 kHz, ×2 below 192 kHz, none (sample
 * peak) from 192 kHz up. A finer factor would read a full-scale 20 kHz sine up to 0.2 dB
 * nearer its analogue peak at 44.1 kHz, but then disagrees with every compliant meter by as
 * much (measured on rendered songs: 0.13 dB mean against the 4× reference, 0.09 dB at 4×).
 *
 * Two exact bounds let the meter skip stretches that cannot raise the peak found so far:
 * |y| ≤ l1Bound · max|x| over the support, and, because y − (linear interpolation) annihilates
 * straight lines, y = lin + Σ q_j·Δ²x[j] with |y| ≤ max(|x[n]|, |x[n+1]|) + curvatureBound · max|Δ²x|
 * over the support. The second is tight for the low-frequency content that dominates music.
 * Reference: ITU-R BS.1770-4 (2015), Annex 2; J. F. Kaiser (1974), "Nonrecursive digital filter
 *   design using the I0-sinh window function".
 */
import type { Hz } from "../types.js";

export interface TruePeakInterpolator {
  /** Oversampling factor (≥ 1); 1 means no interpolation (the true peak is the sample peak). */
  readonly factor: number;
  /** Taps per phase (even); the support of point n + f is x[n + 1 − taps/2 … n + taps/2]. */
  readonly taps: number;
  /** (factor − 1) rows of `taps` coefficients, phase p = 1 … factor−1, tap k = 1−taps/2 … taps/2. */
  readonly coefficients: Float64Array;
  /** Largest Σ|c_f[k]| over the phases. */
  readonly l1Bound: number;
  /** Largest Σ|q_f[j]| over the phases, where c_f − (linear interpolation) = q_f ∗ [1, −2, 1]. */
  readonly curvatureBound: number;
}

/** From this rate up, the true peak is the sample peak (BS.1770-4 practice: ×2 from 96 kHz, ×4 below). */
export const TRUE_PEAK_TARGET_RATE: Hz = 192000;
/** Taps per phase of the interpolation filter. */
export const TRUE_PEAK_TAPS = 16;
/** Kaiser window β of the interpolation filter. */
export const TRUE_PEAK_KAISER_BETA = 5;

/** ×4 below 96 kHz, ×2 below 192 kHz, 1 from 192 kHz up. */
export function truePeakOversampling(sampleRate: Hz): number {
  if (!(Number.isFinite(sampleRate) && sampleRate > 0)) {
    throw new RangeError(`truePeakOversampling: sampleRate must be a finite number > 0, got ${sampleRate}`);
  }
  if (sampleRate >= TRUE_PEAK_TARGET_RATE) return 1;
  return sampleRate >= TRUE_PEAK_TARGET_RATE / 2 ? 2 : 4;
}

/** Designs the interpolator for an oversampling `factor` (integer ≥ 1). */
export function designTruePeakInterpolator(
  factor: number,
  taps = TRUE_PEAK_TAPS,
  kaiserBeta = TRUE_PEAK_KAISER_BETA,
): TruePeakInterpolator {
  if (!(Number.isInteger(factor) && factor >= 1)) {
    throw new RangeError(`designTruePeakInterpolator: factor must be an integer ≥ 1, got ${factor}`);
  }
  if (!(Number.isInteger(taps) && taps >= 4 && taps % 2 === 0)) {
    throw new RangeError(`designTruePeakInterpolator: taps must be an even integer ≥ 4, got ${taps}`);
  }
  const half = taps / 2;
  const coefficients = new Float64Array((factor - 1) * taps);
  let l1Bound = 0;
  let curvatureBound = 0;
  for (let phase = 1; phase < factor; phase++) {
    const fraction = phase / factor;
    const row = coefficients.subarray((phase - 1) * taps, phase * taps);
    for (let index = 0; index < taps; index++) {
      const offset = index + 1 - half - fraction;
      row[index] = sinc(offset) * kaiser(offset / half, kaiserBeta);
    }
    normalisePhase(row, half, fraction);
    l1Bound = Math.max(l1Bound, sumOfMagnitudes(row));
    curvatureBound = Math.max(curvatureBound, curvatureNorm(row, half, fraction));
  }
  return { factor, taps, coefficients, l1Bound, curvatureBound };
}

function sinc(x: number): number {
  return x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
}

/** Kaiser window at r ∈ [−1, 1]: I0(β·√(1 − r²)) / I0(β). */
function kaiser(r: number, beta: number): number {
  return besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / besselI0(beta);
}

/** Modified Bessel function of the first kind, order 0 (power series; converges fast for x < 20). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 60 && term > 1e-17 * sum; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
  }
  return sum;
}

/** Unity DC gain, then the first moment moved onto the two central taps so Σ k·c[k] = fraction. */
function normalisePhase(row: Float64Array, half: number, fraction: number): void {
  let sum = 0;
  for (const value of row) sum += value;
  let moment = 0;
  for (let index = 0; index < row.length; index++) {
    row[index] = row[index]! / sum;
    moment += (index + 1 - half) * row[index]!;
  }
  // Taps k = 0 and k = 1 sit at indices half − 1 and half; shifting m from one to the other changes Σ k·c by m.
  const excess = moment - fraction;
  row[half] = row[half]! - excess;
  row[half - 1] = row[half - 1]! + excess;
}

function sumOfMagnitudes(values: Float64Array): number {
  let sum = 0;
  for (const value of values) sum += Math.abs(value);
  return sum;
}

/**
 * Σ|q| where c − lin = q ∗ [1, −2, 1]: the residual after linear interpolation, integrated twice
 * (it sums to 0 and has zero first moment, so the double running sum ends at 0).
 */
function curvatureNorm(row: Float64Array, half: number, fraction: number): number {
  const residual = Float64Array.from(row);
  residual[half - 1] = residual[half - 1]! - (1 - fraction);
  residual[half] = residual[half]! - fraction;
  let first = 0;
  let second = 0;
  let norm = 0;
  for (let index = 0; index < residual.length - 2; index++) {
    first += residual[index]!;
    second += first;
    norm += Math.abs(second);
  }
  return norm;
}
