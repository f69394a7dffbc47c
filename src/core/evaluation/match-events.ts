/**
 * Windowed event matching as `mir_eval.util.match_events`: the largest set of pairs
 * (reference i, estimate j), each event used at most once, with the reference within the
 * estimate's tolerance window. The window test is mir_eval's `_fast_hit_windows`
 * (`est − window ≤ ref ≤ est + window`, by binary search in the sorted references), which
 * is what decides events lying exactly on the window edge.
 * Reference: mir_eval 0.7, util.match_events; C. Raffel et al. (2014), "mir_eval: a
 *   transparent implementation of common MIR metrics", ISMIR.
 */
import { maximumBipartiteMatching } from "./bipartite-matching.js";

/** Index of the first element of ascending `sorted` that is ≥ `value`. */
export function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Index of the first element of ascending `sorted` that is > `value`. */
export function upperBound(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** For each estimate, the indices of the references inside its window (mir_eval `_fast_hit_windows`). */
export function eventHitWindows(
  reference: readonly number[],
  estimated: readonly number[],
  windowSeconds: number,
): number[][] {
  const order = reference.map((_, index) => index).sort((a, b) => reference[a]! - reference[b]! || a - b);
  const sortedReference = Float64Array.from(order, (index) => reference[index]!);
  return estimated.map((time) => {
    const first = lowerBound(sortedReference, time - windowSeconds);
    const end = upperBound(sortedReference, time + windowSeconds);
    return order.slice(first, end);
  });
}

/**
 * Maximum matching of reference to estimated event times within ±`windowSeconds`.
 * Returns the matched pairs `[referenceIndex, estimatedIndex]`, sorted by reference index.
 */
export function matchEvents(
  reference: readonly number[],
  estimated: readonly number[],
  windowSeconds: number,
): Array<[number, number]> {
  const hits = eventHitWindows(reference, estimated, windowSeconds);
  const matching = maximumBipartiteMatching(hits, reference.length);
  const pairs: Array<[number, number]> = [];
  for (let referenceIndex = 0; referenceIndex < reference.length; referenceIndex++) {
    const estimatedIndex = matching.leftOfRight[referenceIndex]!;
    if (estimatedIndex >= 0) pairs.push([referenceIndex, estimatedIndex]);
  }
  return pairs;
}
