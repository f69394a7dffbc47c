/**
 * Real-input FFT of size N (a power of two ≥ 2) through one complex FFT of size N/2:
 * the even samples become the real parts and the odd samples the imaginary parts,
 * a radix-4 decimation-in-time FFT (first stage radix-8 when log2(N/2) is odd) runs
 * on split Float64 arrays, and a post-processing pass separates the two half-spectra.
 * forward: X[k] = Σ x[n]·e^(−2πikn/N) for k = 0…N/2, unscaled, written interleaved
 *   [re0, im0, re1, im1, …, re(N/2), im(N/2)] (length N + 2; im0 = im(N/2) = 0).
 * inverse: x[n] = (1/N)·Σ X[k]·e^(2πikn/N) over the Hermitian-completed spectrum,
 *   so inverse(forward(x)) = x. The imaginary parts of bins 0 and N/2 are ignored.
 * NaN or ±Infinity anywhere in the input propagates to the whole output (IEEE arithmetic).
 * Reference: Cooley & Tukey (1965); the real-from-half-size-complex split as in
 *   Sorensen, Jones, Heideman & Burrus (1987), "Real-valued fast Fourier transform
 *   algorithms", IEEE Trans. ASSP 35(6).
 */
import { gatherFirstStage } from "./fft-first-stage.js";
import { type ComplexFftTables, createComplexFftTables, runRadix4Stages } from "./fft-tables.js";

/** A real FFT of one fixed size; implementations are interchangeable (pure TS, WebAssembly). */
export interface RealFft {
  /** Number of real samples per transform (a power of two ≥ 2). */
  readonly size: number;
  /** `input` (length `size`) → `out` (length ≥ `size + 2`), interleaved complex bins 0…size/2. */
  forward(input: Float32Array, out: Float32Array): void;
  /** `spectrum` (length ≥ `size + 2`, as from `forward`) → `out` (length `size`). */
  inverse(spectrum: Float32Array, out: Float32Array): void;
  /**
   * Optional: `forward` of frame[n]·window[n] (each product rounded to Float32), for an FFT
   * that can window straight into its own input buffer (one copy less per STFT frame).
   */
  forwardWindowed?(frame: Float32Array, window: Float32Array, out: Float32Array): void;
  /** Optional: frees memory held outside the JavaScript heap (a WebAssembly FFT's buffers). */
  dispose?(): void;
}

/** True for 2, 4, 8, … (integers that are powers of two and ≥ 2). */
export function isPowerOfTwo(value: number): boolean {
  return Number.isInteger(value) && value >= 2 && value <= 2 ** 30 && (value & (value - 1)) === 0;
}

export function createRealFft(size: number): RealFft {
  if (!isPowerOfTwo(size)) throw new RangeError(`createRealFft: size must be a power of two ≥ 2, got ${size}`);
  return new RadixFourRealFft(size);
}

/** Throws unless the buffers fit a transform of `size` points (named for `createRealFft`'s callers). */
export function checkRealFftBuffers(name: string, size: number, timeLength: number, spectrumLength: number): void {
  if (timeLength !== size) throw new RangeError(`${name}: time-domain length must be ${size}, got ${timeLength}`);
  if (spectrumLength < size + 2) {
    throw new RangeError(`${name}: spectrum length must be ≥ ${size + 2}, got ${spectrumLength}`);
  }
}

/**
 * What every transform of one size can share: the read-only tables (the complex FFT's and
 * the split's twiddles) and the scratch arrays, which a transform fills and reads within one
 * call (single-threaded, no callbacks), so instances of one size never see each other's values.
 */
interface RealFftTables {
  readonly tables: ComplexFftTables;
  /** cos and sin of 2πk/N for k = 0…N/4, interleaved. */
  readonly split: Float64Array;
  readonly re: Float64Array;
  readonly im: Float64Array;
  readonly packed: Float32Array;
}

/**
 * Tables of sizes up to this many points are kept for the process: analyses create FFTs of
 * the same few sizes over and over (one per tempo window), and building the tables (a few
 * thousand cos/sin) and zeroing the scratch cost more than the transform itself. Larger
 * sizes are rare and big.
 */
const CACHED_TABLES_MAX_SIZE = 1 << 16;
const tablesBySize = new Map<number, RealFftTables>();

