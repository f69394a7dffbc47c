import { describe, expect, it } from "vitest";
import { toneSegments } from "../../core/loudness/ebu-test-signals.js";
import { AnalysisContext } from "../analysis-context.js";
import { LoudnessSchema, loudnessAnalysis } from "./loudness.js";

function loudnessOf(channels: Float32Array[], sampleRate: number) {
  const context = AnalysisContext.fromSignal({ channels, sampleRate }, { origin: "signal" }, { passes: ["loudness"] });
  return LoudnessSchema.parse(loudnessAnalysis.run(context, {}));
}

describe("loudness analysis", () => {
  it("reads EBU Tech 3341 case 1 (stereo 1 kHz at −23 dBFS) as −23.0 LUFS, with a per-second series", () => {
    const tone = toneSegments([[-23, 20]], 48_000);
    const report = loudnessOf([tone, tone], 48_000);
    expect(report.measured).toBe(true);
    expect(report.integratedLufs).toBeCloseTo(-23, 1);
    expect(report.truePeakDbtp).toBeCloseTo(-23, 1);
    expect(report.peakToLoudnessRatioDb).toBeCloseTo(0, 1);
    expect(report.channelWeights).toEqual([1, 1]);
    expect(report.shortTermSeries.stepSeconds).toBeCloseTo(1, 6);
    // The first full 3-s window ends at 3 s, then one value a second up to 20 s.
    expect(report.shortTermSeries.timesSeconds).toEqual(Array.from({ length: 18 }, (_, i) => 3 + i));
    for (const value of report.shortTermSeries.loudnessLufs) expect(value).toBeCloseTo(-23, 1);
    expect(loudnessAnalysis.toCorpus!(report)).toEqual({
      loudness: {
        integrated_lufs: report.integratedLufs,
        lra: report.loudnessRangeLu,
        true_peak_dbtp: report.truePeakDbtp,
      },
    });
  });

  it("weighs a mono file as one channel, so the same tone reads 3 LU lower than in stereo", () => {
    const tone = toneSegments([[-20, 10]], 44_100);
    const mono = loudnessOf([tone], 44_100);
    const stereo = loudnessOf([tone, tone], 44_100);
    expect(mono.channelWeights).toEqual([1]);
    expect(stereo.integratedLufs! - mono.integratedLufs!).toBeCloseTo(3.01, 1);
  });

  it("weighs 5.1 surrounds by 1.41 and leaves out the LFE", () => {
    const tone = toneSegments([[-20, 5]], 48_000);
    const silent = new Float32Array(tone.length);
    const surroundOnly = loudnessOf([silent, silent, silent, silent, tone, silent], 48_000);
    const lfeOnly = loudnessOf([silent, silent, silent, tone, silent, silent], 48_000);
    const leftOnly = loudnessOf([tone, silent, silent, silent, silent, silent], 48_000);
    expect(surroundOnly.channelWeights).toEqual([1, 1, 1, 0, 1.41, 1.41]);
    expect(surroundOnly.integratedLufs! - leftOnly.integratedLufs!).toBeCloseTo(10 * Math.log10(1.41), 1);
    expect(lfeOnly.integratedLufs).toBeNull();
  });

  it("gives nulls, not NaN, for silence, and explains a rate too low to meter", () => {
    const silence = loudnessOf([new Float32Array(48_000), new Float32Array(48_000)], 48_000);
    expect(silence.measured).toBe(true);
    expect(silence.integratedLufs).toBeNull();
    expect(silence.loudnessRangeLu).toBeNull();
    expect(silence.truePeakDbtp).toBeNull();
    expect(silence.shortTermSeries.loudnessLufs.every((value) => value === null)).toBe(true);
    expect(loudnessAnalysis.toCorpus!(silence)).toEqual({});

    const lowRate = loudnessOf([toneSegments([[-20, 2]], 3000, { frequency: 400 })], 3000);
    expect(lowRate.measured).toBe(false);
    expect(lowRate.reason).toMatch(/sample rate above 3364 Hz.*3000 Hz/);
    expect(lowRate.integratedLufs).toBeNull();
  });
});
