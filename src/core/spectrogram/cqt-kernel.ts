/**
 * Plan and spectral kernel of the multirate constant-Q transform in `cqt.ts`.
 * Bins k = 0…K−1 sit at f_k = minHz·2^(k/B) (B bins per octave, K = ⌊B·log2(maxHz/minHz)⌋ + 1),
 * Q = filterScale/(2^(1/B) − 1), and bin k is the inner product of the signal with
 *   a_k[n] = w_k[n]/Σw_k · e^(2πi f_k n / r),  w_k a Hann window of L_k = Q·r/f_k samples,
 * so a sinusoid of amplitude A at f_k gives |X_k| ≈ A (the factor 2 for the negative
 * frequency is in the kernel). Octaves are processed from the top: the signal is first
 * decimated by 2^p (the largest power of two whose rate r₀ keeps maxHz·(1 + 2/Q) below
 * 0.45·r₀, where the half-band decimator is clean), and each lower octave halves the rate
 * again, so ONE kernel of FFT size N = nextPow2(max L) serves every octave
 * (Schörkhuber & Klapuri). By Parseval, X_k = (1/N)·Σ_j X[j]·conj(A_k[j]) with A_k = DFT(a_k);
 * a_k is analytic, so j runs over 0…N/2 only, and entries below `sparsity`·max|A_k| are
 * dropped (Brown & Puckette): each row keeps one contiguous range of FFT bins.
 * References: Brown & Puckette (1992), "An efficient algorithm for the calculation of a
 *   constant Q transform", JASA 92(5); Schörkhuber & Klapuri (2010), "Constant-Q transform
 *   toolbox for music processing", SMC 2010.
 */
import { createRealFft } from "../dsp/real-fft.js";

export interface CqtOptions {
  /** Centre of the lowest bin (Hz); > 0. */
  readonly minHz: number;
  /** Highest centre frequency wanted (Hz); the top bin is the last f_k ≤ maxHz. */
  readonly maxHz: number;
  /** Bins per octave; integer ≥ 1. */
  readonly binsPerOctave: number;
  /** Window length scale (1 = the classic Q); > 0. */
  readonly filterScale: number;
  /** Kernel entries below this fraction of a row's peak are dropped; 0 ≤ sparsity < 1. */
  readonly sparsity: number;
}

export const CQT_DEFAULTS: CqtOptions = {
  minHz: 32.703,
  maxHz: 8000,
  binsPerOctave: 36,
  filterScale: 1,
  sparsity: 0.0054,
};

export interface CqtPlan {
  readonly bins: number;
  readonly binsPerOctave: number;
  /** Centre frequency of each bin (Hz), ascending. */
  readonly frequencies: Float64Array;
  /** Octave groups (the top one first); the last may be partial. */
  readonly octaves: number;
  /** Halvings before the top octave (rate r₀ = sampleRate/2^p). */
  readonly preDecimation: number;
  /** FFT size N of the kernel. */
  readonly fftSize: number;
  /** Frame hops must be multiples of this (2^(p + octaves − 1)) so every octave's centres fall on samples. */
  readonly hopQuantum: number;
  /** Row j (j = 0…B−1, frequency f_top·2^(−j/B) at rate r₀): kernel bins [start[j], start[j] + length). */
  readonly rowStart: Int32Array;
  readonly rowOffset: Int32Array;
  /** 2·conj(A[j])/N, interleaved re/im, rows concatenated (rowOffset indexes complex entries). */
  readonly weights: Float32Array;
}

