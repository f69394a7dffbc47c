import { describe, expect, it } from "vitest";
import { maximumBipartiteMatching } from "./bipartite-matching.js";

describe("maximumBipartiteMatching", () => {
  it("finds the maximum where taking the first edge greedily would not", () => {
    // left 0 may take right 0 or 1; left 1 only right 0. Greedy 0→0 leaves 1 unmatched.
    const matching = maximumBipartiteMatching([[0, 1], [0]], 2);
    expect(matching.size).toBe(2);
    expect([...matching.rightOfLeft]).toEqual([1, 0]);
    expect([...matching.leftOfRight]).toEqual([1, 0]);
  });

  it("augments along a long alternating chain", () => {
    // left i may take right i or i+1; left n−1 only right n−1 ... a staircase of n.
    const n = 500;
    const adjacency = Array.from({ length: n }, (_, i) => (i === n - 1 ? [0] : [i, i + 1]));
    expect(maximumBipartiteMatching(adjacency, n).size).toBe(n);
  });

  it("handles empty sides and vertices without edges", () => {
    expect(maximumBipartiteMatching([], 3).size).toBe(0);
    expect(maximumBipartiteMatching([[], [], []], 0).size).toBe(0);
    expect(maximumBipartiteMatching([[0], [0], [0]], 1).size).toBe(1);
  });

  it("equals the brute-force maximum on small random graphs", () => {
    let state = 12345;
    const random = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    for (let trial = 0; trial < 200; trial++) {
      const leftCount = 1 + Math.floor(random() * 6);
      const rightCount = 1 + Math.floor(random() * 6);
      const adjacency = Array.from({ length: leftCount }, () =>
        Array.from({ length: rightCount }, (_, right) => right).filter(() => random() < 0.4),
      );
      expect(maximumBipartiteMatching(adjacency, rightCount).size).toBe(bruteForce(adjacency, 0, new Set()));
    }
  });
});

function bruteForce(adjacency: number[][], left: number, used: Set<number>): number {
  if (left === adjacency.length) return 0;
  let best = bruteForce(adjacency, left + 1, used);
  for (const right of adjacency[left]!) {
    if (used.has(right)) continue;
    used.add(right);
    best = Math.max(best, 1 + bruteForce(adjacency, left + 1, used));
    used.delete(right);
  }
  return best;
}
