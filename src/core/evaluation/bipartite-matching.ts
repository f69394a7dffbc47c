/**
 * Maximum-cardinality matching in a bipartite graph by Hopcroft–Karp: repeated phases of a
 * breadth-first layering from the free left vertices, then depth-first augmentation along
 * the layers, until no augmenting path remains. O(E·√V).
 * mir_eval scores events (beats, onsets, boundaries, notes) by the size of such a maximum
 * matching (`mir_eval.util._bipartite_match`, after Eppstein's Hopcroft–Karp); any maximum
 * matching has the same size, so the scores agree exactly. A greedy nearest-first pairing
 * does not: it can lose matches when windows overlap.
 * Reference: J. E. Hopcroft and R. M. Karp (1973), "An n^5/2 algorithm for maximum
 *   matchings in bipartite graphs", SIAM J. Computing 2(4).
 */

/** A matching: for each left vertex its right partner, −1 when unmatched. */
export interface BipartiteMatching {
  readonly size: number;
  readonly rightOfLeft: Int32Array;
  readonly leftOfRight: Int32Array;
}

const UNREACHED = 0x7fffffff;

/**
 * Maximum matching of left vertices 0…adjacency.length−1 to right vertices 0…rightCount−1,
 * where `adjacency[left]` lists the right vertices `left` may be paired with.
 */
export function maximumBipartiteMatching(
  adjacency: readonly (readonly number[])[],
  rightCount: number,
): BipartiteMatching {
  const leftCount = adjacency.length;
  const rightOfLeft = new Int32Array(leftCount).fill(-1);
  const leftOfRight = new Int32Array(rightCount).fill(-1);
  const layer = new Int32Array(leftCount);
  const nextEdge = new Int32Array(leftCount);
  const queue = new Int32Array(leftCount);
  const stack = new Int32Array(leftCount);
  let size = 0;

  for (;;) {
    // Phase step 1: layer the left vertices by alternating-path distance from the free ones.
    let queueEnd = 0;
    for (let left = 0; left < leftCount; left++) {
      if (rightOfLeft[left]! < 0) {
        layer[left] = 0;
        queue[queueEnd++] = left;
      } else {
        layer[left] = UNREACHED;
      }
    }
    let reachesFreeRight = false;
    for (let head = 0; head < queueEnd; head++) {
      const left = queue[head]!;
      for (const right of adjacency[left]!) {
        const partner = leftOfRight[right]!;
        if (partner < 0) reachesFreeRight = true;
        else if (layer[partner] === UNREACHED) {
          layer[partner] = layer[left]! + 1;
          queue[queueEnd++] = partner;
        }
      }
    }
    if (!reachesFreeRight) break;

    // Phase step 2: augment along layered paths from every free left vertex.
    nextEdge.fill(0);
    for (let root = 0; root < leftCount; root++) {
      if (rightOfLeft[root]! >= 0) continue;
      if (augmentFrom(root, adjacency, rightOfLeft, leftOfRight, layer, nextEdge, stack)) size++;
    }
  }
  return { size, rightOfLeft, leftOfRight };
}

/** Iterative depth-first search for an augmenting path from a free left vertex; flips it when found. */
function augmentFrom(
  root: number,
  adjacency: readonly (readonly number[])[],
  rightOfLeft: Int32Array,
  leftOfRight: Int32Array,
  layer: Int32Array,
  nextEdge: Int32Array,
  stack: Int32Array,
): boolean {
  let depth = 0;
  stack[0] = root;
  while (depth >= 0) {
    const left = stack[depth]!;
    const edges = adjacency[left]!;
    if (nextEdge[left]! >= edges.length) {
      layer[left] = UNREACHED; // dead end for the rest of this phase
      depth--;
      continue;
    }
    const right = edges[nextEdge[left]!]!;
    const partner = leftOfRight[right]!;
    if (partner < 0) {
      for (let level = depth; level >= 0; level--) {
        const pathLeft = stack[level]!;
        const pathRight = adjacency[pathLeft]![nextEdge[pathLeft]!]!;
        leftOfRight[pathRight] = pathLeft;
        rightOfLeft[pathLeft] = pathRight;
      }
      return true;
    }
    if (layer[partner] === layer[left]! + 1) stack[++depth] = partner;
    else nextEdge[left]!++;
  }
  return false;
}
