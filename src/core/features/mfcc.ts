/**
 * Mel-frequency cepstral coefficients as librosa.feature.mfcc: from a power mel
 * spectrogram M (frames × melBands), per frame the orthonormal DCT-II of its dB values,
 * keeping the first `coefficients`:
 *   L[b]  = max(10·log10(max(amin, M[t, b])), Lmax − topDb), Lmax over the whole matrix
 *   c[k]  = s_k · Σ_b L[b]·cos(π·k·(2b + 1) / (2·melBands)),  s_0 = √(1/B), s_k = √(2/B)
 * (scipy.fftpack.dct type 2, norm "ortho"; no liftering). Output: frames × coefficients in
 * dB-cepstral units, frame-major. c[0] is proportional to the mean log-energy of the frame.
 * Digital silence gives L = −100 dB everywhere: c[0] = −100·√B, the others 0.
 * References: Davis & Mermelstein (1980), IEEE TASSP 28(4); McFee et al. (2015), librosa.
 */
import type { Spectrogram } from "../dsp/spectrogram.js";
import { POWER_TO_DB_DEFAULTS } from "./power-to-db.js";

export interface MfccOptions {
  /** Coefficients kept per frame; integer in [1, melBands] (librosa: 20). */
  readonly coefficients: number;
  /** Floor on the mel power before the logarithm (librosa: 1e-10). */
  readonly amin: number;
  /** Dynamic range kept below the loudest mel cell, dB; null keeps everything (librosa: 80). */
  readonly topDb: number | null;
}

export const MFCC_DEFAULTS: MfccOptions = {
  coefficients: 20,
  amin: POWER_TO_DB_DEFAULTS.amin,
  topDb: POWER_TO_DB_DEFAULTS.topDb,
};

/**
 * The level and DCT steps of `mfcc` as an accelerator computes them (WebAssembly SIMD,
 * src/accel): per frame, the caller writes the frame's mel power into `mel` and `levels` folds
 * its dB levels into `sums` and `differences` (as `mfcc`, with a logarithm that gives Math.log's
 * bits), or the caller writes the folded levels itself; `run` then writes
 * c[k] = Σ_{b < used} basis[k, b]·folded_k[b] (f64, b ascending, as the TypeScript loop) to `out`.
 */
export interface FoldedDctKernel {
  readonly sums: Float64Array;
  readonly differences: Float64Array;
  readonly out: Float32Array;
  /** One frame's mel power (melBands values), for `levels`. */
  readonly mel: Float32Array;
  /** sums and differences of the folded levels of `mel` (see `mfcc`'s `level`). */
  levels(amin: number, floorDb: number, decibelsPerNeper: number): void;
  run(): void;
}

/** Makes a kernel for `basis` (coefficients × melBands, row-major) and `used` folded values. */
export type FoldedDctKernelFactory = (
  basis: Float64Array,
  melBands: number,
  coefficients: number,
  used: number,
) => FoldedDctKernel;

/** dB level of one mel cell: 10·log10(max(amin, value)) raised to at least floorDb; NaN stays NaN. */
function level(value: number, amin: number, floorDb: number, decibelsPerNeper: number): number {
  if (Number.isNaN(value)) return Number.NaN;
  const db = decibelsPerNeper * Math.log(value > amin ? value : amin);
  return db > floorDb ? db : floorDb;
}

/** Orthonormal DCT-II basis, coefficients × size, row-major (row k = basis function k). */
export function dctIIOrthonormal(size: number, coefficients: number): Float32Array {
  const basis = new Float32Array(coefficients * size);
  for (let k = 0; k < coefficients; k++) {
    const scale = Math.sqrt((k === 0 ? 1 : 2) / size);
    for (let n = 0; n < size; n++) basis[k * size + n] = scale * Math.cos((Math.PI * k * (2 * n + 1)) / (2 * size));
  }
  return basis;
}

/**
 * MFCCs of a power mel spectrogram (see `melSpectrogram`). `out` (frames·coefficients)
 * is reused when given. Frames with NaN mel values give NaN coefficients.
 */
export function mfcc(
  melPower: Spectrogram,
  options: Partial<MfccOptions> = {},
  out?: Float32Array,
  foldedDct?: FoldedDctKernelFactory,
): Spectrogram {
  const { coefficients, amin, topDb } = { ...MFCC_DEFAULTS, ...options };
  const { frames, bins: melBands, hopSize, frameSize, sampleRate, center } = melPower;
  if (!(Number.isInteger(coefficients) && coefficients >= 1 && coefficients <= melBands)) {
    throw new RangeError(`mfcc: coefficients must be an integer in [1, ${melBands}], got ${coefficients}`);
  }
  if (!(amin > 0)) throw new RangeError(`mfcc: amin must be > 0, got ${amin}`);
  const data = out ?? new Float32Array(frames * coefficients);
  if (data.length < frames * coefficients) {
    throw new RangeError(`mfcc: out length must be ≥ ${frames * coefficients}, got ${data.length}`);
  }
  const source = melPower.data;
  let largest = amin;
  for (let i = 0; i < frames * melBands; i++) if (source[i]! > largest) largest = source[i]!;
  const floorDb = topDb === null ? Number.NEGATIVE_INFINITY : 10 * Math.log10(largest) - topDb;
  // DCT-II basis rows are symmetric (even k) or antisymmetric (odd k) about the middle band:
  // fold the levels into sums and differences of mirrored bands and use half of each row.
  const half = melBands >> 1;
  const middle = melBands % 2 === 1 ? half : -1;
  const basis = Float64Array.from(dctIIOrthonormal(melBands, coefficients));
  const used = middle >= 0 ? half + 1 : half;
  const kernel = foldedDct?.(basis, melBands, coefficients, used) ?? null;
  const sums = kernel?.sums ?? new Float64Array(half + 1);
  const differences = kernel?.differences ?? new Float64Array(half + 1);
  const decibelsPerNeper = 10 / Math.LN10;
  for (let t = 0; t < frames; t++) {
    const row = t * melBands;
    if (kernel !== null) {
      kernel.mel.set(source.subarray(row, row + melBands));
      kernel.levels(amin, floorDb, decibelsPerNeper);
      kernel.run();
      data.set(kernel.out, t * coefficients);
      continue;
    }
    for (let b = 0; b < half; b++) {
      const lower = level(source[row + b]!, amin, floorDb, decibelsPerNeper);
      const upper = level(source[row + melBands - 1 - b]!, amin, floorDb, decibelsPerNeper);
      sums[b] = lower + upper;
      differences[b] = lower - upper;
    }
    if (middle >= 0) {
      sums[half] = level(source[row + middle]!, amin, floorDb, decibelsPerNeper);
      differences[half] = 0;
    }
    for (let k = 0; k < coefficients; k++) {
      const folded = k % 2 === 0 ? sums : differences;
      const basisRow = k * melBands;
      let sum = 0;
      for (let b = 0; b < used; b++) sum += basis[basisRow + b]! * folded[b]!;
      data[t * coefficients + k] = sum;
    }
  }
  return { frames, bins: coefficients, hopSize, frameSize, sampleRate, center, data };
}
