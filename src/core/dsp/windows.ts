/**
 * Tapering windows as Float32Array: Hann, Hamming, Blackman, 4-term Blackman–Harris
 * (generalised cosine windows) and Kaiser (zeroth-order Bessel).
 * Symmetric windows (for filter design) satisfy w[n] = w[M−1−n]; periodic windows
 * (for spectral analysis and STFT, the "DFT-even" form) are the symmetric window of
 * length M+1 without its last sample, as in scipy.signal.get_window and librosa.
 * Length 0 gives an empty window and length 1 gives [1]. Memoising is the caller's business.
 * References: Harris (1978), "On the use of windows for harmonic analysis with the DFT",
 *   Proc. IEEE 66(1); Kaiser (1974), "Nonrecursive digital filter design using the
 *   I0-sinh window function", Proc. IEEE ISCAS.
 */

export type WindowKind = "hann" | "hamming" | "blackman" | "blackman-harris" | "kaiser";
export type WindowSymmetry = "periodic" | "symmetric";

export interface WindowOptions {
  /** "periodic" for STFT analysis (default), "symmetric" for FIR design. */
  readonly symmetry: WindowSymmetry;
  /** Kaiser shape parameter β ≥ 0 (0 = rectangular; 8.6 ≈ Blackman-like sidelobes). */
  readonly kaiserBeta: number;
}

export const WINDOW_DEFAULTS: WindowOptions = { symmetry: "periodic", kaiserBeta: 8.6 };

/** Cosine-sum coefficients a0…a3 of w[n] = Σ (−1)^j·a_j·cos(2πjn/(M−1)). */
const COSINE_COEFFICIENTS = {
  hann: [0.5, 0.5, 0, 0],
  hamming: [0.54, 0.46, 0, 0],
  blackman: [0.42, 0.5, 0.08, 0],
  "blackman-harris": [0.35875, 0.48829, 0.14128, 0.01168],
} as const;

/** A window of `length` samples of the given kind. */
export function createWindow(kind: WindowKind, length: number, options: Partial<WindowOptions> = {}): Float32Array {
  const { symmetry, kaiserBeta } = { ...WINDOW_DEFAULTS, ...options };
  checkLength("createWindow", length);
  if (kind === "kaiser") return kaiserWindow(length, kaiserBeta, symmetry);
  const coefficients = COSINE_COEFFICIENTS[kind];
  if (coefficients === undefined) throw new RangeError(`createWindow: kind must be a WindowKind, got ${String(kind)}`);
  return cosineSumWindow(coefficients, length, symmetry);
}

export function hannWindow(length: number, symmetry: WindowSymmetry = "periodic"): Float32Array {
  checkLength("hannWindow", length);
  return cosineSumWindow(COSINE_COEFFICIENTS.hann, length, symmetry);
}

export function hammingWindow(length: number, symmetry: WindowSymmetry = "periodic"): Float32Array {
  checkLength("hammingWindow", length);
  return cosineSumWindow(COSINE_COEFFICIENTS.hamming, length, symmetry);
}

export function blackmanWindow(length: number, symmetry: WindowSymmetry = "periodic"): Float32Array {
  checkLength("blackmanWindow", length);
  return cosineSumWindow(COSINE_COEFFICIENTS.blackman, length, symmetry);
}

export function blackmanHarrisWindow(length: number, symmetry: WindowSymmetry = "periodic"): Float32Array {
  checkLength("blackmanHarrisWindow", length);
  return cosineSumWindow(COSINE_COEFFICIENTS["blackman-harris"], length, symmetry);
}

/** Kaiser window w[n] = I0(β·√(1 − (2n/(M−1) − 1)²)) / I0(β). */
export function kaiserWindow(length: number, beta: number, symmetry: WindowSymmetry = "periodic"): Float32Array {
  checkLength("kaiserWindow", length);
  if (!(beta >= 0 && Number.isFinite(beta)))
    throw new RangeError(`kaiserWindow: beta must be finite and ≥ 0, got ${beta}`);
  const out = new Float32Array(length);
  if (length === 1) out[0] = 1;
  if (length <= 1) return out;
  const span = symmetry === "periodic" ? length : length - 1;
  const norm = 1 / besselI0(beta);
  for (let n = 0; n < length; n++) {
    const ratio = (2 * n) / span - 1;
    out[n] = besselI0(beta * Math.sqrt(Math.max(0, 1 - ratio * ratio))) * norm;
  }
  return out;
}

/**
 * Modified Bessel function of the first kind, order 0, by its power series
 * I0(x) = Σ ((x/2)^k / k!)², summed until terms fall below 1e−17 of the sum (exact to ≈ 1 ulp for |x| ≤ 700).
 */
export function besselI0(x: number): number {
  const quarterSquare = (x * x) / 4;
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 1000; k++) {
    term *= quarterSquare / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

function cosineSumWindow(coefficients: readonly number[], length: number, symmetry: WindowSymmetry): Float32Array {
  const out = new Float32Array(length);
  if (length === 1) out[0] = 1;
  if (length <= 1) return out;
  const span = symmetry === "periodic" ? length : length - 1;
  const [a0, a1, a2, a3] = coefficients as readonly [number, number, number, number];
  if (a2 === 0 && a3 === 0) {
    // Hann, Hamming: the zero terms would add ±0 to a0 − a1·cos, never −0 itself, so dropping
    // them (two of the three cosines) leaves every value as it was.
    for (let n = 0; n < length; n++) out[n] = a0 - a1 * Math.cos((2 * Math.PI * n) / span);
    return out;
  }
  for (let n = 0; n < length; n++) {
    const phase = (2 * Math.PI * n) / span;
    out[n] = a0 - a1 * Math.cos(phase) + a2 * Math.cos(2 * phase) - a3 * Math.cos(3 * phase);
  }
  return out;
}

function checkLength(name: string, length: number): void {
  if (!(Number.isInteger(length) && length >= 0)) {
    throw new RangeError(`${name}: length must be an integer ≥ 0, got ${length}`);
  }
}
