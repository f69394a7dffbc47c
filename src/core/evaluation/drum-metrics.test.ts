import { describe, expect, it } from "vitest";
import { drumScores } from "./drum-metrics.js";
import { loudnessErrors } from "./loudness-metrics.js";

describe("drumScores", () => {
  const reference = { kick: [1, 2, 3, 4], snare: [1.5, 3.5], hihat: [], cymbal: [1] };

  it("scores each class with reference hits and averages them", () => {
    // kick: 2 of 4 hit, no extras → P 1, R 0.5, F 2/3. snare: perfect. hihat has no truth.
    const scores = drumScores(reference, { kick: [1.01, 3.02], snare: [1.5, 3.5], tom: [7] });
    expect(scores.perClass.kick).toBeCloseTo(2 / 3, 12);
    expect(scores.perClass.snare).toBe(1);
    expect(scores.perClass.hihat).toBeUndefined();
    expect(scores.meanFMeasure).toBeCloseTo((2 / 3 + 1) / 2, 12);
  });

  it("counts a missing class as no hits", () => {
    expect(drumScores(reference, {}).perClass).toEqual({ kick: 0, snare: 0 });
  });

  it("has no mean when the reference has no scored class", () => {
    expect(drumScores({ cymbal: [1] }, { kick: [1] })).toEqual({ perClass: {}, meanFMeasure: null });
  });
});

describe("loudnessErrors", () => {
  it("reports absolute errors of the fields present", () => {
    const truth = { integrated_lufs: -14, lra: 6, true_peak_dbtp: -1 };
    expect(loudnessErrors(truth, { integrated_lufs: -14.5, lra: 5 })).toEqual({
      integratedAbsError: 0.5,
      lraAbsError: 1,
    });
    expect(loudnessErrors(truth, { true_peak_dbtp: null })).toEqual({});
  });
});
