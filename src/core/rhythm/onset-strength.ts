/**
 * Onset strength by spectral flux with maximum-filter vibrato suppression (SuperFlux).
 * For each frame t: Σ over bands b of max(0, L[t,b] − max(L[t−lag, b−r … b+r])), where L is
 * a log-filtered magnitude spectrogram and r = (maxFilterBins − 1)/2. Frames t < lag
 * compare with frame 0. Input: frames × bands; output one value ≥ 0 per frame, same frame
 * rate. A band range restricts the sum (e.g. the low bands for bass and kick drum onsets).
 * Reference: Böck & Widmer (2013), "Maximum filter vibrato suppression for onset
 *   detection", DAFx-13, eq. 3–5.
 */
import type { Spectrogram } from "../dsp/spectrogram.js";

export interface OnsetStrengthOptions {
  /** Frames between the compared spectra; integer ≥ 1. */
  readonly lag: number;
  /** Width of the frequency maximum filter in bands (odd); 1 disables it. */
  readonly maxFilterBins: number;
  /** First band summed (inclusive). */
  readonly fromBand: number;
  /** Last band summed (exclusive); default all bands. */
  readonly toBand?: number;
}

export const ONSET_STRENGTH_DEFAULTS: OnsetStrengthOptions = { lag: 1, maxFilterBins: 3, fromBand: 0 };

export function onsetStrength(spectrogram: Spectrogram, options: Partial<OnsetStrengthOptions> = {}): Float32Array {
  const { lag, maxFilterBins, fromBand, toBand = spectrogram.bins } = { ...ONSET_STRENGTH_DEFAULTS, ...options };
  if (!(Number.isInteger(lag) && lag >= 1))
    throw new RangeError(`onsetStrength: lag must be an integer ≥ 1, got ${lag}`);
  if (!(Number.isInteger(maxFilterBins) && maxFilterBins >= 1 && maxFilterBins % 2 === 1)) {
    throw new RangeError(`onsetStrength: maxFilterBins must be an odd integer ≥ 1, got ${maxFilterBins}`);
  }
  const { frames, bins, data } = spectrogram;
  const from = Math.max(0, Math.min(bins, fromBand));
  const to = Math.max(from, Math.min(bins, toBand));
  const radius = (maxFilterBins - 1) >> 1;
  const out = new Float32Array(frames);
  // Step 1 (eq. 4): the maximum-filtered reference spectrum, one row reused per frame.
  const reference = new Float32Array(bins);
  for (let t = 0; t < frames; t++) {
    const previous = Math.max(0, t - lag) * bins;
    for (let b = from; b < to; b++) {
      let peak = -Infinity;
      const low = Math.max(0, b - radius);
      const high = Math.min(bins - 1, b + radius);
      for (let k = low; k <= high; k++) {
        const value = data[previous + k]!;
        if (value > peak) peak = value;
      }
      reference[b] = peak;
    }
    // Step 2 (eq. 5): half-wave rectified difference, summed over the bands.
    const row = t * bins;
    let sum = 0;
    for (let b = from; b < to; b++) {
      const difference = data[row + b]! - reference[b]!;
      if (difference > 0) sum += difference;
    }
    out[t] = Number.isFinite(sum) ? sum : 0;
  }
  return out;
}

/**
 * SuperFlux of several frequency regions in one pass: `edges` are ascending band indices
 * [e0, e1, …, en]; region r sums bands e_r … e_{r+1} − 1. Same values as `onsetStrength`
 * with fromBand/toBand per region, at the cost of one.
 */
export function regionOnsetStrengths(
  spectrogram: Spectrogram,
  edges: readonly number[],
  options: Partial<Omit<OnsetStrengthOptions, "fromBand" | "toBand">> = {},
): Float32Array[] {
  const { frames, bins, data } = spectrogram;
  const kernel = createRegionOnsetStrengths(bins, edges, options);
  const out = Array.from({ length: kernel.regions }, () => new Float32Array(frames));
  const sums = new Float32Array(kernel.regions);
  for (let t = 0; t < frames; t++) {
    kernel.frame(data, t * bins, sums, 0);
    for (let r = 0; r < kernel.regions; r++) out[r]![t] = sums[r]!;
  }
  return out;
}

/** The streaming form of `regionOnsetStrengths`: frames arrive one at a time. */
export interface RegionOnsetStrengths {
  readonly regions: number;
  /** Region of each band (−1: in none), the frames between compared spectra and the max-filter radius. */
  readonly bandRegion: Int32Array;
  readonly lag: number;
  readonly radius: number;
  /**
   * Takes the next frame (its `bins` values at data[row …]) and writes its SuperFlux per
   * region to out[outOffset …] (non-finite sums become 0). Keeps the frames it will compare with.
   */
  frame(data: Float32Array, row: number, out: Float32Array, outOffset: number): void;
}

