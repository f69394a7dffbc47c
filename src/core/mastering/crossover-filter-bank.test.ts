import { describe, expect, it } from "vitest";
import { createCrossoverFilterBank } from "./crossover-filter-bank.js";
import { MASTERING_BANDS } from "./frequency-bands.js";
import { fadedSine, RATE } from "./test-helpers/mastering-signals.js";

function bandLevels(samples: Float32Array, sampleRate = RATE, bands = MASTERING_BANDS, chunk = samples.length) {
  const bank = createCrossoverFilterBank(sampleRate, bands);
  for (let from = 0; from < samples.length; from += chunk) {
    const part = samples.subarray(from, Math.min(samples.length, from + chunk));
    bank.push(part, part.length);
  }
  return bank.result();
}

describe("createCrossoverFilterBank", () => {
  it("runs the lower crossovers at decimated rates", () => {
    expect(bandLevels(new Float32Array(10)).map((band) => band.sampleRateHz)).toEqual([
      RATE / 16,
      RATE / 8,
      RATE / 2,
      RATE,
      RATE,
    ]);
  });

  it("keeps a sine in its band: neighbours ≥ 12 dB lower, the others ≥ 40 dB (24 dB/octave slopes)", () => {
    const frequencies = [70, 320, 1000, 3500, 11_000];
    frequencies.forEach((frequencyHz, index) => {
      const levels = bandLevels(fadedSine(frequencyHz, 0.5));
      const own = levels[index]!.rms!;
      levels.forEach((band, other) => {
        const relativeDb = 20 * Math.log10(band.rms! / own);
        if (Math.abs(other - index) === 1) expect(relativeDb).toBeLessThan(-12);
        if (Math.abs(other - index) > 1) expect(relativeDb).toBeLessThan(-40);
      });
    });
  });

  it("reproduces LR4 band gains at band edges: −6 dB at a crossover", () => {
    // At 500 Hz both the mid band's HP and the low-mid band's LP are at −6 dB.
    const levels = bandLevels(fadedSine(500, 1, 0.5));
    const sineRms = 0.5 / Math.SQRT2;
    expect(20 * Math.log10(levels[1]!.rms! / sineRms)).toBeCloseTo(-6.3, 0);
    expect(20 * Math.log10(levels[2]!.rms! / sineRms)).toBeCloseTo(-6.3, 0);
  });

  it("handles custom bands: a band from 0 Hz, gaps, bands above Nyquist", () => {
    const bands = [
      { name: "sub", lowHz: 0, highHz: 60 },
      { name: "presence", lowHz: 3000, highHz: 5000 },
      { name: "ultra", lowHz: 30_000, highHz: 40_000 },
    ];
    const levels = bandLevels(fadedSine(25, 1, 0.5), RATE, bands);
    // LR4 low-pass at 60 Hz passes 25 Hz at 1/(1 + (25/60)⁴): −0.26 dB.
    expect(20 * Math.log10(levels[0]!.peak! / 0.5)).toBeCloseTo(-0.26, 1);
    expect(levels[1]!.rms!).toBeLessThan(1e-4);
    expect(levels[2]).toEqual({ peak: null, rms: null, sampleRateHz: null });
  });

  it("gives identical figures for any chunking", () => {
    const samples = fadedSine(777, 0.3, 0.4);
    const whole = bandLevels(samples);
    expect(bandLevels(samples, RATE, MASTERING_BANDS, 1)).toEqual(whole);
    expect(bandLevels(samples, RATE, MASTERING_BANDS, 5000)).toEqual(whole);
  });
});
