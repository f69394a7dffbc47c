import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import { designTruePeakInterpolator, truePeakOversampling } from "./true-peak-interpolator.js";

describe("truePeakOversampling", () => {
  it("oversamples ×4 below 96 kHz, ×2 below 192 kHz, not from 192 kHz (BS.1770-4, libebur128)", () => {
    expect(truePeakOversampling(48000)).toBe(4);
    expect(truePeakOversampling(44100)).toBe(4);
    expect(truePeakOversampling(8000)).toBe(4);
    expect(truePeakOversampling(88200)).toBe(4);
    expect(truePeakOversampling(96000)).toBe(2);
    expect(truePeakOversampling(176400)).toBe(2);
    expect(truePeakOversampling(192000)).toBe(1);
    expect(truePeakOversampling(384000)).toBe(1);
  });
});

describe("designTruePeakInterpolator", () => {
  const interpolator = designTruePeakInterpolator(4);
  const { taps, coefficients } = interpolator;
  const half = taps / 2;

  it("reproduces constants and straight lines exactly at every phase", () => {
    for (let phase = 1; phase < 4; phase++) {
      const row = coefficients.subarray((phase - 1) * taps, phase * taps);
      let sum = 0;
      let moment = 0;
      row.forEach((value, index) => {
        sum += value;
        moment += value * (index + 1 - half);
      });
      expect(sum).toBeCloseTo(1, 12);
      expect(moment).toBeCloseTo(phase / 4, 12);
    }
  });

  it("interpolates sines below 0.4·fs within 0.07 dB", () => {
    for (const cyclesPerSample of [0.01, 0.1, 0.25, 0.3, 0.4]) {
      for (let phase = 1; phase < 4; phase++) {
        const fraction = phase / 4;
        const row = coefficients.subarray((phase - 1) * taps, phase * taps);
        // Response to e^{iωn} at n = fraction, relative to the ideal e^{iω·fraction}.
        let re = 0;
        let im = 0;
        row.forEach((value, index) => {
          const angle = 2 * Math.PI * cyclesPerSample * (index + 1 - half - fraction);
          re += value * Math.cos(angle);
          im += value * Math.sin(angle);
        });
        expect(Math.abs(20 * Math.log10(Math.hypot(re, im))), `${cyclesPerSample}·fs`).toBeLessThan(0.07);
      }
    }
  });

  it("keeps |y| under both of its bounds on random signals", () => {
    const random = createSeededRandom(11);
    for (let trial = 0; trial < 2000; trial++) {
      const smooth = trial % 2 === 0;
      const samples = Float64Array.from({ length: taps + 1 }, (_, i) =>
        smooth ? Math.sin(0.05 * i + trial) * (0.5 + 0.5 * random()) : 2 * random() - 1,
      );
      let largest = 0;
      let curvature = 0;
      for (let i = 0; i < taps; i++) largest = Math.max(largest, Math.abs(samples[i]!));
      for (let i = 1; i < taps - 1; i++) {
        curvature = Math.max(curvature, Math.abs(samples[i - 1]! - 2 * samples[i]! + samples[i + 1]!));
      }
      const endpoints = Math.max(Math.abs(samples[half - 1]!), Math.abs(samples[half]!));
      for (let phase = 1; phase < 4; phase++) {
        const row = coefficients.subarray((phase - 1) * taps, phase * taps);
        let value = 0;
        row.forEach((coefficient, index) => {
          value += coefficient * samples[index]!;
        });
        expect(Math.abs(value)).toBeLessThanOrEqual(interpolator.l1Bound * largest * (1 + 1e-12));
        expect(Math.abs(value)).toBeLessThanOrEqual(
          (endpoints + interpolator.curvatureBound * curvature) * (1 + 1e-12),
        );
      }
    }
  });

  it("validates its arguments", () => {
    expect(() => designTruePeakInterpolator(0)).toThrow(/factor must be an integer ≥ 1, got 0/);
    expect(() => designTruePeakInterpolator(4, 15)).toThrow(/taps must be an even integer ≥ 4, got 15/);
    expect(designTruePeakInterpolator(1).coefficients.length).toBe(0);
  });
});
