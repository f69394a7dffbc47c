import { describe, expect, it } from "vitest";
import {
  encodeChordLabel,
  isValidChordLabel,
  NO_CHORD_ENCODED,
  splitChordLabel,
  UNKNOWN_CHORD_ENCODED,
} from "./chord-label.js";

const bits = (...semitones: number[]): number[] =>
  Array.from({ length: 12 }, (_, i) => (semitones.includes(i) ? 1 : 0));

describe("splitChordLabel (mir_eval.chord.split)", () => {
  it("splits the examples of mir_eval's documentation", () => {
    expect(splitChordLabel("C")).toEqual({ root: "C", quality: "maj", scaleDegrees: new Set(), bass: "1" });
    expect(splitChordLabel("G#:min(*b3,*5)/5")).toEqual({
      root: "G#",
      quality: "min",
      scaleDegrees: new Set(["*b3", "*5"]),
      bass: "5",
    });
    expect(splitChordLabel("A:(3)/6")).toEqual({ root: "A", quality: "", scaleDegrees: new Set(["3"]), bass: "6" });
  });

  it("rejects labels outside the grammar", () => {
    for (const label of ["H:maj", "C:major", "Cmaj", "C:", "c:maj", "C:maj/", "None", "", "C:min(14)"]) {
      expect(isValidChordLabel(label)).toBe(false);
      expect(splitChordLabel(label)).toBeNull();
    }
  });
});

describe("encodeChordLabel (mir_eval.chord.encode)", () => {
  it("encodes triads, sevenths and spellings", () => {
    expect(encodeChordLabel("C:maj")).toEqual({ root: 0, bitmap: bits(0, 4, 7), bass: 0 });
    expect(encodeChordLabel("A:min")).toEqual({ root: 9, bitmap: bits(0, 3, 7), bass: 0 });
    expect(encodeChordLabel("G:7")).toEqual({ root: 7, bitmap: bits(0, 4, 7, 10), bass: 0 });
    expect(encodeChordLabel("Cb:maj")?.root).toBe(11);
    expect(encodeChordLabel("E#:maj")?.root).toBe(5);
  });

  it("applies omissions, additions and the bass", () => {
    expect(encodeChordLabel("G#:min(*b3,*5)/5")).toEqual({ root: 8, bitmap: bits(0, 7), bass: 7 });
    expect(encodeChordLabel("A:(3)/6")).toEqual({ root: 9, bitmap: bits(0, 4, 9), bass: 9 });
    expect(encodeChordLabel("C:maj/b7")).toEqual({ root: 0, bitmap: bits(0, 4, 7, 10), bass: 10 });
    // Extended degrees (9 = 14 semitones) drop out without reduce_extended_chords.
    expect(encodeChordLabel("C:maj(9)")).toEqual(encodeChordLabel("C:maj"));
  });

  it("encodes N and X", () => {
    expect(encodeChordLabel("N")).toBe(NO_CHORD_ENCODED);
    expect(encodeChordLabel("X")).toBe(UNKNOWN_CHORD_ENCODED);
    expect(UNKNOWN_CHORD_ENCODED.bitmap.every((bit) => bit === -1)).toBe(true);
  });

  it("returns null for grammatical shorthands mir_eval cannot encode, and for garbage", () => {
    expect(isValidChordLabel("C:aug7")).toBe(true);
    expect(encodeChordLabel("C:aug7")).toBeNull();
    expect(encodeChordLabel("C:maj11")).toBeNull();
    expect(encodeChordLabel("nonsense")).toBeNull();
  });
});
