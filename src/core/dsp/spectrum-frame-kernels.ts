/**
 * Per-frame spectrum kernels: the sums the ingest's frame passes take over each STFT frame's
 * magnitude spectrum, in one call per frame, as an accelerator (WebAssembly SIMD, src/accel)
 * computes them. Each kernel owns its buffers: the frame's FFT writes its interleaved spectrum
 * straight into `spectrum`, one call fills the outputs, and the core finishes the numbers from
 * them (most logarithms and divisions stay in TypeScript; where a kernel takes a logarithm, it
 * computes V8's Math.log/log10 algorithm, fdlibm, bit for bit).
 * Every output is the same arithmetic in the same order as the TypeScript loop it replaces
 * (src/core/features/…, src/core/rhythm/…), so the features are bit for bit the same.
 */

/**
 * The STFT's windowing in a kernel's memory: the framer builds each raw frame in `frame`,
 * `applyWindow` writes frame[n]·window[n] (rounded to Float32) into `windowed`, which the FFT
 * reads: the same samples as the TypeScript `applyWindow` of src/core/dsp/stft-framer.ts.
 */
export interface FrameWindowKernel {
  /** The window the kernel applies (frameSize values). */
  readonly window: Float32Array;
  readonly frame: Float32Array;
  readonly windowed: Float32Array;
  applyWindow(): void;
}

/** The tonal pass's frame layout: spectrum size and the configured banks (plain arrays). */
export interface TonalSpectrumLayout {
  /** Magnitude bins per frame (frameSize/2 + 1). */
  readonly bins: number;
  /** The STFT's window (frameSize values), for the kernel's `applyWindow`. */
  readonly window: Float32Array;
  /** Spectral shape: roll-off share and the flatness power floor (src/core/features/spectral-shape.ts). */
  readonly rolloffFraction: number;
  readonly flatnessAmin: number;
  /** Mel filterbank, sparse (src/core/dsp/mel.ts): weights of band b from startBin[b]. */
  readonly melStartBin: Int32Array;
  readonly melWeightOffset: Int32Array;
  readonly melWeights: Float32Array;
  /** Spectral contrast bands [start, end) and the values averaged in each (spectral-contrast.ts). */
  readonly contrastStart: Int32Array;
  readonly contrastEnd: Int32Array;
  readonly contrastCount: Int32Array;
  /** Spectral peaks: local maxima above `peakFloor` among bins peakFrom … peakThrough (spectral-peaks.ts). */
  readonly peakFrom: number;
  readonly peakThrough: number;
  readonly peakFloor: number;
}

/** Slots of `TonalSpectrumKernel.shape`. */
export const SHAPE_TOTAL = 0;
export const SHAPE_FIRST = 1;
export const SHAPE_SECOND = 2;
/** Σ max(amin, |X_k|²), in the flatness loop's order. */
export const SHAPE_POWER = 3;
/** Lowest bin whose cumulative magnitude reaches rolloffFraction·total. */
export const SHAPE_ROLLOFF_BIN = 4;
/** Values in `TonalSpectrumKernel.shape`. */
export const SHAPE_VALUES = 5;

/** Bins per flatness product (4 interleaved chains of 4, see spectral-shape.ts). */
export const FLATNESS_BLOCK = 16;

export interface TonalSpectrumKernel extends FrameWindowKernel {
  /** The frame's spectrum, interleaved [re0, im0, …, re_{N/2}, im_{N/2}] (2·bins values): the FFT's output. */
  readonly spectrum: Float32Array;
  /** |X_k| of the last frame run. */
  readonly magnitudes: Float32Array;
  /** [total, first, second, power, roll-off bin] (SHAPE_… slots). */
  readonly shape: Float64Array;
  /**
   * Flatness products: one per whole block of FLATNESS_BLOCK bins (chains multiplied as
   * ((c0·c1)·c2)·c3), then the product of the remaining bins: ⌊bins/16⌋ + 1 values.
   */
  readonly flatnessProducts: Float64Array;
  /** Power mel energies of the frame (melBands values). */
  readonly mel: Float32Array;
  /** Linear peak and valley means of each contrast band. */
  readonly contrastPeaks: Float32Array;
  readonly contrastValleys: Float32Array;
  /** Local maxima (bins and magnitudes), in ascending bin order; `run` returns how many. */
  readonly candidateBins: Int32Array;
  readonly candidateMagnitudes: Float32Array;
  /** Computes every output from `spectrum`; returns the number of peak candidates. */
  run(): number;
  /** Frees the kernel's memory (safe to call twice). */
  dispose?(): void;
}

export type TonalSpectrumKernelFactory = (layout: TonalSpectrumLayout) => TonalSpectrumKernel;

/** The rhythm pass's frame layout: the log filterbank and the SuperFlux regions (src/core/rhythm/…). */
export interface RhythmSpectrumLayout {
  /** Magnitude bins per frame (frameSize/2 + 1). */
  readonly bins: number;
  /** The STFT's window (frameSize values), for the kernel's `applyWindow`. */
  readonly window: Float32Array;
  readonly bankFirstBin: Int32Array;
  readonly bankWeightOffset: Int32Array;
  readonly bankWeights: Float32Array;
  /** Region of each band (−1: in none), regions, the comparison lag and the max-filter radius. */
  readonly bandRegion: Int32Array;
  readonly regions: number;
  readonly lag: number;
  readonly radius: number;
}

export interface RhythmSpectrumKernel extends FrameWindowKernel {
  /** The frame's interleaved spectrum (2·bins values): the FFT's output. */
  readonly spectrum: Float32Array;
  /** Σ_k w[b,k]·|X_k| of each band after `filter` (Float64, before the logarithm). */
  readonly bandSums: Float64Array;
  /** The frame's log-filtered bands: the caller writes them before `flux`. */
  readonly logBands: Float32Array;
  /** SuperFlux of each region after `flux` (Float64 sums; non-finite left as they are). */
  readonly regionSums: Float64Array;
  /** Magnitudes of `spectrum` through the filterbank into `bandSums`. */
  filter(): void;
  /**
   * logBands[b] = log10(1 + multiplier·bandSums[b]) (`logCompressBands`), with a logarithm that
   * gives Math.log10's bits (V8's fdlibm port, src/accel/wasm-fdlibm.test.ts).
   */
  compress(multiplier: number): void;
  /** Takes `logBands` as the next frame and sums its rectified difference from the frame `lag` back. */
  flux(): void;
  dispose?(): void;
}

export type RhythmSpectrumKernelFactory = (layout: RhythmSpectrumLayout) => RhythmSpectrumKernel;
