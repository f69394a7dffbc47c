import { describe, expect, it } from "vitest";
import { reflectIndex } from "../../dsp/stft.js";
import { createSeededRandom } from "../../test-helpers/seeded-random.js";
import { createTimeMedianFilter, replaceSorted, slidingMedian } from "./running-median.js";

/** Median of row[i − h … i + h] with numpy "reflect" padding, by sorting. */
function bruteMedian(row: Float32Array, kernel: number, i: number): number {
  const half = kernel >> 1;
  const window: number[] = [];
  for (let j = i - half; j <= i + half; j++) window.push(row[reflectIndex(j, row.length)]!);
  window.sort((a, b) => a - b);
  return window[half]!;
}

function randomRow(length: number, seed: number): Float32Array {
  const random = createSeededRandom(seed);
  // Repeated values on purpose: ties must not confuse the sorted window.
  return Float32Array.from({ length }, () => Math.floor(random() * 20) / 4);
}

describe("replaceSorted", () => {
  it("keeps the window sorted whichever way the new value moves", () => {
    const sorted = Float32Array.from([1, 2, 2, 3, 5, 8]);
    replaceSorted(sorted, 0, 6, 2, 9);
    expect(Array.from(sorted)).toEqual([1, 2, 3, 5, 8, 9]);
    replaceSorted(sorted, 0, 6, 8, 0);
    expect(Array.from(sorted)).toEqual([0, 1, 2, 3, 5, 9]);
  });
});

describe("slidingMedian", () => {
  for (const [length, kernel] of [
    [50, 17],
    [7, 17],
    [1, 5],
    [20, 1],
    [33, 3],
  ] as const) {
    it(`equals the sorted-window median with reflect padding (length ${length}, kernel ${kernel})`, () => {
      const row = randomRow(length, length * 31 + kernel);
      const out = new Float32Array(length);
      slidingMedian(row, kernel, out, new Float32Array(kernel));
      for (let i = 0; i < length; i++) expect(out[i]).toBe(bruteMedian(row, kernel, i));
    });
  }
});

describe("createTimeMedianFilter", () => {
  for (const [frames, kernel] of [
    [40, 17],
    [5, 17],
    [1, 9],
    [9, 9],
    [12, 1],
  ] as const) {
    it(`streams each lane's median along time, in frame order (${frames} frames, kernel ${kernel})`, () => {
      const lanes = 3;
      const rows = Array.from({ length: frames }, (_, t) => randomRow(lanes, 100 + t));
      const got: { frame: number; values: number[] }[] = [];
      const filter = createTimeMedianFilter(lanes, kernel, frames, (frame, medians) =>
        got.push({ frame, values: Array.from(medians) }),
      );
      for (const row of rows) filter.push(row);
      expect(got.map((entry) => entry.frame)).toEqual(Array.from({ length: frames }, (_, t) => t));
      for (let lane = 0; lane < lanes; lane++) {
        const series = Float32Array.from(rows, (row) => row[lane]!);
        for (let t = 0; t < frames; t++) expect(got[t]!.values[lane]).toBe(bruteMedian(series, kernel, t));
      }
      expect(() => filter.push(rows[0]!)).toThrow(/already pushed/);
    });
  }

  it("refuses even kernels", () => {
    expect(() => createTimeMedianFilter(2, 4, 10, () => {})).toThrow("kernel must be an odd integer ≥ 1, got 4");
  });
});
