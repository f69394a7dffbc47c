/**
 * Section boundaries under a regularity prior: sections of popular music last whole
 * numbers of hypermetric units (phrases of 1, 2, 4, 8, 16 bars), so a weak novelty peak on
 * a bar line that cuts a 16-bar stretch into 8 + 8 is more likely a boundary than one that
 * cuts it into 7 + 9. Boundaries are chosen jointly by dynamic programming over the bar
 * lines: a segmentation scores the sum, over its inner boundaries (novelty peaks moved to
 * their bar lines), of the peak's height above the moving median minus `threshold`, minus
 * `irregularityCost` for every segment whose length in bars is not a power of two ≥ 2 (the
 * first and last may be one bar; the last may add a bar: a final chord held after the last
 * phrase, the "ending" bar of a song).
 * A novelty peak often sits a bar off its boundary (a section's first bar can sound like
 * the previous section's last), so the bar lines either side of each peak compete with it,
 * each with its own height, and at most one of the three is kept: regularity picks. Without bar lines there is nothing to be regular about: the
 * caller falls back to peak picking (pick-section-boundaries.ts).
 * Reference: Sargent, Bimbot & Vincent (2017), "Estimating the structural segmentation of
 *   popular music pieces under regularity constraints", IEEE/ACM TASLP 25(2), 344–358
 *   (Viterbi segmentation with a penalty on section sizes away from a structural period);
 *   Lerdahl & Jackendoff (1983), "A Generative Theory of Tonal Music" (hypermeter).
 */
import { type PickedBoundary, snapToDownbeat } from "./pick-section-boundaries.js";

export interface RegularBoundariesOptions {
  /** Height above the moving median a boundary must have (novelty units). */
  readonly threshold: number;
  /** Cost of a section whose length in bars is not a power of two ≥ 2 (novelty units). */
  readonly irregularityCost: number;
  /** Shortest section, grid units. */
  readonly minSectionUnits: number;
  /** Grid units per bar (beats per bar on a beat grid). */
  readonly unitsPerBar: number;
  /** A novelty peak is a maximum over ± this many units. */
  readonly peakRadius: number;
  /** A peak moves to the bar line within ± this many units (the one with the most novelty). */
  readonly snapUnits: number;
  /** Bar-length tolerance of "a power of two", bars. */
  readonly barTolerance: number;
}

export const REGULAR_BOUNDARIES_DEFAULTS: Pick<
  RegularBoundariesOptions,
  "threshold" | "irregularityCost" | "barTolerance"
> = {
  threshold: 0.05,
  irregularityCost: 0.2,
  barTolerance: 0.26,
};

/**
 * Boundaries (grid indices, ascending) on bar lines. `novelty[g]` is the boundary novelty at
 * grid time g, `height[g]` its height above the moving median; `isDownbeat[g]` marks bar lines.
 */
