import { describe, expect, it } from "vitest";
import { validateCorpusPrediction } from "../core/evaluation/corpus-schema.js";
import { addChord } from "../core/test-helpers/harmonic-signals.js";
import { clickTrain } from "../core/test-helpers/signals.js";
import { analyzeAudio } from "./analyze-audio.js";
import { toCorpusPrediction } from "./corpus-prediction.js";
import { ANALYSES, ANALYSIS_NAMES, findAnalysis } from "./registry.js";
import { ReportSchema } from "./report.js";

describe("the analysis registry", () => {
  it("gives every analysis a unique name, a description and a positive cost", () => {
    expect(new Set(ANALYSIS_NAMES).size).toBe(ANALYSES.length);
    for (const analysis of ANALYSES) {
      expect(analysis.description.length).toBeGreaterThan(10);
      expect(analysis.cost).toBeGreaterThan(0);
      expect(findAnalysis(analysis.name)).toBe(analysis);
    }
    expect(findAnalysis("no-such-analysis")).toBeUndefined();
  });

  it("puts exactly the registered analyses in the report schema", () => {
    expect(Object.keys(ReportSchema.shape.analyses.shape).sort()).toEqual([...ANALYSIS_NAMES].sort());
  });

  it("maps a report onto the corpus schema through each analysis's own mapping", async () => {
    const rate = 22_050;
    const samples = clickTrain(120, rate, rate * 16);
    const chords = [
      [48, 60, 64, 67],
      [41, 60, 65, 69],
      [43, 59, 62, 65, 67],
      [48, 60, 64, 67],
    ];
    for (let bar = 0; bar < 8; bar++) addChord(samples, rate, bar * 2 * rate, 2 * rate, chords[bar % 4]!);
    const report = await analyzeAudio({ channels: [samples], sampleRate: rate });
    const prediction = toCorpusPrediction(report);
    expect(Object.keys(prediction).sort()).toEqual(
      ["beats", "chords", "downbeats", "key", "onsets", "sections", "tempo", "time_signature"].sort(),
    );
    expect(validateCorpusPrediction(prediction).errors).toEqual([]);
    expect(prediction.key).toBe("C major");
    expect(prediction.tempo! / 120).toBeCloseTo(1, 1);
  });

  it("leaves out what an analysis could not find", async () => {
    const report = await analyzeAudio({ channels: [new Float32Array(22_050 * 3)], sampleRate: 22_050 });
    const prediction = toCorpusPrediction(report);
    expect(prediction.key).toBeUndefined();
    expect(prediction.tempo).toBeUndefined();
    expect(validateCorpusPrediction(prediction).valid).toBe(true);
  });
});
