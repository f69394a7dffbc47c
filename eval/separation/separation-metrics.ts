/**
 * Quality of a separated stem against its reference, multichannel (energies summed over
 * channels; the estimate must have the reference's channel count and length):
 * - `sdr`: 10·log10(Σ‖s‖² / Σ‖s − ŝ‖²), no allowed scaling or filtering: the "SDR" of the Music
 *   Demixing Challenge (Mitsufuji et al. 2022, "Music Demixing Challenge 2021", Frontiers in
 *   Signal Processing 1, eq. 1), over the whole track.
 * - `siSdr`: scale-invariant SDR (Le Roux, Wisdom, Erdogan & Hershey 2019, "SDR — half-baked
 *   or well done?", ICASSP, eq. 2), one optimal gain α = ⟨ŝ, s⟩/‖s‖² for all channels:
 *   10·log10(‖αs‖² / ‖αs − ŝ‖²).
 * - `bssEvalSdr`: BSS Eval's SDR (Vincent, Gribonval & Févotte 2006, "Performance measurement in
 *   blind audio source separation", IEEE TASLP 14(4), with the 512-tap time-invariant distortion
 *   filter of BSS Eval v3 / mir_eval.separation.bss_eval_sources): per channel, the target is the
 *   least-squares projection of ŝ onto s delayed by 0…L−1 samples, s_target = Σ_l a_l·s[n − l];
 *   SDR = 10·log10(Σ‖s_target‖² / Σ‖ŝ − s_target‖²). With one source this is the whole
 *   decomposition (no interference term): the metric forgives a fixed filtering of the stem
 *   (equalisation, a small delay) and counts everything else as error. Whole-track, not the
 *   1-s framewise median of museval.
 * Correlations for the projection are computed by Float64 FFTs in overlapping blocks (exact
 * linear correlation), the Toeplitz normal equations solved by Levinson's recursion.
 */
import { createComplexFft64 } from "./fft64.js";

function checkPair(reference: readonly Float32Array[], estimate: readonly Float32Array[]): void {
  if (reference.length !== estimate.length || reference.some((r, c) => r.length !== estimate[c]!.length)) {
    throw new RangeError("separation metrics: estimate and reference must have the same channels and lengths");
  }
}

function db(numerator: number, denominator: number): number {
  if (denominator <= 0) return Number.POSITIVE_INFINITY;
  if (numerator <= 0) return Number.NEGATIVE_INFINITY;
  return 10 * Math.log10(numerator / denominator);
}

export function sdr(reference: readonly Float32Array[], estimate: readonly Float32Array[]): number {
  checkPair(reference, estimate);
  let signal = 0;
  let error = 0;
  for (let c = 0; c < reference.length; c++) {
    const r = reference[c]!;
    const e = estimate[c]!;
    for (let i = 0; i < r.length; i++) {
      signal += r[i]! * r[i]!;
      const d = r[i]! - e[i]!;
      error += d * d;
    }
  }
  return db(signal, error);
}

export function siSdr(reference: readonly Float32Array[], estimate: readonly Float32Array[]): number {
  checkPair(reference, estimate);
  let referenceEnergy = 0;
  let cross = 0;
  let estimateEnergy = 0;
  for (let c = 0; c < reference.length; c++) {
    const r = reference[c]!;
    const e = estimate[c]!;
    for (let i = 0; i < r.length; i++) {
      referenceEnergy += r[i]! * r[i]!;
      cross += r[i]! * e[i]!;
      estimateEnergy += e[i]! * e[i]!;
    }
  }
  if (referenceEnergy === 0) return Number.NaN;
  // ‖αs‖² = cross²/‖s‖²; ‖αs − ŝ‖² = ‖ŝ‖² − cross²/‖s‖².
  const target = (cross * cross) / referenceEnergy;
  return db(target, estimateEnergy - target);
}

/** Taps of BSS Eval v3's distortion filter (mir_eval's default). */
export const BSS_EVAL_FILTER_LENGTH = 512;

/**
 * BSS Eval SDRs of several estimates of one reference (the reference's correlations are
 * computed once). Returns one value per estimate.
 */
