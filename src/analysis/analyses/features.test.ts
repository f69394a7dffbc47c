import { describe, expect, it } from "vitest";
import { addChord } from "../../core/test-helpers/harmonic-signals.js";
import { gaussianNoise, impulse, sine } from "../../core/test-helpers/signals.js";
import type { AudioSignal } from "../../core/types.js";
import { AnalysisContext } from "../analysis-context.js";
import { analyzeAudio, resolveAnalyses } from "../analyze-audio.js";
import { featureSeriesAnalysis } from "./feature-series.js";
import { type Features, featuresAnalysis, roundSignificant } from "./features.js";

const mono = (samples: Float32Array, sampleRate: number): AudioSignal => ({ channels: [samples], sampleRate });

async function featuresOf(audio: AudioSignal): Promise<Features> {
  const report = await analyzeAudio(audio, { origin: "signal" }, { analyses: ["features"] });
  return report.analyses.features!;
}

describe("the features analysis", () => {
  it("is on by default, the series opt-in", () => {
    expect(resolveAnalyses(undefined)).toContain("features");
    expect(resolveAnalyses(undefined)).not.toContain("feature-series");
    expect(resolveAnalyses("all")).toContain("feature-series");
  });

  it("summarises a 1 kHz sine with its known answers", async () => {
    const features = await featuresOf(mono(sine(1000, 22050, 2 * 22050, { amplitude: 0.5 }), 22050));
    expect(features.sampleRate).toBe(22050);
    expect(features.frames).toBe(1 + Math.floor((2 * 22050) / 512));
    expect(features.spectralCentroidHz!.median).toBeCloseTo(1000, -1);
    expect(features.spectralRolloffHz!.median).toBeGreaterThan(990);
    expect(features.spectralRolloffHz!.median).toBeLessThan(1020);
    expect(features.rms!.median).toBeCloseTo(0.5 / Math.SQRT2, 3);
    expect(features.zeroCrossingRate!.median).toBeCloseTo(2000 / 22050, 3);
    expect(features.spectralFlatness!.median).toBeLessThan(0.01);
    expect(features.mfcc!.mean).toHaveLength(20);
    expect(features.spectralContrastDb!.median).toHaveLength(7);
    for (const stats of [features.spectralCentroidHz!, features.rms!]) {
      expect(stats.min).toBeLessThanOrEqual(stats.median);
      expect(stats.median).toBeLessThanOrEqual(stats.max);
    }
  });

  it("never produces NaN or crashes: silence, noise, a click, 0.5 s, DC offset, 8 kHz, 192 kHz, stereo, NaN samples", async () => {
    const withNan = sine(440, 44100, 44100);
    withNan[1000] = Number.NaN;
    const dc = sine(220, 44100, 44100);
    for (let i = 0; i < dc.length; i++) dc[i] = 0.2 * dc[i]! + 0.5;
    const cases: Record<string, AudioSignal> = {
      silence: mono(new Float32Array(44100), 44100),
      noise: mono(gaussianNoise(44100, 4, 0.2), 44100),
      click: mono(impulse(44100, 20000), 44100),
      short: mono(sine(440, 44100, 22050), 44100),
      dc: mono(dc, 44100),
      "8 kHz": mono(sine(440, 8000, 8000), 8000),
      "192 kHz": mono(sine(440, 192000, 96000), 192000),
      stereo: { channels: [sine(440, 44100, 44100), gaussianNoise(44100, 5, 0.1)], sampleRate: 44100 },
      nan: mono(withNan, 44100),
    };
    for (const [name, audio] of Object.entries(cases)) {
      const features = await featuresOf(audio);
      expect(features.spectralCentroidHz, name).not.toBeNull();
      expect(JSON.stringify(features), name).not.toMatch(/NaN|null/);
    }
    const silence = await featuresOf(cases.silence!);
    expect(silence.spectralCentroidHz).toEqual({ mean: 0, std: 0, min: 0, max: 0, median: 0 });
    expect(silence.spectralFlatness!.median).toBe(1);
    expect(silence.rms!.max).toBe(0);
  });

  it("summarises chroma: a C major triad puts its energy on C, E and G", async () => {
    const samples = new Float32Array(44_100 * 3);
    addChord(samples, 44_100, 0, samples.length, [60, 64, 67]);
    const result = (await analyzeAudio({ channels: [samples], sampleRate: 44_100 }, undefined, {
      analyses: ["features"],
    })) as { analyses: { features?: Features } };
    const means = result.analyses.features!.chroma!.mean;
    const triad = [0, 4, 7].map((pitchClass) => means[pitchClass]!);
    const others = means.filter((_, pitchClass) => ![0, 4, 7].includes(pitchClass)).map((value) => value!);
    expect(Math.min(...triad)).toBeGreaterThan(3 * Math.max(...others));
  });

  it("gives null statistics for a track without frames", async () => {
    const context = AnalysisContext.fromSignal(mono(new Float32Array(0), 22050));
    const features = featuresAnalysis.schema.parse(await featuresAnalysis.run(context, {}));
    expect(features.frames).toBe(0);
    expect(features.mfcc).toBeNull();
    expect(features.rms).toBeNull();
  });
});

describe("the feature-series analysis", () => {
  it("exports every series on the frame axis of the features summary, and stays compact", async () => {
    const audio = mono(sine(440, 22050, 3 * 22050, { amplitude: 0.3 }), 22050);
    const context = AnalysisContext.fromSignal(audio);
    const summary = await featuresAnalysis.run(context, {});
    const series = featureSeriesAnalysis.schema.parse(await featureSeriesAnalysis.run(context, {}));
    expect(series.frames).toBe(summary.frames);
    for (const values of [
      series.frameTimes,
      series.spectralCentroidHz,
      series.spectralBandwidthHz,
      series.spectralRolloffHz,
      series.spectralFlatness,
      series.zeroCrossingRate,
      series.rms,
      series.mfcc,
      series.spectralContrastDb,
    ]) {
      expect(values).toHaveLength(series.frames);
    }
    expect(series.mfcc[10]).toHaveLength(20);
    expect(series.spectralContrastDb[10]).toHaveLength(7);
    expect(series.frameTimes[1]).toBeCloseTo(512 / 22050, 5);
    expect(series.spectralCentroidHz[40]).toBeCloseTo(440, -1);
    // 4 significant digits: about 34 short numbers per frame.
    expect(JSON.stringify(series).length / series.frames).toBeLessThan(300);
  });

  it("marks frames with non-finite samples as null", async () => {
    const samples = sine(440, 22050, 22050);
    samples[11025] = Number.NaN;
    const report = await analyzeAudio(mono(samples, 22050), { origin: "signal" }, { analyses: ["feature-series"] });
    const series = report.analyses["feature-series"]!;
    expect(series.spectralCentroidHz[21]).toBeNull();
    expect(series.spectralCentroidHz[5]).not.toBeNull();
  });
});

describe("roundSignificant", () => {
  it("keeps the asked significant digits and prints short", () => {
    expect(roundSignificant(1234.5678, 4)).toBe(1235);
    expect(roundSignificant(12345.678, 4)).toBe(12350);
    expect(roundSignificant(-0.000123456, 3)).toBe(-0.000123);
    expect(roundSignificant(0.1 + 0.2, 4)).toBe(0.3);
    expect(String(roundSignificant(2.0000001, 6))).toBe("2");
    expect(roundSignificant(0, 4)).toBe(0);
    expect(roundSignificant(Number.NaN, 4)).toBeNaN();
  });
});
