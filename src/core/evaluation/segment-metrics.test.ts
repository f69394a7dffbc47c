import { describe, expect, it } from "vitest";
import { intervalsToBoundaries, sampleIntervalLabels } from "./labeled-intervals.js";
import { boundaryDetection, pairwiseClustering } from "./segment-metrics.js";

const reference = [
  [0, 10],
  [10, 20],
  [20, 30],
] as const;
const estimate = [
  [0, 9.8],
  [9.8, 22],
  [22, 30],
] as const;

describe("boundaryDetection (mir_eval.segment.detection, trim=True)", () => {
  it("scores inner boundaries within the window", () => {
    // Inner boundaries: reference 10, 20; estimate 9.8, 22. At 0.5 s only 9.8↔10 hits.
    expect(boundaryDetection(reference, estimate, 0.5, true)).toEqual({ fMeasure: 0.5, precision: 0.5, recall: 0.5 });
    expect(boundaryDetection(reference, estimate, 3, true).fMeasure).toBe(1);
  });

  it("counts the track start and end only without trimming", () => {
    // 0 and 30 match too: 3 of 4 each way.
    expect(boundaryDetection(reference, estimate, 0.5, false).fMeasure).toBeCloseTo(0.75, 12);
  });

  it("scores 0 when trimming leaves no boundary", () => {
    expect(boundaryDetection(reference, [[0, 30]], 3, true).fMeasure).toBe(0);
  });

  it("merges boundaries equal to 5 decimals", () => {
    expect(
      intervalsToBoundaries([
        [0, 1.000001],
        [1.000004, 2],
      ]),
    ).toEqual([0, 1, 2]);
  });
});

describe("pairwiseClustering (mir_eval.segment.pairwise)", () => {
  it("counts frame pairs labelled alike", () => {
    // 40 frames of 0.1 s: reference 20 "a" + 20 "b" (190 + 190 agreeing pairs), estimate one
    // label (780 pairs). Precision 380/780, recall 1.
    const score = pairwiseClustering(
      {
        intervals: [
          [0, 2],
          [2, 4],
        ],
        labels: ["a", "b"],
      },
      { intervals: [[0, 4]], labels: ["x"] },
    );
    expect(score.precision).toBeCloseTo(380 / 780, 12);
    expect(score.recall).toBe(1);
    expect(score.fMeasure).toBeCloseTo(0.6551724137931034, 12);
  });

  it("ignores the label names and their case, only their pattern", () => {
    const a = { intervals: [[0, 1] as const, [1, 2] as const, [2, 3] as const], labels: ["verse", "chorus", "verse"] };
    const b = { intervals: a.intervals, labels: ["A", "B", "a"] };
    expect(pairwiseClustering(a, b).fMeasure).toBe(1);
  });

  it("samples frames in float32 as numpy does", () => {
    // Frame 20 is at float32 2.0000000298, after the end of [0, 2]: it takes "b".
    const labels = sampleIntervalLabels(
      {
        intervals: [
          [0, 2],
          [2, 4],
        ],
        labels: ["a", "b"],
      },
      0.1,
      "None",
    );
    expect(labels.length).toBe(40);
    expect(labels.slice(19, 21)).toEqual(["a", "b"]);
  });
});