export function bssEvalSdr(
  reference: readonly Float32Array[],
  estimates: readonly (readonly Float32Array[])[],
  filterLength = BSS_EVAL_FILTER_LENGTH,
): number[] {
  for (const estimate of estimates) checkPair(reference, estimate);
  const targetEnergy = new Float64Array(estimates.length);
  const errorEnergy = new Float64Array(estimates.length);
  for (let c = 0; c < reference.length; c++) {
    const correlations = blockCorrelations(
      reference[c]!,
      estimates.map((estimate) => estimate[c]!),
      filterLength,
    );
    for (let k = 0; k < estimates.length; k++) {
      const cross = correlations.cross[k]!;
      const taps = solveSymmetricToeplitz(correlations.auto, cross);
      // At the least-squares optimum ‖s_target‖² = aᵀc and ‖ŝ − s_target‖² = ‖ŝ‖² − aᵀc.
      let projected = 0;
      for (let l = 0; l < filterLength; l++) projected += taps[l]! * cross[l]!;
      targetEnergy[k]! += projected;
      errorEnergy[k]! += correlations.estimateEnergy[k]! - projected;
    }
  }
  return Array.from(targetEnergy, (target, k) => db(target, errorEnergy[k]!));
}

interface Correlations {
  /** r[l] = Σ_n s[n]·s[n − l], l = 0…L−1. */
  readonly auto: Float64Array;
  /** c_k[l] = Σ_n ŝ_k[n]·s[n − l], l = 0…L−1, per estimate. */
  readonly cross: readonly Float64Array[];
  readonly estimateEnergy: Float64Array;
}

/** Block size of the FFT correlations (the FFT is twice this). */
const CORRELATION_BLOCK = 1 << 15;

/**
 * Lagged correlations by overlap-save: for each block of B samples, the FFT of the reference
 * over [start − L + 1, start + B) against the FFT of each target's block (zero-padded, placed at
 * L − 1) gives every product target[n]·s[n − l] with n in the block exactly once. Targets: the
 * reference itself (autocorrelation), then each estimate. Two real sequences share each complex
 * FFT, forward and inverse.
 */
function blockCorrelations(reference: Float32Array, estimates: readonly Float32Array[], lags: number): Correlations {
  const length = reference.length;
  const size = 2 * CORRELATION_BLOCK;
  const fft = createComplexFft64(size);
  const targets = [reference, ...estimates];
  const sums = targets.map(() => new Float64Array(lags));
  const energies = new Float64Array(targets.length);
  // Spectra: the reference segment, then every target block.
  const spectraRe = Array.from({ length: targets.length + 1 }, () => new Float64Array(size));
  const spectraIm = Array.from({ length: targets.length + 1 }, () => new Float64Array(size));
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const fill = (out: Float64Array, sequence: number, start: number, count: number): number => {
    out.fill(0);
    let energy = 0;
    if (sequence === 0) {
      for (let i = 0; i < count + lags - 1; i++) {
        const n = start - lags + 1 + i;
        if (n >= 0 && n < length) out[i] = reference[n]!;
      }
      return 0;
    }
    const target = targets[sequence - 1]!;
    for (let i = 0; i < count; i++) {
      const value = target[start + i]!;
      out[lags - 1 + i] = value;
      energy += value * value;
    }
    return energy;
  };
  for (let start = 0; start < length; start += CORRELATION_BLOCK) {
    const count = Math.min(CORRELATION_BLOCK, length - start);
    for (let first = 0; first < targets.length + 1; first += 2) {
      const second = first + 1;
      const energyFirst = fill(re, first, start, count);
      if (first > 0) energies[first - 1]! += energyFirst;
      if (second < targets.length + 1) energies[second - 1]! += fill(im, second, start, count);
      else im.fill(0);
      fft.forward(re, im);
      unpackPair(re, im, spectraRe[first]!, spectraIm[first]!, spectraRe[second], spectraIm[second]);
    }
    const refRe = spectraRe[0]!;
    const refIm = spectraIm[0]!;
    for (let first = 0; first < targets.length; first += 2) {
      const second = first + 1;
      // Σ_i t[i]·r[i − m] is the inverse transform of T·conj(R) at m; both products are
      // Hermitian (real results), so the second rides in the imaginary part.
      for (let i = 0; i < size; i++) {
        const aRe = spectraRe[first + 1]![i]!;
        const aIm = spectraIm[first + 1]![i]!;
        let pRe = aRe * refRe[i]! + aIm * refIm[i]!;
        let pIm = aIm * refRe[i]! - aRe * refIm[i]!;
        if (second < targets.length) {
          const bRe = spectraRe[second + 1]![i]!;
          const bIm = spectraIm[second + 1]![i]!;
          const qRe = bRe * refRe[i]! + bIm * refIm[i]!;
          const qIm = bIm * refRe[i]! - bRe * refIm[i]!;
          pRe -= qIm;
          pIm += qRe;
        }
        re[i] = pRe;
        im[i] = pIm;
      }
      fft.inverse(re, im);
      for (let l = 0; l < lags; l++) {
        sums[first]![l]! += re[l]!;
        if (second < targets.length) sums[second]![l]! += im[l]!;
      }
    }
  }
  return { auto: sums[0]!, cross: sums.slice(1), estimateEnergy: energies.subarray(1) };
}

