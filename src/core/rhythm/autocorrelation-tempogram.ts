/**
 * Autocorrelation of an onset strength envelope over the lags of musical tempi: the
 * periodicity evidence for tempo estimation. The envelope is mean-removed over the analysed
 * span and the autocorrelation is normalised by the number of overlapping frames
 * (unbiased), so spans of any length compare. `localTempogram` repeats this over sliding
 * windows for a tempo curve. `envelopeAutocorrelationFft` computes the same values through
 * the Wiener–Khinchin theorem (r = IFFT(|FFT(x)|²), zero padded against wrap-around), in
 * O(N log N) instead of O(N · maxLag): for whole songs.
 * Output r[τ] for τ = 0 … maxLag frames (Float64Array, r[0] = variance).
 * Reference: Ellis (2007), "Beat tracking by dynamic programming", JNMR 36(1), section 3.1;
 *   Grosche & Müller (2011), "Extracting predominant local pulse information from music
 *   recordings", IEEE TASLP 19(6) (autocorrelation tempogram).
 */
import { createRealFft, type RealFft } from "../dsp/real-fft.js";

/**
 * r[τ], τ = 0 … maxLag, of `envelope[start … start + length)` with its mean removed; with
 * `minLag` > 1, the lags 1 … minLag − 1 are left 0 (a caller that reads only longer lags skips them).
 */
export function envelopeAutocorrelation(
  envelope: Float32Array,
  maxLag: number,
  start = 0,
  length: number = envelope.length - start,
  out: Float64Array = new Float64Array(maxLag + 1),
  scratch: Float64Array = new Float64Array(length),
  minLag = 1,
): Float64Array {
  if (!(Number.isInteger(maxLag) && maxLag >= 0)) {
    throw new RangeError(`envelopeAutocorrelation: maxLag must be an integer ≥ 0, got ${maxLag}`);
  }
  out.fill(0);
  if (length <= 1) return out;
  let mean = 0;
  for (let i = 0; i < length; i++) mean += envelope[start + i]!;
  mean /= length;
  for (let i = 0; i < length; i++) scratch[i] = envelope[start + i]! - mean;
  const lags = Math.min(maxLag, length - 1);
  out[0] = lagSum(scratch, length, 0) / length;
  let lag = Math.max(1, minLag);
  // The lags beyond a multiple of four first, one at a time: every branch then runs before the
  // long sweep below gets optimised, so the optimised code never meets an untried one.
  for (let single = (lags - lag + 1) % 4; single > 0; single--, lag++) {
    out[lag] = lagSum(scratch, length, lag) / (length - lag);
  }
  // Four lags per sweep: four independent sums instead of one long dependency chain; each
  // still adds its products in ascending i, so every value is the one-lag loop's to the bit.
  for (; lag + 3 <= lags; lag += 4) {
    // The first three products of the shorter lags, in order, before all four overlap.
    let s0 = scratch[lag]! * scratch[0]!;
    s0 += scratch[lag + 1]! * scratch[1]!;
    s0 += scratch[lag + 2]! * scratch[2]!;
    let s1 = scratch[lag + 1]! * scratch[0]!;
    s1 += scratch[lag + 2]! * scratch[1]!;
    let s2 = scratch[lag + 2]! * scratch[0]!;
    let s3 = 0;
    for (let i = lag + 3; i < length; i++) {
      const x = scratch[i]!;
      s0 += x * scratch[i - lag]!;
      s1 += x * scratch[i - lag - 1]!;
      s2 += x * scratch[i - lag - 2]!;
      s3 += x * scratch[i - lag - 3]!;
    }
    out[lag] = s0 / (length - lag);
    out[lag + 1] = s1 / (length - lag - 1);
    out[lag + 2] = s2 / (length - lag - 2);
    out[lag + 3] = s3 / (length - lag - 3);
  }
  return out;
}

/** Σ_{i = lag}^{length − 1} x[i]·x[i − lag], i ascending. */
function lagSum(x: Float64Array, length: number, lag: number): number {
  let sum = 0;
  for (let i = lag; i < length; i++) sum += x[i]! * x[i - lag]!;
  return sum;
}

/** `envelopeAutocorrelation` of the whole envelope by FFT (same values up to rounding). */
export function envelopeAutocorrelationFft(
  envelope: Float32Array,
  maxLag: number,
  createFft: (size: number) => RealFft = createRealFft,
): Float64Array {
  if (!(Number.isInteger(maxLag) && maxLag >= 0)) {
    throw new RangeError(`envelopeAutocorrelationFft: maxLag must be an integer ≥ 0, got ${maxLag}`);
  }
  const out = new Float64Array(maxLag + 1);
  const length = envelope.length;
  if (length <= 1) return out;
  const lags = Math.min(maxLag, length - 1);
  let size = 2;
  while (size < length + lags + 1) size *= 2;
  let mean = 0;
  for (let i = 0; i < length; i++) mean += envelope[i]!;
  mean /= length;
  const signal = new Float32Array(size);
  for (let i = 0; i < length; i++) signal[i] = envelope[i]! - mean;
  const fft = createFft(size);
  const spectrum = new Float32Array(size + 2);
  try {
    fft.forward(signal, spectrum);
    for (let k = 0; k < spectrum.length; k += 2) {
      spectrum[k] = spectrum[k]! * spectrum[k]! + spectrum[k + 1]! * spectrum[k + 1]!;
      spectrum[k + 1] = 0;
    }
    fft.inverse(spectrum, signal);
  } finally {
    fft.dispose?.();
  }
  for (let lag = 0; lag <= lags; lag++) out[lag] = signal[lag]! / (length - lag);
  return out;
}

/** Lag in frames of a tempo at a frame rate. */
export function tempoToLag(tempoBpm: number, frameRate: number): number {
  return (60 * frameRate) / tempoBpm;
}

/** Tempo of a lag in frames at a frame rate. */
export function lagToTempo(lag: number, frameRate: number): number {
  return (60 * frameRate) / lag;
}

/** Linear interpolation of r at a fractional lag (0 beyond the end). */
export function autocorrelationAt(autocorrelation: Float64Array, lag: number): number {
  if (!(lag >= 0)) return 0;
  const index = Math.floor(lag);
  if (index + 1 >= autocorrelation.length) return index < autocorrelation.length ? autocorrelation[index]! : 0;
  const fraction = lag - index;
  return autocorrelation[index]! * (1 - fraction) + autocorrelation[index + 1]! * fraction;
}
