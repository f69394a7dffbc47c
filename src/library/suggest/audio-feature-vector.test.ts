import { describe, expect, it } from "vitest";
import { analyzeAudio } from "../../analysis/analyze-audio.js";
import type { Report } from "../../analysis/report.js";
import { clickTrain, sine } from "../../core/test-helpers/signals.js";
import {
  AUDIO_VECTOR_ANALYSES,
  AUDIO_VECTOR_KINDS,
  audioFeatureVector,
  audioVectorDimensions,
  FEATURES_DIMENSION_COUNT,
} from "./audio-feature-vector.js";

const SAMPLE_RATE = 22_050;

/** Ten seconds of clicks at 120 BPM over a steady tone of `toneHz`. */
async function analysedTone(toneHz: number): Promise<Report> {
  const length = 10 * SAMPLE_RATE;
  const clicks = clickTrain(120, SAMPLE_RATE, length);
  const tone = sine(toneHz, SAMPLE_RATE, length, { amplitude: 0.3 });
  const mix = clicks.map((value, index) => 0.6 * value + (tone[index] ?? 0));
  return analyzeAudio(
    { channels: [mix], sampleRate: SAMPLE_RATE },
    { origin: "signal" },
    { analyses: [...AUDIO_VECTOR_ANALYSES["features+mastering"]] },
  );
}

const dimension = (name: string) => audioVectorDimensions("features").indexOf(name);

describe("audioFeatureVector", () => {
  it("reads the documented dimensions of each kind from a report", async () => {
    const report = await analysedTone(440);
    const features = audioFeatureVector(report, "features");
    const mastering = audioFeatureVector(report, "mastering");
    const both = audioFeatureVector(report, "features+mastering");
    expect(features).toHaveLength(FEATURES_DIMENSION_COUNT);
    expect(mastering).toHaveLength(128);
    expect(both).toHaveLength(FEATURES_DIMENSION_COUNT + 128);
    for (const kind of AUDIO_VECTOR_KINDS) {
      expect(new Set(audioVectorDimensions(kind)).size).toBe(audioFeatureVector(report, kind)?.length);
    }
    expect(Array.from(both?.subarray(FEATURES_DIMENSION_COUNT) ?? [])).toEqual(Array.from(mastering ?? []));
    expect(Array.from(both?.subarray(0, FEATURES_DIMENSION_COUNT) ?? [])).toEqual(Array.from(features ?? []));
    // 120 BPM clicks: log2 tempo within ±2 %.
    expect(features?.[dimension("log2_tempo_bpm")]).toBeCloseTo(Math.log2(120), 1);
    expect(Math.abs((features?.[dimension("log2_tempo_bpm")] ?? 0) - Math.log2(120))).toBeLessThan(0.03);
    // A single tone: one pitch class dominates the sorted chroma profile.
    const chroma = Array.from({ length: 12 }, (_, rank) => features?.[dimension(`chroma_rank${rank + 1}`)] ?? 0);
    expect(chroma).toEqual([...chroma].sort((a, b) => b - a));
    expect(chroma[0]).toBeGreaterThan(2 * (chroma[1] ?? 1));
    for (const value of features ?? []) expect(Number.isFinite(value)).toBe(true);
  });

  it("does not depend on the key: the chroma profile of a tone a fourth higher is the same", async () => {
    const inA = audioFeatureVector(await analysedTone(440), "features");
    const inD = audioFeatureVector(await analysedTone(587.33), "features");
    for (let rank = 1; rank <= 12; rank++) {
      const at = dimension(`chroma_rank${rank}`);
      expect(inD?.[at]).toBeCloseTo(inA?.[at] ?? Number.NaN, 1);
    }
  });

  it("answers null when the report lacks an analysis the kind needs", () => {
    const empty = { analyses: {} };
    for (const kind of AUDIO_VECTOR_KINDS) expect(audioFeatureVector(empty, kind)).toBeNull();
    const noVector = {
      analyses: { "mastering-vector": { version: 1, values: null, missingDimensions: 128, reason: "silent" } },
    };
    expect(audioFeatureVector(noVector, "mastering")).toBeNull();
  });
});