/**
 * Splits Z = FFT(x + i·y) of two real sequences: X[k] = (Z[k] + conj Z[−k])/2,
 * Y[k] = (Z[k] − conj Z[−k])/(2i). The second output may be absent.
 */
function unpackPair(
  zRe: Float64Array,
  zIm: Float64Array,
  xRe: Float64Array,
  xIm: Float64Array,
  yRe: Float64Array | undefined,
  yIm: Float64Array | undefined,
): void {
  const size = zRe.length;
  for (let k = 0; k < size; k++) {
    const m = k === 0 ? 0 : size - k;
    const aRe = zRe[k]!;
    const aIm = zIm[k]!;
    const bRe = zRe[m]!;
    const bIm = -zIm[m]!;
    xRe[k] = 0.5 * (aRe + bRe);
    xIm[k] = 0.5 * (aIm + bIm);
    if (yRe !== undefined && yIm !== undefined) {
      // (a − b)/(2i) = −i(a − b)/2
      yRe[k] = 0.5 * (aIm - bIm);
      yIm[k] = -0.5 * (aRe - bRe);
    }
  }
}

/**
 * Solves T·x = y for the symmetric Toeplitz T with first row `first` (positive definite) by
 * Levinson's recursion, O(n²). A tiny diagonal load (1e−10 of the energy) keeps a reference
 * that is silent in some band solvable.
 */
export function solveSymmetricToeplitz(first: Float64Array, rhs: Float64Array): Float64Array {
  const n = first.length;
  const r0 = first[0]! * (1 + 1e-10) + 1e-30;
  const forward = new Float64Array(n);
  const x = new Float64Array(n);
  const scratch = new Float64Array(n);
  forward[0] = 1 / r0;
  x[0] = rhs[0]! / r0;
  for (let m = 1; m < n; m++) {
    // Error of the current forward vector on the new row.
    let errorForward = 0;
    for (let i = 0; i < m; i++) errorForward += first[m - i]! * forward[i]!;
    const denominator = 1 - errorForward * errorForward;
    // Symmetric: the backward vector is the forward one reversed.
    for (let i = 0; i <= m; i++) {
      const f = i < m ? forward[i]! : 0;
      const b = i > 0 ? forward[m - i]! : 0;
      scratch[i] = (f - errorForward * b) / denominator;
    }
    for (let i = 0; i <= m; i++) forward[i] = scratch[i]!;
    let errorX = 0;
    for (let i = 0; i < m; i++) errorX += first[m - i]! * x[i]!;
    const correction = rhs[m]! - errorX;
    // Add correction × backward vector (the new forward vector reversed).
    for (let i = 0; i <= m; i++) x[i]! += correction * forward[m - i]!;
  }
  return x;
}
