import { describe, expect, it } from "vitest";
import { createBeatTimeline } from "./beat-timeline.js";

describe("createBeatTimeline", () => {
  const timeline = createBeatTimeline([1, 1.5, 2, 2.6, 3.2]);

  it("interpolates linearly between beats, through a tempo change", () => {
    expect(timeline.positionOf(1)).toBe(0);
    expect(timeline.positionOf(1.25)).toBeCloseTo(0.5, 12);
    expect(timeline.positionOf(2.3)).toBeCloseTo(2.5, 12);
    expect(timeline.positionOf(3.2)).toBe(4);
  });

  it("extrapolates at the first and last beat periods", () => {
    expect(timeline.positionOf(0.75)).toBeCloseTo(-0.5, 12);
    expect(timeline.positionOf(3.5)).toBeCloseTo(4.5, 12);
    expect(timeline.timeOf(-2)).toBeCloseTo(0, 12);
    expect(timeline.timeOf(6)).toBeCloseTo(4.4, 12);
  });

  it("inverts timeOf and positionOf", () => {
    for (const position of [-1.3, 0, 0.25, 1.999, 2.5, 3.75, 5.2]) {
      expect(timeline.positionOf(timeline.timeOf(position))).toBeCloseTo(position, 10);
    }
  });

  it("continues a grid of fewer than two beats at the fallback period, and drops unusable beats", () => {
    const one = createBeatTimeline([2], 0.4);
    expect(Array.from(one.beatTimes)).toEqual([2, 2.4]);
    expect(one.positionOf(3)).toBeCloseTo(2.5, 12);
    const none = createBeatTimeline([]);
    expect(Array.from(none.beatTimes)).toEqual([0, 0.5]);
    const messy = createBeatTimeline([0, Number.NaN, 0.5, 0.5, 0.4, 1]);
    expect(Array.from(messy.beatTimes)).toEqual([0, 0.5, 1]);
    expect(() => createBeatTimeline([0], 0)).toThrow(/fallbackPeriodSeconds/);
  });
});
