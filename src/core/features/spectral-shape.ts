/**
 * The scalar spectral shape descriptors of a magnitude frame |X_k|, k = 0 … frameSize/2,
 * f_k = k·sampleRate/frameSize, all with librosa.feature's definitions, in one pass:
 * - centroid  c = Σ f_k·|X_k| / Σ |X_k|  (Hz; spectral_centroid)
 * - bandwidth b = √(Σ w_k·(f_k − c)²), w_k = |X_k| / Σ|X_j|  (Hz; spectral_bandwidth, p = 2:
 *   the spread, computed as √(Σ w_k f_k² − c²) from the same sums)
 * - roll-off  the lowest f_k with Σ_{j ≤ k} |X_j| ≥ fraction·Σ|X_j|, fraction 0.85
 *   (Hz; spectral_rolloff)
 * - flatness  exp(mean_k log P_k) / mean_k P_k, P_k = max(amin, |X_k|²), amin 1e-10
 *   (spectral_flatness on the power spectrum; in (0, 1])
 * Known answers: a pure tone's centroid and roll-off are its frequency and its flatness ≈ 0;
 * white noise has centroid ≈ sampleRate/4, bandwidth ≈ sampleRate/(4√3), flatness ≈ 0.56
 * (the flatness of exponentially distributed periodogram bins, e^(−γ)).
 * A frame without energy (digital silence) has centroid, bandwidth and roll-off 0 Hz
 * (librosa's L1 normalisation leaves an all-zero frame at zero) and flatness 1 (every bin
 * floored to amin: a perfectly flat spectrum), as librosa returns. NaN bins give NaN.
 * The log-sum of the flatness is taken as logs of products of 16 floored powers (within
 * Float64's range for any audio spectrum): 65 logarithms per 1025-bin frame, not 1025.
 * References: Peeters (2004), "A large set of audio features for sound description",
 *   IRCAM; Scheirer & Slaney (1997), ICASSP; Dubnov (2004), IEEE SPL 11(8);
 *   McFee et al. (2015), librosa.
 */
import {
  SHAPE_FIRST,
  SHAPE_POWER,
  SHAPE_ROLLOFF_BIN,
  SHAPE_SECOND,
  SHAPE_TOTAL,
} from "../dsp/spectrum-frame-kernels.js";
import type { Hz } from "../types.js";

export interface SpectralShapeOptions {
  /** Rate of the analysed signal (Hz). */
  readonly sampleRate: Hz;
  /** FFT size of the spectra; frames carry frameSize/2 + 1 bins; integer ≥ 2. */
  readonly frameSize: number;
  /** Share of the total magnitude below the roll-off; in (0, 1) (librosa: 0.85). */
  readonly rolloffFraction: number;
  /** Floor on each bin's power for the flatness; in (0, 1e-3) (librosa: 1e-10). */
  readonly flatnessAmin: number;
}

export const SPECTRAL_SHAPE_DEFAULTS: Omit<SpectralShapeOptions, "sampleRate" | "frameSize"> = {
  rolloffFraction: 0.85,
  flatnessAmin: 1e-10,
};

/** One value per frame of each descriptor; the shape function writes frame t of each. */
export interface SpectralShapeSeries {
  readonly centroidHz: Float32Array;
  readonly bandwidthHz: Float32Array;
  readonly rolloffHz: Float32Array;
  readonly flatness: Float32Array;
}

/** Reads the bins of one magnitude frame at `offset`, writes frame `frame` of `out`. */
export type SpectralShapeFunction = (
  magnitudes: Float32Array,
  offset: number,
  out: SpectralShapeSeries,
  frame: number,
) => void;

