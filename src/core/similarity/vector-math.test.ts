import { describe, expect, it } from "vitest";
import { createGaussianRandom } from "../test-helpers/seeded-random.js";
import { cosineSimilarity, dotProduct, dotRow, vectorLength } from "./vector-math.js";

function randomVector(seed: number, length = 128): Float32Array {
  const random = createGaussianRandom(seed);
  return Float32Array.from({ length }, () => random());
}

describe("cosineSimilarity", () => {
  it("gives 1 for identical and parallel vectors, −1 for opposite ones", () => {
    const vector = randomVector(1);
    expect(cosineSimilarity(vector, vector)).toBeCloseTo(1, 12);
    expect(
      cosineSimilarity(
        vector,
        vector.map((value) => 3 * value),
      ),
    ).toBeCloseTo(1, 6);
    expect(
      cosineSimilarity(
        vector,
        vector.map((value) => -value),
      ),
    ).toBeCloseTo(-1, 12);
  });

  it("gives 0 for orthogonal vectors and for a zero vector", () => {
    const first = new Float32Array(128);
    const second = new Float32Array(128);
    first[0] = 1;
    first[5] = 2;
    second[1] = 4;
    second[127] = -1;
    expect(cosineSimilarity(first, second)).toBe(0);
    expect(cosineSimilarity(first, new Float32Array(128))).toBe(0);
  });

  it("matches the definition a·b / (‖a‖‖b‖)", () => {
    expect(cosineSimilarity([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(cosineSimilarity([3, 4, 0], [4, 3, 0])).toBeCloseTo(24 / 25, 12);
    expect(vectorLength([3, 4])).toBe(5);
  });

  it("rejects vectors of different lengths", () => {
    expect(() => dotProduct([1, 2], [1])).toThrow(/equal lengths, got 2 and 1/);
  });
});

describe("dotRow", () => {
  it("equals dotProduct with the matrix row", () => {
    const query = Float64Array.from(randomVector(2));
    const matrix = new Float32Array(3 * 128);
    matrix.set(randomVector(3), 0);
    matrix.set(randomVector(4), 128);
    matrix.set(randomVector(5), 256);
    for (let row = 0; row < 3; row++) {
      const expected = dotProduct(query, matrix.subarray(row * 128, (row + 1) * 128));
      expect(dotRow(query, matrix, row * 128)).toBeCloseTo(expected, 10);
    }
  });
});
