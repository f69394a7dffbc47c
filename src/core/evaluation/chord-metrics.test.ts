import { describe, expect, it } from "vitest";
import { compareMajmin, compareRoot, compareSevenths, weightedAccuracy } from "./chord-comparison.js";
import { type EncodedChord, encodeChordLabel } from "./chord-label.js";
import { chordScores } from "./chord-metrics.js";
import { adjustIntervals, type LabeledIntervals, mergeLabeledIntervals } from "./labeled-intervals.js";

const chord = (label: string): EncodedChord => encodeChordLabel(label)!;
const spans = (...items: Array<[number, number, string]>): LabeledIntervals => ({
  intervals: items.map(([start, end]) => [start, end] as const),
  labels: items.map(([, , label]) => label),
});

describe("chord comparisons (mir_eval.chord)", () => {
  it("root compares roots only, skipping X references", () => {
    expect(compareRoot(chord("C:maj"), chord("C:min"))).toBe(1);
    expect(compareRoot(chord("C:maj"), chord("D:maj"))).toBe(0);
    expect(compareRoot(chord("X"), chord("C:maj"))).toBe(-1);
    // N and X both have root −1, so mir_eval counts this as a root match.
    expect(compareRoot(chord("N"), chord("X"))).toBe(1);
  });

  it("majmin compares up to the fifth; sevenths count as their triad; others are out of vocabulary", () => {
    expect(compareMajmin(chord("C:maj"), chord("C:min"))).toBe(0);
    expect(compareMajmin(chord("C:7"), chord("C:maj"))).toBe(1);
    expect(compareMajmin(chord("C:dim"), chord("C:dim"))).toBe(-1);
    expect(compareMajmin(chord("N"), chord("N"))).toBe(1);
    expect(compareMajmin(chord("N"), chord("X"))).toBe(0);
  });

  it("sevenths compares the whole bitmap within maj, min, maj7, 7, min7, N", () => {
    expect(compareSevenths(chord("C:7"), chord("C:7"))).toBe(1);
    expect(compareSevenths(chord("C:7"), chord("C:maj"))).toBe(0);
    expect(compareSevenths(chord("C:maj6"), chord("C:maj6"))).toBe(-1);
  });

  it("weights comparisons by duration and leaves out-of-vocabulary ones out", () => {
    expect(weightedAccuracy([1, 0, -1], [2, 1, 5])).toBeCloseTo(2 / 3, 12);
    expect(weightedAccuracy([-1, -1], [1, 1])).toBe(0);
    expect(weightedAccuracy([1], [0])).toBe(0);
  });
});

describe("chordScores (WCSR over the reference span)", () => {
  const reference = spans([0, 2, "C:maj"], [2, 4, "A:min"]);

  it("weights each refined piece by its duration", () => {
    // [0,1] C=C, [1,2] C vs A, [2,4] A=A: 3 of 4 seconds correct.
    expect(chordScores(reference, spans([0, 1, "C:maj"], [1, 4, "A:min"]))).toEqual({
      root: 0.75,
      majmin: 0.75,
      sevenths: 0.75,
    });
  });

  it("lets a gap inherit the chord before it, as score.py (mir_eval merge) does", () => {
    expect(chordScores(reference, spans([0, 1, "C:maj"], [2, 4, "A:min"])).majmin).toBe(1);
  });

  it("pads an estimate that starts late with N", () => {
    // [0,1] N vs C:maj is wrong; the rest is right.
    expect(chordScores(reference, spans([1, 2, "C:maj"], [2, 4, "A:min"])).root).toBeCloseTo(0.75, 12);
  });

  it("scores unparseable labels as X", () => {
    expect(chordScores(reference, spans([0, 4, "garbage"])).majmin).toBe(0);
  });
});

describe("adjustIntervals and mergeLabeledIntervals (mir_eval.util)", () => {
  it("crops and pads to [tMin, tMax]", () => {
    const adjusted = adjustIntervals(spans([-1, 1, "a"], [1, 5, "b"], [6, 7, "c"]), 0, 4, "S", "E");
    expect(adjusted.intervals).toEqual([
      [0, 1],
      [1, 4],
    ]);
    expect(adjusted.labels).toEqual(["a", "b"]);
    expect(adjustIntervals(spans([1, 2, "a"]), 0, 4, "S", "E")).toEqual(spans([0, 1, "S"], [1, 2, "a"], [2, 4, "E"]));
    expect(adjustIntervals(spans(), 0, 4, "S", "E")).toEqual(spans([0, 4, "S"]));
  });

  it("refines two segmentations at every boundary", () => {
    const merged = mergeLabeledIntervals(spans([0, 2, "a"], [2, 4, "b"]), spans([0, 1, "x"], [1, 4, "y"]));
    expect(merged.intervals).toEqual([
      [0, 1],
      [1, 2],
      [2, 4],
    ]);
    expect(merged.referenceLabels).toEqual(["a", "a", "b"]);
    expect(merged.estimatedLabels).toEqual(["x", "y", "y"]);
  });
});
