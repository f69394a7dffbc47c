/**
 * YIN's cumulative mean normalised difference function (CMNDF) of one frame:
 *   d(τ)  = Σ_{j=0}^{W−1} (x[j] − x[j+τ])²              (eq. 6, the difference function)
 *         = E(0) + E(τ) − 2·r(τ),  E(τ) = Σ_{j=τ}^{τ+W−1} x[j]²,  r(τ) = Σ_{j<W} x[j]·x[j+τ]
 *   d'(0) = 1,  d'(τ) = d(τ) · τ / Σ_{k=1}^{τ} d(k)      (eq. 8)
 * for τ = 0 … maxLag, with the integration window W = frameLength − maxLag, so the lagged
 * window never leaves the frame. r(τ) is a cross-correlation computed by FFT (O(N log N)
 * per frame, N = the power of two ≥ frameLength) and E(τ) by a prefix sum of squares
 * (Float64). Input: `frameLength` samples. Output: `maxLag + 1` values ≥ 0, with d'
 * ≈ 0 at multiples of the period and ≈ 1 for uncorrelated signals. A silent frame
 * (every d(τ) = 0) gives d' = 1 everywhere. `createYinDifference` allocates once;
 * the returned function allocates nothing.
 * Reference: de Cheveigné & Kawahara (2002), "YIN, a fundamental frequency estimator for
 *   speech and music", J. Acoust. Soc. Am. 111(4), §II-B…D.
 */
import { createRealFft } from "../dsp/real-fft.js";

export interface YinDifferenceOptions {
  /** Samples per analysed frame; integer ≥ 4. */
  readonly frameLength: number;
  /** Largest lag in samples (the period of the lowest pitch); integer in [1, frameLength/2]. */
  readonly maxLag: number;
}

export interface YinDifference {
  readonly frameLength: number;
  readonly maxLag: number;
  /** W: samples summed per lag. */
  readonly windowLength: number;
  /**
   * CMNDF of `frame` (length `frameLength`) into `out` (length ≥ maxLag + 1), returned.
   * `rawOut`, when given (length ≥ maxLag + 1), receives d(τ) itself.
   */
  compute(frame: Float32Array, out: Float32Array, rawOut?: Float32Array): Float32Array;
}

export function createYinDifference(options: YinDifferenceOptions): YinDifference {
  const { frameLength, maxLag } = options;
  if (!(Number.isInteger(frameLength) && frameLength >= 4)) {
    throw new RangeError(`createYinDifference: frameLength must be an integer ≥ 4, got ${frameLength}`);
  }
  if (!(Number.isInteger(maxLag) && maxLag >= 1 && 2 * maxLag <= frameLength)) {
    throw new RangeError(`createYinDifference: maxLag must be an integer in [1, ${frameLength / 2}], got ${maxLag}`);
  }
  const windowLength = frameLength - maxLag;
  let size = 2;
  while (size < frameLength) size *= 2;
  const fft = createRealFft(size);
  const whole = new Float32Array(size);
  const head = new Float32Array(size);
  const wholeSpectrum = new Float32Array(size + 2);
  const headSpectrum = new Float32Array(size + 2);
  const correlation = new Float32Array(size);
  const energy = new Float64Array(frameLength + 1);

  function compute(frame: Float32Array, out: Float32Array, rawOut?: Float32Array): Float32Array {
    if (frame.length !== frameLength) {
      throw new RangeError(`YinDifference.compute: frame length must be ${frameLength}, got ${frame.length}`);
    }
    if (out.length <= maxLag || (rawOut !== undefined && rawOut.length <= maxLag)) {
      throw new RangeError(`YinDifference.compute: outputs need ≥ ${maxLag + 1} values`);
    }
    whole.set(frame);
    head.set(frame.subarray(0, windowLength));
    head.fill(0, windowLength);
    energy[0] = 0;
    for (let j = 0; j < frameLength; j++) {
      const sample = frame[j]!;
      energy[j + 1] = energy[j]! + sample * sample;
    }
    // r(τ) = IFFT(conj(H)·X)[τ]: with N ≥ W + maxLag the negative lags wrap past maxLag.
    fft.forward(whole, wholeSpectrum);
    fft.forward(head, headSpectrum);
    for (let k = 0; k < size + 2; k += 2) {
      const hr = headSpectrum[k]!;
      const hi = headSpectrum[k + 1]!;
      const xr = wholeSpectrum[k]!;
      const xi = wholeSpectrum[k + 1]!;
      wholeSpectrum[k] = hr * xr + hi * xi;
      wholeSpectrum[k + 1] = hr * xi - hi * xr;
    }
    fft.inverse(wholeSpectrum, correlation);
    const energyZero = energy[windowLength]!;
    out[0] = 1;
    if (rawOut !== undefined) rawOut[0] = 0;
    let runningSum = 0;
    for (let lag = 1; lag <= maxLag; lag++) {
      const lagEnergy = energy[lag + windowLength]! - energy[lag]!;
      // Rounding can push a near-zero difference below zero; d(τ) ≥ 0 by definition.
      const difference = Math.max(0, energyZero + lagEnergy - 2 * correlation[lag]!);
      if (rawOut !== undefined) rawOut[lag] = difference;
      runningSum += difference;
      out[lag] = runningSum > 0 ? (difference * lag) / runningSum : 1;
    }
    return out;
  }

  return { frameLength, maxLag, windowLength, compute };
}
