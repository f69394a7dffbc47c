import { describe, expect, it } from "vitest";
import { CHORD_QUALITIES, encodeChordLabel } from "../../evaluation/chord-label.js";
import { chordGrid } from "./chord-grid.js";
import { chordLabel, chordName, chordRoot, chordVocabulary, FULL_VOCABULARY } from "./chord-vocabulary.js";

describe("chordVocabulary", () => {
  const vocabulary = chordVocabulary();

  it("has 12 roots per quality plus N", () => {
    expect(vocabulary.states).toBe(FULL_VOCABULARY.length * 12 + 1);
    expect(chordLabel(vocabulary, vocabulary.noChordState)).toBe("N");
    expect(chordRoot(vocabulary, vocabulary.noChordState)).toBe(-1);
  });

  it("writes Harte labels mir_eval parses, with the intervals of mir_eval's qualities", () => {
    for (let state = 0; state < vocabulary.noChordState; state++) {
      const encoded = encodeChordLabel(chordLabel(vocabulary, state))!;
      expect(encoded.root).toBe(state % 12);
      const quality = vocabulary.qualities[Math.floor(state / 12)]!;
      expect(encoded.bitmap).toEqual(CHORD_QUALITIES[quality.harte]);
    }
  });

  it("names chords as lead sheets do", () => {
    const byLabel = new Map<string, string>();
    for (let state = 0; state < vocabulary.states; state++) {
      byLabel.set(chordLabel(vocabulary, state), chordName(vocabulary, state));
    }
    expect(byLabel.get("C:maj")).toBe("C");
    expect(byLabel.get("A:min7")).toBe("Am7");
    expect(byLabel.get("G:7")).toBe("G7");
    expect(byLabel.get("C:maj7")).toBe("Cmaj7");
    expect(byLabel.get("B:dim")).toBe("Bdim");
    expect(byLabel.get("D:sus4")).toBe("Dsus4");
    expect(byLabel.get("Bb:min")).toBe("Bbm");
  });

  it("rejects unknown or repeated qualities", () => {
    expect(() => chordVocabulary(["maj", "hdim9"])).toThrow(/unknown quality/);
    expect(() => chordVocabulary(["maj", "maj"])).toThrow(/distinct/);
    expect(() => chordVocabulary([])).toThrow(/empty/);
  });
});

describe("chordGrid", () => {
  it("steps on beats and fills the edges with beat-long steps", () => {
    const grid = [...chordGrid([1, 1.5, 2, 2.5], 3.5)];
    expect(grid[0]).toBe(0);
    expect(grid.at(-1)).toBe(3.5);
    for (const beat of [1, 1.5, 2, 2.5]) expect(grid).toContain(beat);
    for (let i = 1; i < grid.length; i++) expect(grid[i]! - grid[i - 1]!).toBeLessThanOrEqual(0.5 + 1e-9);
  });

  it("subdivides beats and falls back to a fixed period without beats", () => {
    expect([...chordGrid([0.5, 1, 1.5], 2, { subdivisions: 2 })]).toEqual([0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2]);
    expect([...chordGrid([], 2)]).toEqual([0, 0.5, 1, 1.5, 2]);
    expect([...chordGrid([Number.NaN], 0)]).toEqual([0]);
    expect(() => chordGrid([], 1, { subdivisions: 0 })).toThrow(/subdivisions/);
  });
});
