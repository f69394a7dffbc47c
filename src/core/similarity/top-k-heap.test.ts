import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import { TopKHeap } from "./top-k-heap.js";

function bruteForce(scores: readonly number[], k: number): number[] {
  return scores
    .map((score, row) => ({ score, row }))
    .sort((a, b) => b.score - a.score || a.row - b.row)
    .slice(0, k)
    .map(({ row }) => row);
}

describe("TopKHeap", () => {
  it("keeps the k best of a random stream, best first", () => {
    const random = createSeededRandom(11);
    const heap = new TopKHeap();
    for (const k of [1, 5, 40]) {
      const scores = Array.from({ length: 1000 }, () => Math.round(random() * 200) / 200);
      heap.reset(k);
      scores.forEach((score, row) => {
        heap.offer(score, row, row);
      });
      expect(heap.ranked().map(({ row }) => row)).toEqual(bruteForce(scores, k));
    }
  });

  it("breaks ties by the smaller sequence, whatever the arrival order", () => {
    const heap = new TopKHeap();
    heap.reset(3);
    for (const sequence of [9, 4, 7, 1, 8, 2]) heap.offer(0.5, sequence, sequence);
    expect(heap.ranked().map(({ row }) => row)).toEqual([1, 2, 4]);
  });

  it("keeps nothing for k = 0 and everything when k exceeds the stream", () => {
    const heap = new TopKHeap();
    heap.reset(0);
    heap.offer(1, 0, 0);
    expect(heap.ranked()).toEqual([]);
    expect(heap.threshold()).toBe(Number.POSITIVE_INFINITY);
    heap.reset(10);
    heap.offer(0.1, 0, 0);
    heap.offer(0.9, 1, 1);
    expect(heap.threshold()).toBe(Number.NEGATIVE_INFINITY);
    expect(heap.ranked()).toEqual([
      { row: 1, score: 0.9 },
      { row: 0, score: 0.1 },
    ]);
  });
});