export function regularSectionBoundaries(
  novelty: Float32Array,
  height: Float32Array,
  isDownbeat: Uint8Array,
  options: Pick<RegularBoundariesOptions, "minSectionUnits" | "unitsPerBar" | "peakRadius" | "snapUnits"> &
    Partial<RegularBoundariesOptions>,
): PickedBoundary[] {
  const { threshold, irregularityCost, minSectionUnits, unitsPerBar, peakRadius, snapUnits, barTolerance } = {
    ...REGULAR_BOUNDARIES_DEFAULTS,
    ...options,
  };
  const units = novelty.length - 1;
  // Candidates: novelty peaks, each moved to its bar line, with the peak's height.
  const strengthAt = new Map<number, number>();
  // Which peaks each candidate stands for: one peak gives at most one boundary.
  const peaksOf = new Map<number, number[]>();
  const stand = (at: number, peak: number) => peaksOf.set(at, [...(peaksOf.get(at) ?? []), peak]);
  for (let g = 1; g < units; g++) {
    const value = novelty[g]!;
    let isPeak = value > 0;
    for (let o = Math.max(0, g - peakRadius); isPeak && o <= Math.min(units, g + peakRadius); o++) {
      if (novelty[o]! > value || (novelty[o] === value && o < g)) isPeak = false;
    }
    if (!isPeak) continue;
    const at = snapToDownbeat(g, novelty, isDownbeat, snapUnits);
    if (at <= 0 || at >= units) continue;
    strengthAt.set(at, Math.max(strengthAt.get(at) ?? Number.NEGATIVE_INFINITY, height[g]!));
    stand(at, g);
    // A peak may sit a bar off the true boundary (a section's first bar like the last one's):
    // the neighbouring bar lines compete too, with their own heights, and regularity decides.
    for (const neighbour of neighbouringBarLines(at, isDownbeat, units)) {
      let local = Number.NEGATIVE_INFINITY;
      for (let o = Math.max(0, neighbour - snapUnits); o <= Math.min(units, neighbour + snapUnits); o++) {
        local = Math.max(local, height[o]!);
      }
      if (!strengthAt.has(neighbour) || strengthAt.get(neighbour)! < local) strengthAt.set(neighbour, local);
      stand(neighbour, g);
    }
  }
  const candidates = [0, ...[...strengthAt.keys()].sort((a, b) => a - b), units];
  const gains = candidates.map((g, j) => (j === 0 || j === candidates.length - 1 ? 0 : strengthAt.get(g)! - threshold));
  const last = candidates.length - 1;
  const peaks = candidates.map((g) => peaksOf.get(g) ?? []);
  return bestSegmentation(candidates, gains, minSectionUnits, (i, j) => {
    if (sharePeak(peaks[i]!, peaks[j]!)) return Number.POSITIVE_INFINITY;
    const bars = (candidates[j]! - candidates[i]!) / unitsPerBar;
    // Inner sections last 2, 4, 8 … bars; an intro or outro may be a single bar, and the last
    // section may carry the song's final chord in a bar of its own after its last phrase.
    const shortest = i === 0 || j === last ? 1 : 2;
    const regular =
      isPowerOfTwoBars(bars, shortest, barTolerance) ||
      (j === last && isPowerOfTwoBars(bars - 1, shortest, barTolerance));
    return regular ? 0 : irregularityCost;
  }).map((index) => ({ index, height: strengthAt.get(index)! }));
}

/** Whether `bars` is within `tolerance` of a power of two of at least `shortest` bars. */
function isPowerOfTwoBars(bars: number, shortest: number, tolerance: number): boolean {
  const power = 2 ** Math.round(Math.log2(Math.max(bars, 1e-9)));
  return power >= shortest && Math.abs(bars - power) <= tolerance;
}

/** Inner boundaries (grid indices) of the best-scoring path from the first to the last candidate. */
function bestSegmentation(
  candidates: readonly number[],
  gains: readonly number[],
  minSectionUnits: number,
  cost: (from: number, to: number) => number,
): number[] {
  const count = candidates.length;
  const best = new Float64Array(count).fill(Number.NEGATIVE_INFINITY);
  const previous = new Int32Array(count).fill(-1);
  best[0] = 0;
  for (let j = 1; j < count; j++) {
    const isEnd = j === count - 1;
    for (let i = 0; i < j; i++) {
      if (best[i] === Number.NEGATIVE_INFINITY) continue;
      // Sections shorter than the minimum are allowed only where the track forces them.
      if (candidates[j]! - candidates[i]! < minSectionUnits && !(i === 0 && isEnd)) continue;
      const score = best[i]! + gains[j]! - cost(i, j);
      if (score > best[j]!) {
        best[j] = score;
        previous[j] = i;
      }
    }
  }
  const kept: number[] = [];
  for (let j = previous[count - 1]!; j > 0; j = previous[j]!) kept.push(candidates[j]!);
  return kept.reverse();
}

/** Whether two candidates stand for a common novelty peak (one peak gives at most one boundary). */
function sharePeak(mine: readonly number[], theirs: readonly number[]): boolean {
  for (let p = 0; p < mine.length; p++) if (theirs.includes(mine[p]!)) return true;
  return false;
}

/** The bar lines just before and after grid index `at` (inside the track). */
function neighbouringBarLines(at: number, isDownbeat: Uint8Array, units: number): number[] {
  const found: number[] = [];
  let before = at - 1;
  while (before > 0 && isDownbeat[before] !== 1) before--;
  if (before > 0) found.push(before);
  let after = at + 1;
  while (after < units && isDownbeat[after] !== 1) after++;
  if (after < units) found.push(after);
  return found;
}
