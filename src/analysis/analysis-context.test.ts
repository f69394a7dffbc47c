import { describe, expect, it } from "vitest";
import { createRealFft } from "../core/dsp/real-fft.js";
import { magnitudeStft } from "../core/dsp/stft.js";
import { spectralPeaks } from "../core/features/spectral-peaks.js";
import { AnalysisContext } from "./analysis-context.js";
import { ANALYSIS_SAMPLE_RATE, TONAL_STFT } from "./resolutions.js";

const stereo = () => ({ channels: [new Float32Array([1, 0, 0.5]), new Float32Array([0, 0, 0.5])], sampleRate: 8000 });

describe("AnalysisContext", () => {
  it("computes a representation once and hands every asker the same object", () => {
    const context = AnalysisContext.fromSignal(stereo());
    let computed = 0;
    const first = context.memo("thing:1", () => ({ value: ++computed }));
    const second = context.memo("thing:1", () => ({ value: ++computed }));
    expect(second).toBe(first);
    expect(computed).toBe(1);
    expect(context.representationStats()).toEqual([expect.objectContaining({ key: "thing:1", computeCount: 1 })]);
  });

  it("keys representations by their parameters", () => {
    const context = AnalysisContext.fromSignal(stereo());
    expect(context.memo("stft:1024", () => 1)).toBe(1);
    expect(context.memo("stft:2048", () => 2)).toBe(2);
  });

  it("recomputes after release", () => {
    const context = AnalysisContext.fromSignal(stereo());
    context.memo("thing", () => 1);
    context.release("thing");
    context.memo("thing", () => 2);
    expect(context.representationStats()[0]!.computeCount).toBe(2);
  });

  it("rejects signals without channels, ragged channels and bad rates", () => {
    expect(() => AnalysisContext.fromSignal({ channels: [], sampleRate: 8000 })).toThrow(/at least one channel/);
    expect(() =>
      AnalysisContext.fromSignal({ channels: [new Float32Array(2), new Float32Array(3)], sampleRate: 8000 }),
    ).toThrow(/same length/);
    expect(() => AnalysisContext.fromSignal({ channels: [new Float32Array(2)], sampleRate: 0 })).toThrow(/sampleRate/);
  });

  it("reports duration, rate, channels and length of the ingested signal", () => {
    const context = AnalysisContext.fromSignal({ channels: [new Float32Array(22_222)], sampleRate: 22_222 });
    expect(context.durationSeconds).toBe(1);
    expect(context.track).toMatchObject({ sampleRate: 22_222, channelCount: 1, length: 22_222 });
  });

  it("says which ingest pass is missing when an analysis reads one that did not run", () => {
    const context = AnalysisContext.fromSignal(stereo(), { origin: "signal" }, { passes: ["rhythm"] });
    expect(() => context.tonalFrames()).toThrow(/tonal pass did not run/);
    expect(context.rhythmFrames().frames).toBeGreaterThan(0);
    const levelsOnly = AnalysisContext.fromSignal(stereo(), { origin: "signal" }, { passes: [] });
    expect(() => levelsOnly.rhythmFrames()).toThrow(/rhythm pass did not run/);
    expect(levelsOnly.track.levels.samplePeak).toBe(1);
  });
});

describe("the track ingest behind the context", () => {
  const rate = ANALYSIS_SAMPLE_RATE;
  const tone = (seconds: number, sampleRate = rate) => {
    const samples = new Float32Array(Math.round(seconds * sampleRate));
    for (let i = 0; i < samples.length; i++) samples[i] = 0.5 * Math.sin((2 * Math.PI * 440 * i) / sampleRate);
    return samples;
  };

  it("finds the same spectral peaks as the batch STFT of the same mono mix", () => {
    const left = tone(3);
    const right = left.map((value) => value * 0.5);
    const context = AnalysisContext.fromSignal({ channels: [left, right], sampleRate: rate });
    const mono = left.map((value, i) => (value + right[i]!) / 2);
    const batch = spectralPeaks(
      magnitudeStft(mono, rate, {
        frameSize: TONAL_STFT.frameSize,
        hopSize: TONAL_STFT.hopSize,
        fft: createRealFft(2048),
      }),
    );
    const streamed = context.tonalFrames().peaks;
    expect(streamed.frames).toBe(batch.frames);
    expect(Array.from(streamed.counts)).toEqual(Array.from(batch.counts));
    for (let i = 0; i < batch.frequencies.length; i += 97) {
      expect(streamed.frequencies[i]).toBeCloseTo(batch.frequencies[i]!, 3);
    }
  });

  it("lines the tonal and rhythm frames up with the analysis-rate signal for any source rate", () => {
    for (const sourceRate of [8000, 44_100, 48_000, 96_000]) {
      const context = AnalysisContext.fromSignal({ channels: [tone(2, sourceRate)], sampleRate: sourceRate });
      const analysisSamples = Math.ceil((2 * sourceRate * rate) / sourceRate);
      expect(
        Math.abs(context.tonalFrames().peaks.frames - (1 + Math.floor(analysisSamples / 512))),
      ).toBeLessThanOrEqual(1);
      expect(Math.abs(context.rhythmFrames().frames - (1 + Math.floor(analysisSamples / 256)))).toBeLessThanOrEqual(1);
      // The 440 Hz tone is found wherever the source rate puts it.
      const { peaks } = context.tonalFrames();
      const middle = Math.floor(peaks.frames / 2) * peaks.maxPeaksPerFrame;
      expect(peaks.frequencies[middle]).toBeCloseTo(440, 0);
      expect(context.rhythmFrames().highBandFlux.length).toBe(context.rhythmFrames().frames);
    }
  });

  it("gives an empty signal zero frames and silent levels", () => {
    const context = AnalysisContext.fromSignal({ channels: [new Float32Array(0)], sampleRate: 44_100 });
    expect(context.tonalFrames().peaks.frames).toBe(0);
    expect(context.rhythmFrames().frames).toBe(0);
    expect(context.track.levels.silent).toBe(true);
  });
});
