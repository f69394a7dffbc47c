import { describe, expect, it } from "vitest";
import { createGaussianRandom, createSeededRandom, randomInteger } from "./seeded-random.js";
import { chirp, clickTrain, gaussianNoise, impulse, sine, sumOfSines, whiteNoise } from "./signals.js";

describe("seeded random", () => {
  it("repeats its sequence for a seed and stays in [0, 1)", () => {
    const first = createSeededRandom(42);
    const second = createSeededRandom(42);
    const values = Array.from({ length: 1000 }, () => first());
    expect(values).toEqual(Array.from({ length: 1000 }, () => second()));
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(values.reduce((sum, value) => sum + value, 0) / 1000).toBeCloseTo(0.5, 1);
    expect(createSeededRandom(43)()).not.toBe(values[0]);
    const random = createSeededRandom(1);
    for (let i = 0; i < 100; i++) expect([3, 4, 5]).toContain(randomInteger(random, 3, 5));
  });

  it("gives standard normal numbers", () => {
    const random = createGaussianRandom(7);
    const values = Array.from({ length: 20000 }, () => random());
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});

describe("signals", () => {
  it("makes sines with the asked amplitude, frequency and phase", () => {
    const tone = sine(1000, 8000, 8, { amplitude: 0.5 });
    expect(Array.from(tone).map((value) => Number(value.toFixed(6)))).toEqual([
      0, 0.353553, 0.5, 0.353553, 0, -0.353553, -0.5, -0.353553,
    ]);
    expect(sine(1, 4, 1, { phase: Math.PI / 2 })[0]).toBeCloseTo(1, 7);
    expect(
      sumOfSines(
        [
          [1000, 0.5],
          [1000, 0.5],
        ],
        8000,
        3,
      )[2],
    ).toBeCloseTo(1, 6);
  });

  it("makes chirps whose instantaneous frequency sweeps as asked", () => {
    const sampleRate = 8000;
    const sweep = chirp(100, 1100, sampleRate, sampleRate);
    // Zero crossings per 0.1 s around t = 0.5 s ≈ 2·f(0.5) = 2·600 Hz·0.1 s = 120.
    let crossings = 0;
    for (let i = 3600; i < 4400; i++) if (Math.sign(sweep[i]!) !== Math.sign(sweep[i + 1]!)) crossings++;
    expect(Math.abs(crossings - 120)).toBeLessThanOrEqual(2);
    expect(chirp(100, 1600, sampleRate, 100, "exponential").length).toBe(100);
  });

  it("makes reproducible noise, impulses and click trains", () => {
    expect(whiteNoise(64, 9)).toEqual(whiteNoise(64, 9));
    expect(Math.max(...whiteNoise(1000, 9, 0.25).map(Math.abs))).toBeLessThanOrEqual(0.25);
    expect(gaussianNoise(10, 3)).toEqual(gaussianNoise(10, 3));
    expect(Array.from(impulse(4, 2))).toEqual([0, 0, 1, 0]);
    const clicks = clickTrain(120, 1000, 2000, 0.1);
    expect(Array.from(clicks.keys()).filter((i) => clicks[i] === 1)).toEqual([100, 600, 1100, 1600]);
  });
});
