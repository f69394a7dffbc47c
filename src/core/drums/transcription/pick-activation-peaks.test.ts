import { describe, expect, it } from "vitest";
import { pickActivationPeaks } from "./pick-activation-peaks.js";

describe("pickActivationPeaks", () => {
  it("picks local maxima at or above the threshold, one column of a matrix", () => {
    // Two columns; column 1 holds the function, column 0 is noise that must be ignored.
    const column = [0, 0.3, 0.9, 0.2, 0, 0, 0.4, 0.6, 0.5, 0, 0, 0.3, 0];
    const matrix = new Float32Array(column.length * 2);
    column.forEach((value, t) => {
      matrix[2 * t] = 1 - value;
      matrix[2 * t + 1] = value;
    });
    const peaks = pickActivationPeaks(matrix, 2, 1, 0.5, 2);
    expect(Array.from(peaks.frames)).toEqual([2, 7]);
    // The parabola through 0.4, 0.6, 0.5 peaks after frame 7; through 0.3, 0.9, 0.2 just before 2.
    expect(peaks.offsets[1]).toBeGreaterThan(0);
    expect(peaks.offsets[0]).toBeLessThan(0);
    expect(Math.abs(peaks.offsets[0]!)).toBeLessThan(0.5);
  });

  it("keeps peaks more than `radius` frames apart; a plateau gives its first frame", () => {
    const values = Float32Array.from([0, 0.8, 0.7, 0.9, 0, 0.6, 0.6, 0.6, 0]);
    expect(Array.from(pickActivationPeaks(values, 1, 0, 0.5, 2).frames)).toEqual([3]);
    expect(Array.from(pickActivationPeaks(values, 1, 0, 0.5, 1).frames)).toEqual([1, 3, 5]);
  });

  it("returns nothing for empty, all-zero or NaN input, and rejects bad parameters", () => {
    expect(pickActivationPeaks(new Float32Array(0), 1, 0, 0.5, 2).frames.length).toBe(0);
    expect(pickActivationPeaks(new Float32Array(10), 1, 0, 0.5, 2).frames.length).toBe(0);
    expect(pickActivationPeaks(new Float32Array(10).fill(Number.NaN), 1, 0, 0.5, 2).frames.length).toBe(0);
    expect(() => pickActivationPeaks(new Float32Array(4), 1, 0, 0, 2)).toThrow(/threshold/);
    expect(() => pickActivationPeaks(new Float32Array(4), 1, 0, 0.5, 0)).toThrow(/radius/);
  });
});