export function createSpectralShape(
  options: Pick<SpectralShapeOptions, "sampleRate" | "frameSize"> & Partial<SpectralShapeOptions>,
): SpectralShapeFunction {
  const { sampleRate, frameSize, rolloffFraction, flatnessAmin } = { ...SPECTRAL_SHAPE_DEFAULTS, ...options };
  const fail = (parameter: string, expected: string, actual: number): never => {
    throw new RangeError(`createSpectralShape: ${parameter} must be ${expected}, got ${actual}`);
  };
  if (!(sampleRate > 0 && Number.isFinite(sampleRate))) fail("sampleRate", "a finite number > 0", sampleRate);
  if (!(Number.isInteger(frameSize) && frameSize >= 2)) fail("frameSize", "an integer ≥ 2", frameSize);
  if (!(rolloffFraction > 0 && rolloffFraction < 1)) fail("rolloffFraction", "in (0, 1)", rolloffFraction);
  if (!(flatnessAmin > 0 && flatnessAmin < 1e-3)) fail("flatnessAmin", "in (0, 1e-3)", flatnessAmin);
  const bins = (frameSize >> 1) + 1;
  const binHz = sampleRate / frameSize;
  const cumulative = new Float64Array(bins);
  return (magnitudes, offset, out, frame) => {
    let total = 0;
    let first = 0;
    let second = 0;
    for (let k = 0; k < bins; k++) {
      const value = magnitudes[offset + k]!;
      total += value;
      cumulative[k] = total;
      const weighted = k * value;
      first += weighted;
      second += k * weighted;
    }
    if (Number.isNaN(total)) {
      out.centroidHz[frame] = out.bandwidthHz[frame] = out.rolloffHz[frame] = out.flatness[frame] = Number.NaN;
      return;
    }
    out.flatness[frame] = flatnessOf(magnitudes, offset, bins, flatnessAmin);
    if (!(total > 0)) {
      out.centroidHz[frame] = out.bandwidthHz[frame] = out.rolloffHz[frame] = 0;
      return;
    }
    const centroidBins = first / total;
    const spread = second / total - centroidBins * centroidBins;
    out.centroidHz[frame] = centroidBins * binHz;
    out.bandwidthHz[frame] = spread > 0 ? Math.sqrt(spread) * binHz : 0;
    out.rolloffHz[frame] = firstReaching(cumulative, bins, rolloffFraction * total) * binHz;
  };
}

/**
 * Geometric over arithmetic mean of max(amin, |X_k|²). The log-sum is the log of products
 * of 16 powers (4 interleaved chains of 4); should a product overflow (powers > 1e19, far
 * beyond audio), the frame is redone with one logarithm per bin.
 */
function flatnessOf(magnitudes: Float32Array, offset: number, bins: number, amin: number): number {
  let power = 0;
  let logPower = 0;
  let k = 0;
  for (; k + 16 <= bins; k += 16) {
    let chain0 = 1;
    let chain1 = 1;
    let chain2 = 1;
    let chain3 = 1;
    for (let j = offset + k; j < offset + k + 16; j += 4) {
      let value = magnitudes[j]!;
      let power0 = value * value;
      power0 = power0 > amin ? power0 : amin;
      value = magnitudes[j + 1]!;
      let power1 = value * value;
      power1 = power1 > amin ? power1 : amin;
      value = magnitudes[j + 2]!;
      let power2 = value * value;
      power2 = power2 > amin ? power2 : amin;
      value = magnitudes[j + 3]!;
      let power3 = value * value;
      power3 = power3 > amin ? power3 : amin;
      power += power0 + power1 + power2 + power3;
      chain0 *= power0;
      chain1 *= power1;
      chain2 *= power2;
      chain3 *= power3;
    }
    logPower += Math.log(chain0 * chain1 * chain2 * chain3);
  }
  let rest = 1;
  for (; k < bins; k++) {
    const value = magnitudes[offset + k]!;
    const floored = value * value > amin ? value * value : amin;
    power += floored;
    rest *= floored;
  }
  logPower += Math.log(rest);
  return flatnessFromLogPower(logPower, power, magnitudes, offset, bins, amin);
}

/**
 * The flatness from Σ log of the products and Σ floored powers; a non-finite log-sum (a
 * product overflowed) is redone with one logarithm per bin.
 */
