/**
 * Repetition labels for segments: segments that state the same material get the same
 * letter (A, B, C… in order of first appearance).
 *   1. Segment similarity: for segments a and b, the best mean of the unit similarity
 *      matrix S along a diagonal aligning them, S[a₀ + t, b₀ + t + δ], over the overlap,
 *      for every start offset δ that keeps the shorter inside the longer (± `maxShift`
 *      units beyond), times √(shorter / longer) so that a segment is not the same as a
 *      small part of a much longer one. This is the path-based comparison of repeated
 *      sections: a repeat follows the diagonal, unit by unit, in order.
 *   2. Average-linkage agglomerative clustering: the two most similar clusters merge
 *      while their mean pairwise segment similarity is ≥ `threshold`.
 * Input S: n × n, row-major (typically cosine similarity of delay-embedded, mean-centred
 * chroma and timbre). Output: one cluster index per segment, 0-based, in order of first
 * appearance, plus the segment similarity matrix.
 * References: Serrà et al. (2014), section III (segment similarity along diagonals);
 *   Paulus, Müller & Klapuri (2010), "Audio-based music structure analysis", ISMIR
 *   (repetition-based labelling); Müller (2015), "Fundamentals of Music Processing", 4.3.
 */

export interface LabelSectionsOptions {
  /** Mean pairwise similarity at which two clusters still merge, S's units. */
  readonly threshold: number;
  /** Extra alignment shift tried on either side, units; integer ≥ 0. */
  readonly maxShift: number;
}

export const LABEL_SECTIONS_DEFAULTS: LabelSectionsOptions = { threshold: 0.5, maxShift: 2 };

export interface SectionLabelling {
  /** Cluster per segment, 0 = the first segment's cluster, new clusters numbered as they appear. */
  readonly clusters: Int32Array;
  /** Segment similarity, segments × segments, row-major. */
  readonly similarity: Float64Array;
}

/** `bounds` are grid indices 0 = b₀ < b₁ < … < b_m = units; segment k is [b_k, b_{k+1}). */
export function labelSections(
  similarity: Float32Array,
  units: number,
  bounds: readonly number[],
  options: Partial<LabelSectionsOptions> = {},
): SectionLabelling {
  const { threshold, maxShift } = { ...LABEL_SECTIONS_DEFAULTS, ...options };
  const count = bounds.length - 1;
  const pairs = new Float64Array(count * count);
  for (let a = 0; a < count; a++) {
    pairs[a * count + a] = 1;
    for (let b = a + 1; b < count; b++) {
      const value = alignedSimilarity(
        similarity,
        units,
        bounds[a]!,
        bounds[a + 1]!,
        bounds[b]!,
        bounds[b + 1]!,
        maxShift,
      );
      pairs[a * count + b] = value;
      pairs[b * count + a] = value;
    }
  }
  return { clusters: agglomerate(pairs, count, threshold), similarity: pairs };
}

function alignedSimilarity(
  similarity: Float32Array,
  units: number,
  startA: number,
  endA: number,
  startB: number,
  endB: number,
  maxShift: number,
): number {
  const lengthA = endA - startA;
  const lengthB = endB - startB;
  const shorter = Math.min(lengthA, lengthB);
  const longer = Math.max(lengthA, lengthB);
  if (shorter <= 0) return 0;
  // Offsets of B's start relative to A's start along the diagonal.
  const low = Math.min(0, lengthB - lengthA) - maxShift;
  const high = Math.max(0, lengthB - lengthA) + maxShift;
  let best = Number.NEGATIVE_INFINITY;
  for (let shift = low; shift <= high; shift++) {
    // Units t of A whose partner startB + t + shift lies inside B.
    const from = Math.max(0, -shift);
    const to = Math.min(lengthA, lengthB - shift);
    const cells = Math.max(0, to - from);
    let sum = 0;
    // Cell (startA + t, startB + t + shift), one step down the diagonal per t.
    for (let t = from, cell = (startA + from) * units + startB + from + shift; t < to; t++, cell += units + 1) {
      sum += similarity[cell]!;
    }
    if (cells >= Math.max(1, shorter - maxShift) && sum / cells > best) best = sum / cells;
  }
  if (!Number.isFinite(best)) return 0;
  return best * Math.sqrt(shorter / longer);
}

/**
 * Average-linkage clustering of `count` items with similarity `pairs`; labels by first
 * appearance. Clusters are kept in a list (a merge puts the pair at the first one's place);
 * the linkage of two clusters, earlier × later, is the sum of their pairs in member order
 * over the product of their sizes. A merge changes only the merged cluster's linkages, so
 * the others are kept from one round to the next.
 */
function agglomerate(pairs: Float64Array, count: number, threshold: number): Int32Array {
  const members: number[][] = [];
  for (let i = 0; i < count; i++) members.push([i]);
  // linkage[x·count + y] for clusters x before y in the list, by their first item (an id that stays).
  const linkage = new Float64Array(count * count);
  for (let a = 0; a < count; a++)
    for (let b = a + 1; b < count; b++) linkage[a * count + b] = 0 + pairs[a * count + b]!;
  for (;;) {
    let bestValue = Number.NEGATIVE_INFINITY;
    let bestA = -1;
    let bestB = -1;
    for (let a = 0; a < members.length; a++) {
      const row = members[a]![0]! * count;
      for (let b = a + 1; b < members.length; b++) {
        const value = linkage[row + members[b]![0]!]!;
        if (value > bestValue) {
          bestValue = value;
          bestA = a;
          bestB = b;
        }
      }
    }
    if (bestA < 0 || bestValue < threshold) break;
    members[bestA] = [...members[bestA]!, ...members[bestB]!];
    members.splice(bestB, 1);
    const merged = members[bestA]!;
    for (let x = 0; x < members.length; x++) {
      if (x === bestA) continue;
      const [earlier, later] = x < bestA ? [members[x]!, merged] : [merged, members[x]!];
      linkage[earlier[0]! * count + later[0]!] = meanLinkage(pairs, count, earlier, later);
    }
  }
  const cluster = new Int32Array(count).fill(-1);
  members.sort((x, y) => Math.min(...x) - Math.min(...y));
  members.forEach((group, index) => {
    for (const item of group) cluster[item] = index;
  });
  return cluster;
}

function meanLinkage(pairs: Float64Array, count: number, earlier: number[], later: number[]): number {
  let sum = 0;
  for (let p = 0; p < earlier.length; p++) {
    const row = earlier[p]! * count;
    for (let q = 0; q < later.length; q++) sum += pairs[row + later[q]!]!;
  }
  return sum / (earlier.length * later.length);
}