export function createCqtPlan(sampleRate: number, options: Partial<CqtOptions> = {}): CqtPlan {
  const { minHz, maxHz, binsPerOctave, filterScale, sparsity } = { ...CQT_DEFAULTS, ...options };
  if (!(Number.isInteger(binsPerOctave) && binsPerOctave >= 1)) {
    throw new RangeError(`createCqtPlan: binsPerOctave must be an integer ≥ 1, got ${binsPerOctave}`);
  }
  if (!(minHz > 0 && maxHz >= minHz)) {
    throw new RangeError(`createCqtPlan: need 0 < minHz ≤ maxHz, got ${minHz}…${maxHz}`);
  }
  if (!(filterScale > 0 && sparsity >= 0 && sparsity < 1)) {
    throw new RangeError("createCqtPlan: filterScale must be > 0 and 0 ≤ sparsity < 1");
  }
  const bins = Math.floor(binsPerOctave * Math.log2(maxHz / minHz) + 1e-9) + 1;
  const frequencies = new Float64Array(bins);
  for (let k = 0; k < bins; k++) frequencies[k] = minHz * 2 ** (k / binsPerOctave);
  const topHz = frequencies[bins - 1]!;
  const q = filterScale / (2 ** (1 / binsPerOctave) - 1);
  if (topHz * (1 + 2 / q) > 0.5 * sampleRate) {
    throw new RangeError(`createCqtPlan: maxHz ${maxHz} is too close to the Nyquist frequency ${sampleRate / 2}`);
  }
  let preDecimation = 0;
  while (topHz * (1 + 2 / q) <= 0.45 * (sampleRate / 2 ** (preDecimation + 1))) preDecimation++;
  const rate = sampleRate / 2 ** preDecimation;
  const octaves = Math.ceil(bins / binsPerOctave);
  const lowestInOctave = topHz * 2 ** (-(binsPerOctave - 1) / binsPerOctave);
  const longest = Math.ceil((q * rate) / lowestInOctave);
  let fftSize = 2;
  while (fftSize < longest + 1) fftSize *= 2;
  const kernel = spectralKernel(rate, topHz, binsPerOctave, q, fftSize, sparsity);
  return {
    bins,
    binsPerOctave,
    frequencies,
    octaves,
    preDecimation,
    fftSize,
    hopQuantum: 2 ** (preDecimation + octaves - 1),
    ...kernel,
  };
}

function spectralKernel(
  rate: number,
  topHz: number,
  binsPerOctave: number,
  q: number,
  size: number,
  sparsity: number,
): Pick<CqtPlan, "rowStart" | "rowOffset" | "weights"> {
  const fft = createRealFft(size);
  const re = new Float32Array(size);
  const im = new Float32Array(size);
  const specRe = new Float32Array(size + 2);
  const specIm = new Float32Array(size + 2);
  const half = size / 2;
  const rowStart = new Int32Array(binsPerOctave);
  const rowOffset = new Int32Array(binsPerOctave + 1);
  const rows: Float32Array[] = [];
  const aRe = new Float64Array(half + 1);
  const aIm = new Float64Array(half + 1);
  for (let j = 0; j < binsPerOctave; j++) {
    const frequency = topHz * 2 ** (-j / binsPerOctave);
    const length = (q * rate) / frequency;
    re.fill(0);
    im.fill(0);
    let windowSum = 0;
    const reach = Math.min(half - 1, Math.floor(length / 2));
    for (let m = -reach; m <= reach; m++) windowSum += 0.5 + 0.5 * Math.cos((2 * Math.PI * m) / length);
    for (let m = -reach; m <= reach; m++) {
      const w = (0.5 + 0.5 * Math.cos((2 * Math.PI * m) / length)) / windowSum;
      const phase = (2 * Math.PI * frequency * m) / rate;
      re[half + m] = w * Math.cos(phase);
      im[half + m] = w * Math.sin(phase);
    }
    fft.forward(re, specRe);
    fft.forward(im, specIm);
    let peak = 0;
    for (let k = 0; k <= half; k++) {
      // A = R + i·I with R = DFT(re), I = DFT(im) (both complex).
      aRe[k] = specRe[2 * k]! - specIm[2 * k + 1]!;
      aIm[k] = specRe[2 * k + 1]! + specIm[2 * k]!;
      peak = Math.max(peak, Math.hypot(aRe[k]!, aIm[k]!));
    }
    let first = half;
    let last = 0;
    for (let k = 0; k <= half; k++) {
      if (Math.hypot(aRe[k]!, aIm[k]!) >= sparsity * peak) {
        first = Math.min(first, k);
        last = k;
      }
    }
    const row = new Float32Array(2 * (last - first + 1));
    for (let k = first; k <= last; k++) {
      row[2 * (k - first)] = (2 * aRe[k]!) / size;
      row[2 * (k - first) + 1] = (-2 * aIm[k]!) / size;
    }
    rowStart[j] = first;
    rowOffset[j + 1] = rowOffset[j]! + (last - first + 1);
    rows.push(row);
  }
  const weights = new Float32Array(2 * rowOffset[binsPerOctave]!);
  for (const [j, row] of rows.entries()) weights.set(row, 2 * rowOffset[j]!);
  return { rowStart, rowOffset, weights };
}
