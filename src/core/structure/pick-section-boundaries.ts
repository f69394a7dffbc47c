/**
 * Section boundaries from a novelty curve over grid times (one value per grid time, as
 * produced by checkerboard-novelty.ts and structural-features.ts, combined):
 *   1. candidates are local maxima over ±`peakRadius` units whose height above the
 *      moving median of ±`medianRadius` units is at least `threshold` (novelty units);
 *   2. greedily, highest first, a candidate is kept when no kept boundary lies within
 *      `minSectionUnits` units (so sections are at least that long);
 *   3. each candidate first moves to the downbeat (bar line) with the highest novelty
 *      within ±`snapUnits` units, when downbeats are given, since sections start on bar
 *      lines; no boundary is kept closer than `minSectionUnits` to the track's ends.
 * Confidence of a boundary: its height above the median divided by the largest height,
 * times `scale` (the caller's overall confidence), in [0, 1].
 * Reference: Foote (2000), section 3 (peak picking of novelty); Serrà et al. (2014),
 *   section II-D (peak selection with a moving-median threshold).
 */

export interface PickSectionBoundariesOptions {
  readonly peakRadius: number;
  readonly medianRadius: number;
  readonly threshold: number;
  readonly minSectionUnits: number;
  readonly snapUnits: number;
}

export const PICK_SECTION_BOUNDARIES_DEFAULTS: PickSectionBoundariesOptions = {
  peakRadius: 4,
  medianRadius: 16,
  threshold: 0.1,
  minSectionUnits: 4,
  snapUnits: 2,
};

export interface PickedBoundary {
  /** Grid index (boundary before unit `index`), 1 … units − 1. */
  readonly index: number;
  /** Height above the moving median, novelty units. */
  readonly height: number;
}

/**
 * Boundaries as grid indices, ascending. `isDownbeat[g]` marks grid times on a bar line
 * (empty array: no snapping).
 */
export function pickSectionBoundaries(
  novelty: Float32Array,
  isDownbeat: Uint8Array,
  options: Partial<PickSectionBoundariesOptions> = {},
): PickedBoundary[] {
  const { peakRadius, medianRadius, threshold, minSectionUnits, snapUnits } = {
    ...PICK_SECTION_BOUNDARIES_DEFAULTS,
    ...options,
  };
  const count = novelty.length;
  const candidates: PickedBoundary[] = [];
  const heights = heightAboveMedian(novelty, medianRadius);
  for (let g = 1; g < count - 1; g++) {
    const value = novelty[g]!;
    let isPeak = value > 0;
    for (let o = Math.max(0, g - peakRadius); isPeak && o <= Math.min(count - 1, g + peakRadius); o++) {
      if (novelty[o]! > value || (novelty[o] === value && o < g)) isPeak = false;
    }
    if (!isPeak) continue;
    if (heights[g]! >= threshold) candidates.push({ index: g, height: heights[g]! });
  }
  candidates.sort((a, b) => b.height - a.height);
  const kept: PickedBoundary[] = [];
  for (const candidate of candidates) {
    const index = snapToDownbeat(candidate.index, novelty, isDownbeat, snapUnits);
    if (index < minSectionUnits || index > count - 1 - minSectionUnits) continue;
    if (kept.some((other) => Math.abs(other.index - index) < minSectionUnits)) continue;
    kept.push({ index, height: candidate.height });
  }
  return kept.sort((a, b) => a.index - b.index);
}

/** Each value's height above the median of the values within ± `medianRadius`. */
export function heightAboveMedian(novelty: Float32Array, medianRadius: number): Float32Array {
  const count = novelty.length;
  const heights = new Float32Array(count);
  const window = new Float32Array(2 * medianRadius + 1);
  for (let g = 0; g < count; g++) {
    const from = Math.max(0, g - medianRadius);
    const to = Math.min(count - 1, g + medianRadius);
    const span = window.subarray(0, to - from + 1);
    span.set(novelty.subarray(from, to + 1));
    span.sort();
    heights[g] = novelty[g]! - span[span.length >> 1]!;
  }
  return heights;
}

/** The downbeat within ± `snapUnits` of `index` with the most novelty; `index` if none. */
export function snapToDownbeat(
  index: number,
  novelty: Float32Array,
  isDownbeat: Uint8Array,
  snapUnits: number,
): number {
  if (isDownbeat.length === 0) return index;
  let best = -1;
  for (let o = 0; o <= snapUnits; o++) {
    for (const candidate of o === 0 ? [index] : [index - o, index + o]) {
      if (candidate < 0 || candidate >= novelty.length || isDownbeat[candidate] !== 1) continue;
      if (best < 0 || novelty[candidate]! > novelty[best]!) best = candidate;
    }
  }
  return best < 0 ? index : best;
}