function realFftTables(size: number): RealFftTables {
  const cached = tablesBySize.get(size);
  if (cached !== undefined) return cached;
  const half = size >> 1;
  const quarter = half >> 1;
  const split = new Float64Array(2 * (quarter + 1));
  for (let k = 0; k <= quarter; k++) {
    split[2 * k] = Math.cos((2 * Math.PI * k) / size);
    split[2 * k + 1] = Math.sin((2 * Math.PI * k) / size);
  }
  const made = {
    tables: createComplexFftTables(half),
    split,
    re: new Float64Array(half),
    im: new Float64Array(half),
    packed: new Float32Array(size),
  };
  if (size <= CACHED_TABLES_MAX_SIZE) tablesBySize.set(size, made);
  return made;
}

class RadixFourRealFft implements RealFft {
  readonly size: number;
  private readonly tables: ComplexFftTables;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  /** conj(Z) for the inverse, packed like a real input (Float32, as the forward input is). */
  private readonly packed: Float32Array;
  /** cos and sin of 2πk/N for k = 0…N/4, interleaved. */
  private readonly split: Float64Array;

  constructor(size: number) {
    this.size = size;
    ({ tables: this.tables, split: this.split, re: this.re, im: this.im, packed: this.packed } = realFftTables(size));
  }

  forward(input: Float32Array, out: Float32Array): void {
    checkRealFftBuffers("RealFft.forward", this.size, input.length, out.length);
    const { re, im, split } = this;
    gatherFirstStage(this.tables, input, re, im);
    runRadix4Stages(this.tables, re, im);
    const half = this.size >> 1;
    out[0] = re[0]! + im[0]!;
    out[1] = 0;
    out[2 * half] = re[0]! - im[0]!;
    out[2 * half + 1] = 0;
    // X[k] = E + (−i·W^k)·O with E = (Z[k] + conj Z[n−k])/2, O = (Z[k] − conj Z[n−k])/2.
    for (let k = 1, j = half - 1; k <= j; k++, j--) {
      const er = 0.5 * (re[k]! + re[j]!);
      const ei = 0.5 * (im[k]! - im[j]!);
      const or = 0.5 * (re[k]! - re[j]!);
      const oi = 0.5 * (im[k]! + im[j]!);
      const cos = split[2 * k]!;
      const sin = split[2 * k + 1]!;
      const tr = cos * oi - sin * or;
      const ti = sin * oi + cos * or;
      out[2 * k] = er + tr;
      out[2 * k + 1] = ei - ti;
      out[2 * j] = er - tr;
      out[2 * j + 1] = -ei - ti;
    }
  }

  inverse(spectrum: Float32Array, out: Float32Array): void {
    checkRealFftBuffers("RealFft.inverse", this.size, out.length, spectrum.length);
    const { re, im, split, packed } = this;
    const half = this.size >> 1;
    // Rebuild Z[k] = E + O, conjugated so that the forward kernel computes the inverse.
    const dc = spectrum[0]!;
    const nyquist = spectrum[2 * half]!;
    packed[0] = 0.5 * (dc + nyquist);
    packed[1] = -0.5 * (dc - nyquist);
    for (let k = 1, j = half - 1; k <= j; k++, j--) {
      const xr = spectrum[2 * k]!;
      const xi = spectrum[2 * k + 1]!;
      const yr = spectrum[2 * j]!;
      const yi = spectrum[2 * j + 1]!;
      const er = 0.5 * (xr + yr);
      const ei = 0.5 * (xi - yi);
      const dr = 0.5 * (xr - yr);
      const di = 0.5 * (xi + yi);
      const cos = split[2 * k]!;
      const sin = split[2 * k + 1]!;
      const or = -sin * dr - cos * di;
      const oi = cos * dr - sin * di;
      packed[2 * k] = er + or;
      packed[2 * k + 1] = -(ei + oi);
      packed[2 * j] = er - or;
      packed[2 * j + 1] = ei - oi;
    }
    gatherFirstStage(this.tables, packed, re, im);
    runRadix4Stages(this.tables, re, im);
    const scale = 1 / half;
    for (let m = 0; m < half; m++) {
      out[2 * m] = re[m]! * scale;
      out[2 * m + 1] = -im[m]! * scale;
    }
  }
}
