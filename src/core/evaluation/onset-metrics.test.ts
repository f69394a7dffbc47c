import { describe, expect, it } from "vitest";
import { eventHitWindows, matchEvents } from "./match-events.js";
import { onsetFMeasure } from "./onset-metrics.js";

describe("onsetFMeasure (mir_eval.onset.f_measure)", () => {
  it("counts matches within ±50 ms", () => {
    // 0.02 and 2.04 are within 50 ms of 0 and 2; 1.5, 3.06 and 9 are not: 2 of 5 each way.
    const score = onsetFMeasure([0, 1, 2, 3, 4], [0.02, 1.5, 2.04, 3.06, 9]);
    expect(score.precision).toBeCloseTo(0.4, 12);
    expect(score.recall).toBeCloseTo(0.4, 12);
    expect(score.fMeasure).toBeCloseTo(0.4, 12);
  });

  it("uses a maximum matching, not nearest-first (mir_eval scores this 1.0)", () => {
    // 1.04 is nearest to 1.05, but pairing it with 1.00 lets 1.09 take 1.05: 2 matches.
    expect(onsetFMeasure([1.0, 1.05], [1.04, 1.09]).fMeasure).toBe(1);
  });

  it("matches each event at most once", () => {
    const score = onsetFMeasure([1], [0.99, 1, 1.01]);
    expect(score.precision).toBeCloseTo(1 / 3, 12);
    expect(score.recall).toBe(1);
    expect(score.fMeasure).toBeCloseTo(0.5, 12);
  });

  it("scores 0 for an empty estimate or an empty reference", () => {
    expect(onsetFMeasure([1, 2], [])).toEqual({ fMeasure: 0, precision: 0, recall: 0 });
    expect(onsetFMeasure([], [1, 2])).toEqual({ fMeasure: 0, precision: 0, recall: 0 });
    expect(onsetFMeasure([], []).fMeasure).toBe(0);
  });

  it("includes the window edge as mir_eval's search does (est − w ≤ ref ≤ est + w)", () => {
    expect(onsetFMeasure([1], [1.5], 0.5).fMeasure).toBe(1);
    expect(onsetFMeasure([1], [1.5000001], 0.5).fMeasure).toBe(0);
  });
});

describe("matchEvents", () => {
  it("returns pairs sorted by reference index", () => {
    expect(matchEvents([3, 1, 2], [1.01, 2.02, 2.98], 0.05)).toEqual([
      [0, 2],
      [1, 0],
      [2, 1],
    ]);
  });

  it("lists the references in each estimate's window", () => {
    expect(eventHitWindows([0, 0.1, 0.2, 1], [0.12, 5], 0.1)).toEqual([[1, 2], []]);
  });
});
