import { describe, expect, it } from "vitest";
import { measureLoudness } from "../../loudness/loudness-meter.js";
import { masteringMetrics } from "../mastering-accumulator.js";
import { fadedSine, pinkNoise, RATE } from "../test-helpers/mastering-signals.js";
import { figuresFrom } from "./figures-from.js";
import { BALANCED_TARGET } from "./genre-targets.js";
import { recommendMastering } from "./recommend.js";

describe("figuresFrom", () => {
  it("takes the figures recommendations need from the core results", () => {
    const length = 1 << 18; // ≈ 5.9 s
    const left = pinkNoise(length, 7, 20, 20_000, RATE, 0.1);
    const right = pinkNoise(length, 8, 20, 20_000, RATE, 0.1);
    const bass = fadedSine(60, length / RATE, 0.2);
    for (let i = 0; i < length; i++) {
      left[i] = left[i]! + bass[i]!;
      right[i] = right[i]! + bass[i]!;
    }
    const signal = { channels: [left, right], sampleRate: RATE };
    const loudness = measureLoudness(signal);
    const mastering = masteringMetrics(signal);
    const figures = figuresFrom(loudness, mastering);

    expect(figures.integratedLufs).toBe(loudness.integratedLufs);
    expect(figures.truePeakDbtp).toBe(loudness.truePeakDbtp);
    expect(figures.loudnessRangeLu).toBe(loudness.loudnessRangeLu);
    expect(figures.channelCount).toBe(2);
    expect(figures.stereoWidth).toBe(mastering.stereo.width);
    expect(figures.bands.map((band) => band.name)).toEqual(["low", "low_mid", "mid", "high_mid", "high"]);
    const shares = figures.bands.map((band) => band.energyShare!);
    expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 6);
    // The shared 60 Hz sine makes the low band far more correlated than the unrelated noise.
    expect(figures.lowEndCorrelation).toBe(mastering.bands[0]!.correlation);
    expect(figures.lowEndCorrelation!).toBeGreaterThan(0.8);
    expect(figures.clippingEvents).toBe(0);
    expect(figures.dcOffset!).toBeLessThan(1e-3);

    const result = recommendMastering(figures, { target: BALANCED_TARGET, level: "prescriptive" });
    expect(result.overall).toHaveLength(8);
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it("gives nulls, not NaN, for silence", () => {
    const silence = new Float32Array(RATE);
    const signal = { channels: [silence, silence], sampleRate: RATE };
    const figures = figuresFrom(measureLoudness(signal), masteringMetrics(signal));
    expect(figures.integratedLufs).toBeNull();
    expect(figures.truePeakDbtp).toBeNull();
    expect(figures.bands.every((band) => band.energyShare === null)).toBe(true);
    const result = recommendMastering(figures, { target: BALANCED_TARGET, level: "informative" });
    expect(result.summary).toMatch(/^Cannot assess/);
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });
});
