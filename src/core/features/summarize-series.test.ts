import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import { summarizeSeries } from "./summarize-series.js";

describe("summarizeSeries", () => {
  it("gives numpy's mean, std (ddof 0), min, max and median", () => {
    // source: numpy — mean 5, std 2 (population), median of 8 values = (4 + 5) / 2
    expect(summarizeSeries(Float32Array.from([2, 4, 4, 4, 5, 5, 7, 9]))).toEqual({
      mean: 5,
      std: 2,
      min: 2,
      max: 9,
      median: 4.5,
    });
    expect(summarizeSeries(Float32Array.from([3, 1, 2]))?.median).toBe(2);
    expect(summarizeSeries(Float32Array.of(7))).toEqual({ mean: 7, std: 0, min: 7, max: 7, median: 7 });
  });

  it("finds the median of random, sorted, reversed and repetitive series like a full sort", () => {
    const random = createSeededRandom(3);
    const cases = [
      Float64Array.from({ length: 1001 }, () => random()),
      Float64Array.from({ length: 1000 }, () => Math.floor(random() * 5)),
      Float64Array.from({ length: 500 }, (_, i) => i),
      Float64Array.from({ length: 501 }, (_, i) => -i),
      new Float64Array(10).fill(0.25),
    ];
    for (const values of cases) {
      const sorted = Array.from(values).sort((a, b) => a - b);
      const middle = sorted.length >> 1;
      const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
      expect(summarizeSeries(values)?.median).toBe(median);
    }
  });

  it("reads a matrix column by offset and stride, reusing a scratch buffer, without changing the input", () => {
    const matrix = Float32Array.from([1, 10, 2, 20, 3, 30, 4, 40]);
    const scratch = new Float64Array(4);
    expect(summarizeSeries(matrix, { offset: 1, stride: 2, count: 4 }, scratch)).toMatchObject({
      min: 10,
      max: 40,
      median: 25,
    });
    expect(summarizeSeries(matrix, { offset: 0, stride: 2 }, scratch)?.mean).toBe(2.5);
    expect(Array.from(matrix)).toEqual([1, 10, 2, 20, 3, 30, 4, 40]);
    expect(() => summarizeSeries(matrix, { offset: 1, stride: 2, count: 5 })).toThrow(/exceed/);
    expect(() => summarizeSeries(matrix, { stride: 0 })).toThrow(/stride/);
  });

  it("skips non-finite values and returns null when none is finite", () => {
    expect(summarizeSeries(Float32Array.from([1, Number.NaN, 3, Number.POSITIVE_INFINITY]))).toEqual({
      mean: 2,
      std: 1,
      min: 1,
      max: 3,
      median: 2,
    });
    expect(summarizeSeries(Float32Array.from([Number.NaN]))).toBeNull();
    expect(summarizeSeries(new Float32Array(0))).toBeNull();
  });
});
