import { describe, expect, it } from "vitest";
import { type KeyLabel, keyRelation, keyWeightedScore, parseKeyLabel } from "./key-metrics.js";

const key = (label: string): KeyLabel => {
  const parsed = parseKeyLabel(label);
  if (parsed === null) throw new Error(`test key ${label} did not parse`);
  return parsed;
};

describe("parseKeyLabel (score.py norm_key)", () => {
  it("reads the spellings score.py accepts", () => {
    for (const label of ["A minor", "Am", "A:min", "a min", "A min", "  A minor ", "amin", "A:minor"]) {
      expect(parseKeyLabel(label)?.name).toBe("A minor");
    }
    for (const label of ["Bb major", "Bb", "bb maj", "B♭ major", "A# major", "BbM"]) {
      expect(parseKeyLabel(label)?.tonic).toBe(10);
    }
    expect(parseKeyLabel("F#m")).toMatchObject({ tonic: 6, mode: "minor", name: "F# minor" });
    expect(parseKeyLabel("Gb")?.name).toBe("Gb major");
  });

  it("rejects what mir_eval does not know", () => {
    for (const label of ["H major", "Cb major", "E# minor", "", "A dorian", "A minor minor", "X"]) {
      expect(parseKeyLabel(label)).toBeNull();
    }
  });
});

describe("keyWeightedScore (mir_eval.key.weighted_score)", () => {
  it("scores each relation to C major", () => {
    expect(keyWeightedScore(key("C major"), key("C major"))).toBe(1);
    expect(keyWeightedScore(key("C major"), key("G major"))).toBe(0.5); // fifth above
    expect(keyWeightedScore(key("C major"), key("F major"))).toBe(0); // fifth below is not credited
    expect(keyWeightedScore(key("C major"), key("A minor"))).toBe(0.3); // relative
    expect(keyWeightedScore(key("C major"), key("C minor"))).toBe(0.2); // parallel
    expect(keyWeightedScore(key("C major"), key("D major"))).toBe(0);
    expect(keyWeightedScore(key("C major"), key("E minor"))).toBe(0);
  });

  it("scores each relation to A minor, across enharmonic spellings", () => {
    expect(keyWeightedScore(key("A minor"), key("E minor"))).toBe(0.5);
    expect(keyWeightedScore(key("A minor"), key("C major"))).toBe(0.3);
    expect(keyWeightedScore(key("A minor"), key("A major"))).toBe(0.2);
    expect(keyWeightedScore(key("Eb minor"), key("D# minor"))).toBe(1);
    expect(keyRelation(key("F# minor"), key("C# minor"))).toBe("fifth");
  });
});