function flatnessFromLogPower(
  logPower: number,
  power: number,
  magnitudes: Float32Array,
  offset: number,
  bins: number,
  amin: number,
): number {
  if (!Number.isFinite(logPower)) {
    logPower = 0;
    for (let k = 0; k < bins; k++) {
      const value = magnitudes[offset + k]!;
      logPower += Math.log(value * value > amin ? value * value : amin);
    }
  }
  const flatness = Math.exp(logPower / bins) / (power / bins);
  return flatness < 1 ? flatness : 1;
}

/**
 * The four descriptors of one frame from its sums as a TonalSpectrumKernel computed them
 * (src/core/dsp/spectrum-frame-kernels.ts): the same values as the shape function on
 * `magnitudes` (the frame's bins at `offset`, read only when the flatness needs its fallback).
 */
export type SpectralShapeFromSums = (
  shape: Float64Array,
  flatnessProducts: Float64Array,
  magnitudes: Float32Array,
  offset: number,
  out: SpectralShapeSeries,
  frame: number,
) => void;

export function createSpectralShapeFromSums(
  options: Pick<SpectralShapeOptions, "sampleRate" | "frameSize"> & Partial<SpectralShapeOptions>,
): SpectralShapeFromSums {
  createSpectralShape(options); // validates the options
  const { sampleRate, frameSize, flatnessAmin } = { ...SPECTRAL_SHAPE_DEFAULTS, ...options };
  const bins = (frameSize >> 1) + 1;
  const binHz = sampleRate / frameSize;
  return (shape, flatnessProducts, magnitudes, offset, out, frame) => {
    const total = shape[SHAPE_TOTAL]!;
    if (Number.isNaN(total)) {
      out.centroidHz[frame] = out.bandwidthHz[frame] = out.rolloffHz[frame] = out.flatness[frame] = Number.NaN;
      return;
    }
    let logPower = 0;
    const blocks = flatnessProducts.length - 1;
    for (let block = 0; block < blocks; block++) logPower += Math.log(flatnessProducts[block]!);
    logPower += Math.log(flatnessProducts[blocks]!);
    out.flatness[frame] = flatnessFromLogPower(logPower, shape[SHAPE_POWER]!, magnitudes, offset, bins, flatnessAmin);
    if (!(total > 0)) {
      out.centroidHz[frame] = out.bandwidthHz[frame] = out.rolloffHz[frame] = 0;
      return;
    }
    const centroidBins = shape[SHAPE_FIRST]! / total;
    const spread = shape[SHAPE_SECOND]! / total - centroidBins * centroidBins;
    out.centroidHz[frame] = centroidBins * binHz;
    out.bandwidthHz[frame] = spread > 0 ? Math.sqrt(spread) * binHz : 0;
    out.rolloffHz[frame] = shape[SHAPE_ROLLOFF_BIN]! * binHz;
  };
}

/** Lowest index k with cumulative[k] ≥ threshold (cumulative is non-decreasing). */
function firstReaching(cumulative: Float64Array, length: number, threshold: number): number {
  let low = 0;
  let high = length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle]! >= threshold) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The four descriptors for every frame of a magnitude spectrogram (frames × bins). */
export function spectralShape(
  magnitude: { readonly frames: number; readonly bins: number; readonly data: Float32Array },
  options: Pick<SpectralShapeOptions, "sampleRate" | "frameSize"> & Partial<SpectralShapeOptions>,
): SpectralShapeSeries {
  const { frames, bins, data } = magnitude;
  if (bins !== (options.frameSize >> 1) + 1) {
    throw new RangeError(`spectralShape: bins must be frameSize/2 + 1 = ${(options.frameSize >> 1) + 1}, got ${bins}`);
  }
  const shape = createSpectralShape(options);
  const out: SpectralShapeSeries = {
    centroidHz: new Float32Array(frames),
    bandwidthHz: new Float32Array(frames),
    rolloffHz: new Float32Array(frames),
    flatness: new Float32Array(frames),
  };
  for (let t = 0; t < frames; t++) shape(data, t * bins, out, t);
  return out;
}
