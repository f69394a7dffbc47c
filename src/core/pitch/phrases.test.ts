import { describe, expect, it } from "vitest";
import { segmentPhrases } from "./phrases.js";

const note = (start: number, end: number) => ({ start, end });

describe("segmentPhrases", () => {
  it("splits at a rest longer than the threshold and not at short breaths", () => {
    const notes = [note(0, 0.4), note(0.45, 0.9), note(1.0, 1.5), note(2.0, 2.3), note(2.35, 2.8)];
    expect(segmentPhrases(notes)).toEqual([
      { start: 0, end: 1.5, firstNote: 0, endNote: 3 },
      { start: 2.0, end: 2.8, firstNote: 3, endNote: 5 },
    ]);
    expect(segmentPhrases(notes, { minRestSeconds: 0.08 })).toHaveLength(3);
  });

  it("measures the rest from the latest end so far (overlapping notes)", () => {
    expect(segmentPhrases([note(0, 2), note(0.5, 0.6), note(1.5, 2.1)])).toHaveLength(1);
  });

  it("returns no phrases for no notes and rejects bad input", () => {
    expect(segmentPhrases([])).toEqual([]);
    expect(() => segmentPhrases([note(1, 2), note(0, 0.5)])).toThrow(/sorted/);
    expect(() => segmentPhrases([], { minRestSeconds: -1 })).toThrow(/minRestSeconds/);
  });
});
