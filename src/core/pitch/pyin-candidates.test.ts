import { describe, expect, it } from "vitest";
import { betaThresholdCdf, PYIN_ABSOLUTE_MINIMUM_WEIGHT, pyinCandidates } from "./pyin-candidates.js";

/** A CMNDF of `length` lags equal to 1 except V-shaped troughs of given depth at given lags. */
function troughs(length: number, dips: readonly (readonly [number, number])[]): Float32Array {
  const out = new Float32Array(length).fill(1);
  for (const [lag, value] of dips) {
    out[lag] = value;
    out[lag - 1] = Math.min(out[lag - 1]!, value + 0.3);
    out[lag + 1] = Math.min(out[lag + 1]!, value + 0.3);
  }
  return out;
}

describe("betaThresholdCdf", () => {
  it("is a CDF whose mean is near α/(α+β)", () => {
    const cdf = betaThresholdCdf(2, 34 / 3);
    expect(cdf[0]).toBe(0);
    expect(cdf[100]).toBe(1);
    let mean = 0;
    for (let i = 1; i <= 100; i++) {
      expect(cdf[i]!).toBeGreaterThanOrEqual(cdf[i - 1]!);
      mean += (i / 100) * (cdf[i]! - cdf[i - 1]!);
    }
    expect(mean).toBeGreaterThan(0.14);
    expect(mean).toBeLessThan(0.16);
  });
});

describe("pyinCandidates", () => {
  const cdf = betaThresholdCdf(2, 34 / 3);
  const frequencies = new Float32Array(101);
  const probabilities = new Float32Array(101);

  it("splits the threshold mass between successive deeper troughs", () => {
    // Troughs at lag 40 (d' = 0.3) then lag 80 (d' = 0.05): thresholds in (0.3, 1] pick
    // lag 40, those in (0.05, 0.3] lag 80, those ≤ 0.05 none (p_a to the global minimum).
    const cmndf = troughs(201, [
      [40, 0.3],
      [80, 0.05],
    ]);
    const count = pyinCandidates(cmndf, cmndf, 20, 200, 8000, cdf, frequencies, probabilities);
    // The global minimum is a candidate already: its p_a share joins it, no duplicate.
    expect(count).toBe(2);
    expect(frequencies[0]).toBeCloseTo(200, 3);
    expect(frequencies[1]).toBeCloseTo(100, 3);
    expect(probabilities[0]).toBeCloseTo(1 - cdf[30]!, 6);
    expect(probabilities[1]).toBeCloseTo(cdf[30]! - cdf[5]! + PYIN_ABSOLUTE_MINIMUM_WEIGHT * cdf[5]!, 6);
  });

  it("ignores a shallower trough after a deeper one and a slope at the top lag", () => {
    const cmndf = troughs(201, [
      [50, 0.1],
      [120, 0.4],
    ]);
    cmndf[200] = 0.01;
    cmndf[199] = 0.02;
    const count = pyinCandidates(cmndf, cmndf, 20, 200, 8000, cdf, frequencies, probabilities);
    expect(count).toBe(1);
    expect(frequencies[0]).toBeCloseTo(160, 3);
    expect(probabilities[0]).toBeCloseTo(1 - cdf[10]! + PYIN_ABSOLUTE_MINIMUM_WEIGHT * cdf[10]!, 6);
  });

  it("refines the lag by parabolic interpolation of d", () => {
    const difference = new Float32Array(201).fill(1);
    // Parabola (τ − 60.25)² sampled at 59, 60, 61: vertex at 60.25.
    difference[59] = 1.5625;
    difference[60] = 0.0625;
    difference[61] = 0.5625;
    const cmndf = troughs(201, [[60, 0.05]]);
    pyinCandidates(cmndf, difference, 20, 200, 8000, cdf, frequencies, probabilities);
    expect(frequencies[0]).toBeCloseTo(8000 / 60.25, 3);
  });

  it("gives a rising function only the p_a share, at minLag", () => {
    const rising = new Float32Array(201);
    for (let i = 0; i < 201; i++) rising[i] = 1 + i * 1e-3;
    // Its only minimum (minLag) lies above every threshold: no threshold picks it.
    expect(pyinCandidates(rising, rising, 20, 200, 8000, cdf, frequencies, probabilities)).toBe(1);
    expect(frequencies[0]).toBeCloseTo(400, 3);
    expect(probabilities[0]).toBeCloseTo(PYIN_ABSOLUTE_MINIMUM_WEIGHT, 6);
  });

  it("finds nothing when there is no minimum in the searched lags", () => {
    const falling = new Float32Array(201);
    for (let i = 0; i < 201; i++) falling[i] = 1 - i * 1e-3;
    expect(pyinCandidates(falling, falling, 20, 200, 8000, cdf, frequencies, probabilities)).toBe(0);
  });
});
