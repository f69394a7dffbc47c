import { describe, expect, it } from "vitest";
import { pickPeaks } from "./pick-peaks.js";

describe("pickPeaks", () => {
  it("finds isolated maxima above the moving mean", () => {
    const values = new Float32Array(100);
    for (const at of [10, 40, 70]) values[at] = 1;
    expect([...pickPeaks(values, { delta: 0.1 })]).toEqual([10, 40, 70]);
  });

  it("keeps one peak per combine window and ignores peaks under delta", () => {
    const values = new Float32Array(50);
    values[10] = 1;
    values[12] = 0.9;
    values[30] = 0.05;
    expect([...pickPeaks(values, { delta: 0.1, preMax: 1, postMax: 1, combine: 3 })]).toEqual([10]);
  });

  it("handles empty, all-zero and NaN input", () => {
    expect(pickPeaks(new Float32Array(0)).length).toBe(0);
    expect(pickPeaks(new Float32Array(20)).length).toBe(0);
    const values = new Float32Array(20).fill(Number.NaN);
    values[5] = 1;
    expect([...pickPeaks(values)]).toEqual([5]);
  });

  it("rejects malformed windows", () => {
    expect(() => pickPeaks(new Float32Array(4), { preMax: -1 })).toThrow(/preMax/);
  });
});
