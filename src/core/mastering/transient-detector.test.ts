import { describe, expect, it } from "vitest";
import { clickTrain, gaussianNoise } from "../test-helpers/signals.js";
import { RATE, toneBursts } from "./test-helpers/mastering-signals.js";
import { createTransientDetector, type TransientMetrics } from "./transient-detector.js";

function detect(samples: Float32Array, sampleRate = RATE, chunk = samples.length): TransientMetrics {
  const detector = createTransientDetector(sampleRate);
  for (let from = 0; from < samples.length; from += chunk) {
    const part = samples.subarray(from, Math.min(samples.length, from + chunk));
    detector.push(part, part.length);
  }
  return detector.finish(samples.length / sampleRate);
}

describe("createTransientDetector", () => {
  it("finds every click of a click train: density = click rate", () => {
    for (const [tempoBpm, rate] of [
      [120, 2],
      [300, 5],
      [600, 10],
    ] as const) {
      const result = detect(clickTrain(tempoBpm, RATE, 5 * RATE, 0.05));
      expect(result.onsetCount).toBe(5 * rate);
      expect(result.densityPerSecond!).toBeCloseTo(rate, 6);
      // A single click rises within one 1-ms envelope block.
      expect(result.attackTimeMs!).toBeLessThan(1.5);
    }
  });

  it("measures a linear attack ramp of T as its 10 %→90 % rise, 0.8·T", () => {
    for (const rampSeconds of [0.02, 0.05, 0.1, 0.25]) {
      const result = detect(toneBursts(1000, 4, rampSeconds));
      expect(result.onsetCount).toBe(4);
      expect(result.attackTimeMs!).toBeGreaterThan(800 * rampSeconds - 2);
      expect(result.attackTimeMs!).toBeLessThan(800 * rampSeconds + 3);
    }
  });

  it("orders attacks by ramp length at other frequencies too", () => {
    const short = detect(toneBursts(440, 3, 0.01)).attackTimeMs!;
    const long = detect(toneBursts(440, 3, 0.08)).attackTimeMs!;
    expect(long).toBeGreaterThan(4 * short);
    expect(long).toBeCloseTo(64, -1);
  });

  it("finds no onsets in steady noise, silence or an empty stream", () => {
    expect(detect(gaussianNoise(3 * RATE, 1, 0.1)).onsetCount).toBeLessThanOrEqual(1);
    const silent = detect(new Float32Array(RATE));
    expect(silent).toEqual({ onsetCount: 0, densityPerSecond: 0, attackTimeMs: null, attackTimeQuartilesMs: null });
    expect(detect(new Float32Array(0)).densityPerSecond).toBeNull();
  });

  it("gives the same result for any chunking and at 96 kHz", () => {
    const bursts = toneBursts(1000, 3, 0.04);
    const whole = detect(bursts);
    expect(detect(bursts, RATE, 1000)).toEqual(whole);
    expect(detect(bursts, RATE, 37)).toEqual(whole);
    const fast = detect(toneBursts(1000, 3, 0.04, { sampleRate: 96_000 }), 96_000);
    expect(fast.onsetCount).toBe(3);
    expect(fast.attackTimeMs!).toBeCloseTo(32, -1);
  });

  it("rejects bad options", () => {
    expect(() => createTransientDetector(RATE, { windowBlocks: 0 })).toThrow(/windowBlocks/);
    expect(() => createTransientDetector(RATE, { blockSeconds: 0 })).toThrow(/blockSeconds/);
  });
});
