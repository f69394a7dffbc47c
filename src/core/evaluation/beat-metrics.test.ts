import { describe, expect, it } from "vitest";
import { beatContinuity } from "./beat-continuity.js";
import { beatFMeasure, referenceBeatVariations, trimBeats } from "./beat-metrics.js";

const grid = (count: number, step = 1, start = 0): number[] =>
  Array.from({ length: count }, (_, i) => start + i * step);

describe("trimBeats and beatFMeasure (mir_eval.beat)", () => {
  it("drops beats before 5 s", () => {
    expect(trimBeats([1, 4.999, 5, 6])).toEqual([5, 6]);
    expect(trimBeats([])).toEqual([]);
  });

  it("counts beats within ±70 ms", () => {
    // 10.06 and 11.069 hit; 12.08 misses (80 ms); the extra 13.5 is a false positive.
    const score = beatFMeasure([10, 11, 12], [10.06, 11.069, 12.08, 13.5]);
    expect(score.precision).toBeCloseTo(2 / 4, 12);
    expect(score.recall).toBeCloseTo(2 / 3, 12);
    expect(score.fMeasure).toBeCloseTo(4 / 7, 12);
  });

  it("scores 0 for empty sequences", () => {
    expect(beatFMeasure([], [1]).fMeasure).toBe(0);
    expect(beatFMeasure([1], []).fMeasure).toBe(0);
  });
});

describe("referenceBeatVariations", () => {
  it("builds off-beat, double and half-tempo sequences", () => {
    const variations = referenceBeatVariations([0, 1, 2, 3]);
    expect(variations.double).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3]);
    expect(variations.offBeat).toEqual([0.5, 1.5, 2.5]);
    expect(variations.halfOdd).toEqual([0, 2]);
    expect(variations.halfEven).toEqual([1, 3]);
  });
});

describe("beatContinuity (mir_eval.beat.continuity)", () => {
  it("is perfect for the reference itself", () => {
    expect(beatContinuity(grid(10), grid(10))).toEqual({ cmlc: 1, cmlt: 1, amlc: 1, amlt: 1 });
  });

  it("breaks continuity at a dropped beat", () => {
    // Beat 5 missing: the estimate after the gap has a 2 s interval (period error 100 %) and
    // fails; 8 of max(10, 9) = 10 positions succeed; the longest run is beats 0–4.
    const estimate = grid(10).filter((time) => time !== 5);
    const score = beatContinuity(grid(10), estimate);
    expect(score.cmlt).toBeCloseTo(0.8, 12);
    expect(score.cmlc).toBeCloseTo(0.5, 12);
    expect(score.amlt).toBeCloseTo(0.8, 12);
  });

  it("accepts the off-beat only at any metrical level", () => {
    // 9 off-beat references for 10 estimates: the last estimate finds its nearest taken.
    const score = beatContinuity(grid(10), grid(10, 1, 0.5));
    expect(score.cmlt).toBe(0);
    expect(score.amlt).toBeCloseTo(0.9, 12);
  });

  it("accepts double tempo only at any metrical level", () => {
    const score = beatContinuity(grid(10), grid(19, 0.5));
    expect(score.cmlt).toBe(0);
    expect(score.amlt).toBe(1);
  });

  it("scores 0 with fewer than two beats on either side", () => {
    expect(beatContinuity(grid(10), [3])).toEqual({ cmlc: 0, cmlt: 0, amlc: 0, amlt: 0 });
    expect(beatContinuity([3], grid(10))).toEqual({ cmlc: 0, cmlt: 0, amlc: 0, amlt: 0 });
    expect(beatContinuity([], [])).toEqual({ cmlc: 0, cmlt: 0, amlc: 0, amlt: 0 });
  });
});
