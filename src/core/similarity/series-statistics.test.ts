import { describe, expect, it } from "vitest";
import {
  energyMeanDb,
  fractionBelow,
  meanAbsoluteStep,
  positionOfMaximum,
  quantileOfSorted,
  sortedAtLeast,
  standardDeviation,
} from "./series-statistics.js";

describe("series statistics", () => {
  it("selects and sorts the finite values at or above a gate", () => {
    const values = new Float32Array([-10, Number.NaN, -80, -5, Number.POSITIVE_INFINITY, -70]);
    expect(Array.from(sortedAtLeast(values, -70))).toEqual([-70, -10, -5]);
  });

  it("interpolates quantiles between order statistics (Hyndman & Fan type 7)", () => {
    const sorted = new Float64Array([1, 2, 3, 4]);
    // NumPy: np.quantile([1, 2, 3, 4], [0, 0.1, 0.5, 1]) = [1, 1.3, 2.5, 4].
    expect(quantileOfSorted(sorted, 0)).toBe(1);
    expect(quantileOfSorted(sorted, 0.1)).toBeCloseTo(1.3, 12);
    expect(quantileOfSorted(sorted, 0.5)).toBe(2.5);
    expect(quantileOfSorted(sorted, 1)).toBe(4);
    expect(quantileOfSorted(new Float64Array(0), 0.5)).toBeNull();
  });

  it("computes a population standard deviation skipping non-finite values", () => {
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9, Number.NaN])).toBe(2);
    expect(standardDeviation([])).toBeNull();
  });

  it("averages steps only between neighbours that both pass the gate", () => {
    expect(meanAbsoluteStep([-10, -12, -150, -11, -8], -70)).toBe(2.5);
    expect(meanAbsoluteStep([-150, -10, -150], -70)).toBeNull();
  });

  it("counts fractions, energy means and the maximum's position", () => {
    expect(fractionBelow([1, 2, 3, Number.NaN], 2.5)).toBeCloseTo(2 / 3, 12);
    expect(fractionBelow([], 0)).toBeNull();
    expect(energyMeanDb([0, 0, -10, -10], 0, 2)).toBeCloseTo(0, 12);
    expect(energyMeanDb([0, 10 * Math.log10(3)], 0, 2)).toBeCloseTo(10 * Math.log10(2), 12);
    expect(energyMeanDb([0], 1, 3)).toBeNull();
    expect(positionOfMaximum([1, 5, 5, 2])).toBe(1.5 / 4);
    expect(positionOfMaximum([Number.NaN])).toBeNull();
  });
});
