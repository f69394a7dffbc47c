/**
 * Loudness of windows and gated loudness from 100 ms sub-block energies.
 * A window's loudness is L = −0.691 + 10·log10(z), z = Σ_c G_c · mean square of the K-weighted
 * channel c over the window (BS.1770-4 eq. 2). Windows advance by one sub-block (100 ms):
 * 4 sub-blocks make the 400 ms momentary / gating block (75 % overlap), 30 the 3 s short-term window.
 * Integrated loudness (BS.1770-4 Annex 1 §5): mean z of the 400 ms blocks above the absolute gate
 * (−70 LUFS) and above the relative gate (10 LU below the mean z of the blocks above −70 LUFS).
 * Loudness range (EBU Tech 3342): short-term values above −70 LUFS and above 20 LU below their
 * mean z; LRA = 95th − 10th percentile of their loudness, percentile p taken as the sorted value
 * at index round((n − 1)·p/100), as in Tech 3342's reference code. "Above" is strict (>), as in
 * BS.1770's gating formula.
 * Reference: ITU-R BS.1770-4 (2015), Annex 1; EBU Tech 3341 (2016) §2.2–2.3; EBU Tech 3342 (2016).
 */

/** Loudness in LUFS (loudness units relative to full scale, K-weighted). */
export type Lufs = number;
/** A loudness difference in LU (1 LU = 1 dB). */
export type Lu = number;

/** The −0.691 of BS.1770 eq. 2 that makes a 1 kHz full-scale sine in one channel read −3.01 LUFS. */
export const LOUDNESS_OFFSET_LU: Lu = -0.691;
export const ABSOLUTE_GATE_LUFS: Lufs = -70;
export const INTEGRATED_RELATIVE_GATE_LU: Lu = -10;
export const RANGE_RELATIVE_GATE_LU: Lu = -20;
export const RANGE_LOW_PERCENTILE = 10;
export const RANGE_HIGH_PERCENTILE = 95;
/**
 * Lowest value of a loudness series: windows of digital silence (z = 0, −∞ LUFS) or quieter than
 * this read as this floor, 80 LU below the absolute gate, so series hold no −∞.
 */
export const LOUDNESS_FLOOR_LUFS: Lufs = -150;

/** −0.691 + 10·log10(z); −∞ for z = 0. */
export function meanSquareToLufs(meanSquare: number): Lufs {
  return LOUDNESS_OFFSET_LU + 10 * Math.log10(meanSquare);
}

/** The weighted mean square z whose loudness is `loudness` LUFS. */
export function lufsToMeanSquare(loudness: Lufs): number {
  return 10 ** ((loudness - LOUDNESS_OFFSET_LU) / 10);
}

/**
 * z of every window of `windowBlocks` consecutive sub-blocks (hop one sub-block) that lies fully
 * within the first `count` sub-blocks: subBlockSums[j] is the weighted sum of squares of sub-block j.
 */
export function windowMeanSquares(
  subBlockSums: Float64Array,
  count: number,
  windowBlocks: number,
  subBlockLength: number,
): Float64Array {
  const windows = Math.max(0, count - windowBlocks + 1);
  const out = new Float64Array(windows);
  const samples = windowBlocks * subBlockLength;
  for (let window = 0; window < windows; window++) {
    let sum = 0;
    for (let j = window; j < window + windowBlocks; j++) sum += subBlockSums[j]!;
    out[window] = sum / samples;
  }
  return out;
}

export interface IntegratedLoudness {
  readonly loudnessLufs: Lufs;
  /** The relative gate that was applied: 10 LU below the mean of the blocks above −70 LUFS. */
  readonly relativeGateLufs: Lufs;
}

/** Integrated loudness of the 400 ms gating blocks' z values; null when no block is above −70 LUFS. */
export function integratedLoudness(blockMeanSquares: Float64Array): IntegratedLoudness | null {
  const absolute = lufsToMeanSquare(ABSOLUTE_GATE_LUFS);
  const aboveAbsolute = meanAbove(blockMeanSquares, absolute);
  if (aboveAbsolute === null) return null;
  const relativeGateLufs = meanSquareToLufs(aboveAbsolute) + INTEGRATED_RELATIVE_GATE_LU;
  const gated = meanAbove(blockMeanSquares, Math.max(absolute, lufsToMeanSquare(relativeGateLufs)));
  // The loudest block is at least the mean, which is 10 LU above the relative gate, so `gated` exists.
  return gated === null ? null : { loudnessLufs: meanSquareToLufs(gated), relativeGateLufs };
}

/** Mean of the values > threshold, or null if there are none. */
function meanAbove(values: Float64Array, threshold: number): number | null {
  let sum = 0;
  let count = 0;
  for (const value of values) {
    if (value > threshold) {
      sum += value;
      count++;
    }
  }
  return count > 0 ? sum / count : null;
}

export interface LoudnessRange {
  /** LRA: high − low. */
  readonly rangeLu: Lu;
  /** 10th percentile of the gated short-term loudness. */
  readonly lowLufs: Lufs;
  /** 95th percentile of the gated short-term loudness. */
  readonly highLufs: Lufs;
}

/** Loudness range of the short-term windows' z values; null when no window is above −70 LUFS. */
export function loudnessRange(shortTermMeanSquares: Float64Array): LoudnessRange | null {
  const absolute = lufsToMeanSquare(ABSOLUTE_GATE_LUFS);
  const aboveAbsolute = meanAbove(shortTermMeanSquares, absolute);
  if (aboveAbsolute === null) return null;
  const relative = aboveAbsolute * 10 ** (RANGE_RELATIVE_GATE_LU / 10);
  const threshold = Math.max(absolute, relative);
  let count = 0;
  for (const value of shortTermMeanSquares) if (value > threshold) count++;
  const loudness = new Float64Array(count);
  let next = 0;
  for (const value of shortTermMeanSquares) if (value > threshold) loudness[next++] = meanSquareToLufs(value);
  loudness.sort();
  // (n − 1)·p is an integer before the division, so halves round the same way on every platform.
  const lowLufs = loudness[Math.round(((count - 1) * RANGE_LOW_PERCENTILE) / 100)]!;
  const highLufs = loudness[Math.round(((count - 1) * RANGE_HIGH_PERCENTILE) / 100)]!;
  return { rangeLu: highLufs - lowLufs, lowLufs, highLufs };
}

/** Loudness of each window's z, clamped below at LOUDNESS_FLOOR_LUFS. */
export function loudnessSeries(meanSquares: Float64Array): Float32Array {
  const out = new Float32Array(meanSquares.length);
  for (let i = 0; i < meanSquares.length; i++) {
    out[i] = Math.max(LOUDNESS_FLOOR_LUFS, meanSquareToLufs(meanSquares[i]!));
  }
  return out;
}
