import { describe, expect, it } from "vitest";
import { isCorpusPrediction, validateCorpusPrediction } from "./corpus-schema.js";

const complete = {
  tempo: 120,
  beats: [0.51, 1.01, 1.51],
  downbeats: [0.51, 2.51],
  time_signature: "4/4",
  key: "A minor",
  chords: [{ start: 0.51, end: 2.51, label: "A:min" }],
  sections: [{ start: 0, end: 15.2, label: "chorus" }],
  onsets: [0.51, 0.76],
  drums: { kick: [0.51], snare: [1.01], hihat: [0.51, 0.76] },
  notes: [{ onset: 0.51, offset: 0.9, midi: 69 }],
  loudness: { integrated_lufs: -14.2, lra: 5.1, true_peak_dbtp: -1 },
};

describe("validateCorpusPrediction", () => {
  it("accepts SCHEMA.md's example, an empty object and unknown fields", () => {
    expect(validateCorpusPrediction(complete)).toEqual({ valid: true, errors: [], prediction: complete });
    expect(isCorpusPrediction({})).toBe(true);
    expect(isCorpusPrediction({ ...complete, confidence: { key: 0.8 } })).toBe(true);
  });

  it("names each problem by its path", () => {
    const result = validateCorpusPrediction({
      tempo: -3,
      beats: [1, 0.5],
      key: "H major",
      chords: [
        { start: 2, end: 1, label: "C:maj" },
        { start: 3, end: 4, label: "C:major" },
      ],
      sections: "intro",
      drums: { kick: ["1"] },
      notes: [{ onset: 1, offset: 2 }],
      loudness: { lra: "5" },
      time_signature: "four",
    });
    expect(result.valid).toBe(false);
    expect(result.prediction).toBeNull();
    const paths = result.errors.map((error) => error.split(":")[0]);
    expect(paths).toEqual([
      "$.tempo",
      "$.beats[1]",
      "$.time_signature",
      "$.key",
      "$.chords[0]",
      "$.chords[1].label",
      "$.sections",
      "$.drums.kick[0]",
      "$.notes[0].midi",
      "$.loudness.lra",
    ]);
  });

  it("rejects non-objects and overlapping spans", () => {
    expect(validateCorpusPrediction([]).valid).toBe(false);
    expect(validateCorpusPrediction(null).valid).toBe(false);
    expect(
      isCorpusPrediction({
        sections: [
          { start: 0, end: 10, label: "a" },
          { start: 5, end: 20, label: "b" },
        ],
      }),
    ).toBe(false);
  });
});
