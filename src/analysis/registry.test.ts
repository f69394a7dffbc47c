import { describe, expect, it } from "vitest";
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
    const report = await analyzeAudio({ channels: [new Float32Array(8000).fill(0.1)], sampleRate: 8000 });
    // No registered analysis produces a scored corpus field yet: the mapping adds nothing of its own.
    const mapped = ANALYSES.filter((analysis) => "toCorpus" in analysis).length;
    expect(Object.keys(toCorpusPrediction(report)).length === 0).toBe(mapped === 0);
  });
});
