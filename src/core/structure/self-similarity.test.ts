import { describe, expect, it } from "vitest";
import { mixSimilarities } from "./self-similarity.js";

describe("mixSimilarities", () => {
  it("is the weighted mean of the matrices, in Float32", () => {
    const a = Float32Array.from([1, 0, -1, 0.5]);
    const b = Float32Array.from([0, 1, 1, 0.5]);
    expect(Array.from(mixSimilarities([a, b], [3, 1]))).toEqual([0.75, 0.25, -0.5, 0.5]);
    expect(Array.from(mixSimilarities([a, b, b], [2, 1, 1]))).toEqual([0.5, 0.5, 0, 0.5]);
  });

  it("gives two matrices the same values whether mixed alone or as part of a longer list", () => {
    const size = 1000;
    const a = Float32Array.from({ length: size }, (_, i) => Math.sin(i));
    const b = Float32Array.from({ length: size }, (_, i) => Math.cos(3 * i));
    const zero = new Float32Array(size);
    // A third matrix of weight 0 adds +0·0 to each sum: the general path's values, bit for bit.
    expect(Array.from(mixSimilarities([a, b], [0.3, 0.7]))).toEqual(
      Array.from(mixSimilarities([a, b, zero], [0.3, 0.7, 0])),
    );
  });
});
