/**
 * Two corrections of a segmentation that follow from how songs are built:
 *   - `mergeDecayingEnding`: a song's final chord ringing out (or a fade) is the end of
 *     the last section, not a section of its own. A last segment shorter than `maxUnits`
 *     whose level falls by at least `decayDb` from its start to its end is merged into the
 *     segment before it.
 *   - `mergeRepeatedPairs`: sections are built hierarchically from phrases, and a section
 *     that states its phrase twice (an 8-bar verse of two 4-bar halves) shows a repetition
 *     inside it that boundary detection may split. When every run of consecutive segments
 *     with one label (in ≥ 2 runs) has even length and each pair has near-equal durations,
 *     the label's segments always come in pairs: the pair is the section, and pairs are
 *     merged. A label heard both once and twice in a row (verse, verse, chorus, verse)
 *     keeps its segments, since the single statement shows the section's true length.
 * Both operate on segment bounds (grid indices 0 = b₀ < … < b_m = units).
 * Reference: Paulus, Müller & Klapuri (2010), "Audio-based music structure analysis",
 *   ISMIR, section 2 (hierarchy of musical form: phrases, sections, parts).
 */

export interface MergeSectionsOptions {
  /** Longest ending (last segment) that can be merged, units. */
  readonly maxEndingUnits: number;
  /** Level drop over the ending that marks it as a decay, dB; > 0. */
  readonly decayDb: number;
  /** Largest duration ratio − 1 between the two segments of a pair (0.25 = 25 %). */
  readonly pairTolerance: number;
}

export const MERGE_SECTIONS_DEFAULTS: MergeSectionsOptions = { maxEndingUnits: 16, decayDb: 20, pairTolerance: 0.25 };

/** Bounds without the last boundary when the last segment is a decaying ending. */
export function mergeDecayingEnding(
  bounds: readonly number[],
  levelDb: Float32Array,
  options: Partial<MergeSectionsOptions> = {},
): number[] {
  const { maxEndingUnits, decayDb } = { ...MERGE_SECTIONS_DEFAULTS, ...options };
  if (bounds.length < 3) return [...bounds];
  const start = bounds[bounds.length - 2]!;
  const end = bounds[bounds.length - 1]!;
  if (end - start > maxEndingUnits || end - start < 2) return [...bounds];
  const head = Math.max(...levelDb.subarray(start, Math.min(end, start + 2)));
  const tail = levelDb[end - 1]!;
  if (head - tail < decayDb) return [...bounds];
  return [...bounds.slice(0, -2), end];
}

/** Bounds and clusters after merging the segments of labels that always come in pairs. */
export function mergeRepeatedPairs(
  bounds: readonly number[],
  clusters: readonly number[],
  options: Partial<MergeSectionsOptions> = {},
): { bounds: number[]; clusters: number[] } {
  const { pairTolerance } = { ...MERGE_SECTIONS_DEFAULTS, ...options };
  let currentBounds = [...bounds];
  let currentClusters = [...clusters];
  for (let pass = 0; pass < 3; pass++) {
    const runs = new Map<number, { start: number; length: number }[]>();
    for (let k = 0; k < currentClusters.length; ) {
      let length = 1;
      while (k + length < currentClusters.length && currentClusters[k + length] === currentClusters[k]) length++;
      const list = runs.get(currentClusters[k]!) ?? [];
      list.push({ start: k, length });
      runs.set(currentClusters[k]!, list);
      k += length;
    }
    const dropBoundary = new Set<number>();
    const duration = (k: number) => currentBounds[k + 1]! - currentBounds[k]!;
    for (const list of runs.values()) {
      if (list.length < 2 || list.some((run) => run.length % 2 !== 0)) continue;
      const pairs = list.flatMap((run) => Array.from({ length: run.length / 2 }, (_, p) => run.start + 2 * p));
      const balanced = pairs.every((k) => {
        const ratio = Math.max(duration(k), duration(k + 1)) / Math.max(1, Math.min(duration(k), duration(k + 1)));
        return ratio - 1 <= pairTolerance;
      });
      if (balanced) for (const k of pairs) dropBoundary.add(k + 1);
    }
    if (dropBoundary.size === 0) break;
    currentBounds = currentBounds.filter((_, index) => !dropBoundary.has(index));
    currentClusters = currentClusters.filter((_, index) => !dropBoundary.has(index));
  }
  return { bounds: currentBounds, clusters: renumber(currentClusters) };
}

/** Cluster numbers in order of first appearance. */
function renumber(clusters: readonly number[]): number[] {
  const order = new Map<number, number>();
  return clusters.map((cluster) => {
    if (!order.has(cluster)) order.set(cluster, order.size);
    return order.get(cluster)!;
  });
}
