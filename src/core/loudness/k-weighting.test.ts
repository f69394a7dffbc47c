import { describe, expect, it } from "vitest";
import {
  biquadGainDb,
  K_STATE_SIZE,
  kWeightedSquares,
  kWeightedSum,
  kWeightingFilters,
  kWeightingGainDb,
  packKWeighting,
} from "./k-weighting.js";

describe("kWeightingFilters", () => {
  it("reproduces the 48 kHz coefficients published in BS.1770-4 (Tables 1 and 2)", () => {
    // source: ITU-R BS.1770-4 Annex 1, Table 1 (stage 1) and Table 2 (stage 2)
    const { shelf, highPass } = kWeightingFilters(48000);
    const published = {
      shelf: {
        b0: 1.53512485958697,
        b1: -2.69169618940638,
        b2: 1.19839281085285,
        a1: -1.69065929318241,
        a2: 0.73248077421585,
      },
      highPass: { b0: 1, b1: -2, b2: 1, a1: -1.99004745483398, a2: 0.99007225036621 },
    };
    for (const key of ["b0", "b1", "b2", "a1", "a2"] as const) {
      expect(Math.abs(shelf[key] - published.shelf[key])).toBeLessThan(1e-9);
      expect(Math.abs(highPass[key] - published.highPass[key])).toBeLessThan(1e-9);
    }
  });

  it.each([
    [44100, 0.01],
    [96000, 0.01],
    [22050, 0.05],
    // At 8 kHz the shelf's corner (1.68 kHz) sits at 0.21·fs, where the bilinear transform bends the curve most.
    [8000, 0.25],
  ])("at %i Hz has the 48 kHz response (±%f dB) below 0.4·fs", (sampleRate, toleranceDb) => {
    for (const frequency of [20, 50, 100, 300, 1000, 1500, 2000, 3000, 5000, 10000, 15000, 17000]) {
      if (frequency >= 0.4 * sampleRate) continue;
      const difference = kWeightingGainDb(frequency, sampleRate) - kWeightingGainDb(frequency, 48000);
      expect(Math.abs(difference), `${frequency} Hz`).toBeLessThan(toleranceDb);
    }
  });

  it("has the K-weighting shape: about −∞ at DC, +0.7 dB at 1 kHz, +4 dB at high frequencies", () => {
    expect(kWeightingGainDb(1000, 48000)).toBeCloseTo(0.7, 1);
    expect(kWeightingGainDb(10000, 48000)).toBeCloseTo(4, 0);
    expect(kWeightingGainDb(10, 48000)).toBeLessThan(-10);
    const { highPass } = kWeightingFilters(48000);
    expect(biquadGainDb(highPass, 38.1, 48000)).toBeLessThan(-2);
  });

  it("rejects rates that put the shelf above Nyquist", () => {
    expect(() => kWeightingFilters(3000)).toThrow(/kWeightingFilters: sampleRate must be a finite number > 3363/);
    expect(() => kWeightingFilters(Number.NaN)).toThrow(/got NaN/);
  });
});

describe("kWeightedSquares", () => {
  const coefficients = packKWeighting(kWeightingFilters(44100));
  const samples = Float32Array.from({ length: 5000 }, (_, i) => Math.sin(i * 0.37) * 0.5 + Math.sin(i * 0.011) * 0.3);

  it("gives the same sum bit for bit however the stretch is split", () => {
    const whole = new Float64Array(K_STATE_SIZE);
    kWeightedSquares(samples, 0, samples.length, coefficients, whole, 0);
    const split = new Float64Array(K_STATE_SIZE);
    for (const [from, to] of [
      [0, 1],
      [1, 777],
      [777, 778],
      [778, 4096],
      [4096, 5000],
    ] as const) {
      kWeightedSquares(samples, from, to, coefficients, split, 0);
    }
    expect(kWeightedSum(coefficients, split, 0)).toBe(kWeightedSum(coefficients, whole, 0));
  });

  it("reads NaN and infinite samples as 0", () => {
    const poisoned = Float32Array.from(samples);
    poisoned[100] = Number.NaN;
    poisoned[200] = Number.POSITIVE_INFINITY;
    const zeroed = Float32Array.from(samples);
    zeroed[100] = 0;
    zeroed[200] = 0;
    const a = new Float64Array(K_STATE_SIZE);
    const b = new Float64Array(K_STATE_SIZE);
    kWeightedSquares(poisoned, 0, poisoned.length, coefficients, a, 0);
    kWeightedSquares(zeroed, 0, zeroed.length, coefficients, b, 0);
    expect(kWeightedSum(coefficients, a, 0)).toBe(kWeightedSum(coefficients, b, 0));
    expect(Number.isFinite(kWeightedSum(coefficients, a, 0))).toBe(true);
  });
});