export function createRegionOnsetStrengths(
  bins: number,
  edges: readonly number[],
  options: Partial<Omit<OnsetStrengthOptions, "fromBand" | "toBand">> = {},
): RegionOnsetStrengths {
  const { lag, maxFilterBins } = { ...ONSET_STRENGTH_DEFAULTS, ...options };
  if (!(Number.isInteger(lag) && lag >= 1))
    throw new RangeError(`regionOnsetStrengths: lag must be an integer ≥ 1, got ${lag}`);
  if (!(Number.isInteger(maxFilterBins) && maxFilterBins >= 1 && maxFilterBins % 2 === 1)) {
    throw new RangeError(`regionOnsetStrengths: maxFilterBins must be an odd integer ≥ 1, got ${maxFilterBins}`);
  }
  const regions = Math.max(0, edges.length - 1);
  const region = new Int32Array(bins).fill(-1);
  for (let r = 0; r < regions; r++) {
    const from = Math.max(0, Math.min(bins, edges[r]!));
    const to = Math.max(from, Math.min(bins, edges[r + 1]!));
    for (let b = from; b < to; b++) region[b] = r;
  }
  const radius = (maxFilterBins - 1) >> 1;
  // Frame t sits in slot t mod (lag + 1); it is compared with frame max(0, t − lag).
  const slots = lag + 1;
  const ring = new Float32Array(slots * bins);
  const sums = new Float64Array(regions);
  let t = 0;
  return {
    regions,
    bandRegion: region,
    lag,
    radius,
    frame(data, row, out, outOffset) {
      const slot = (t % slots) * bins;
      for (let b = 0; b < bins; b++) ring[slot + b] = data[row + b]!;
      const previous = (Math.max(0, t - lag) % slots) * bins;
      regionFluxOfFrame(ring, slot, previous, bins, radius, region, sums);
      for (let r = 0; r < regions; r++) out[outOffset + r] = Number.isFinite(sums[r]!) ? sums[r]! : 0;
      t++;
    },
  };
}

/**
 * One frame of `regionOnsetStrengths`: sums[r] = Σ over the bands of region r of the
 * rectified difference from the maximum-filtered earlier frame. A function of its own, called
 * once per frame, so V8 optimises it as a whole rather than as on-stack-replaced code.
 */
function regionFluxOfFrame(
  data: Float32Array,
  row: number,
  previous: number,
  bins: number,
  radius: number,
  region: Int32Array,
  sums: Float64Array,
): void {
  sums.fill(0);
  for (let b = 0; b < bins; b++) {
    const r = region[b]!;
    if (r < 0) continue;
    let peak = -Infinity;
    const high = Math.min(bins - 1, b + radius);
    for (let k = Math.max(0, b - radius); k <= high; k++) {
      const value = data[previous + k]!;
      if (value > peak) peak = value;
    }
    const difference = data[row + b]! - peak;
    if (difference > 0) sums[r] = sums[r]! + difference;
  }
}

/**
 * Envelopes added, each divided by its robust scale first, so quiet high-frequency onsets
 * (hi-hats) count as much as loud low ones. Envelopes of scale 0 are left out.
 */
export function sumNormalised(envelopes: readonly Float32Array[], frames: number): Float32Array {
  const out = new Float32Array(frames);
  for (const part of envelopes) {
    const scale = robustScale(part);
    if (scale === 0) continue;
    for (let t = 0; t < frames; t++) out[t] = out[t]! + part[t]! / scale;
  }
  return out;
}

/**
 * SuperFlux summed per frequency region, each region divided by its robust scale before the
 * regions are added. `splitBands` are the first bands of the second, third… regions.
 */
export function bandNormalisedOnsetStrength(
  spectrogram: Spectrogram,
  splitBands: readonly number[],
  options: Partial<Omit<OnsetStrengthOptions, "fromBand" | "toBand">> = {},
): Float32Array {
  const parts = regionOnsetStrengths(spectrogram, [0, ...splitBands, spectrogram.bins], options);
  return sumNormalised(parts, spectrogram.frames);
}

/** Mean of the finite values above the median: the typical height of an envelope's peaks. */
export function robustScale(values: Float32Array): number {
  const count = finiteCount(values);
  if (count === 0) return 0;
  const sorted = finiteValues(values, new Float32Array(count));
  sorted.sort();
  return meanAbove(sorted, sorted[count >> 1]!);
}

// One loop per function (indexed: an iterator allocates a result object per value until the
// code is optimised): a function optimised in the middle of its only loop has no untried code
// after it to deoptimise on, which a function of three loops met, call after call.

function finiteCount(values: Float32Array): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) count++;
  return count;
}

function finiteValues(values: Float32Array, out: Float32Array): Float32Array {
  let index = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (Number.isFinite(value)) out[index++] = value;
  }
  return out;
}

/** Mean of the values of `ascending` above `threshold` (0 when none is). */
function meanAbove(ascending: Float32Array, threshold: number): number {
  let sum = 0;
  let above = 0;
  for (let i = 0; i < ascending.length; i++) {
    if (ascending[i]! > threshold) {
      sum += ascending[i]!;
      above++;
    }
  }
  return above === 0 ? 0 : sum / above;
}
