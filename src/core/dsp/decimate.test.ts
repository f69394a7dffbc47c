import { describe, expect, it } from "vitest";
import { decimateByPowerOfTwo, decimateByTwo, halfBandFilter, powerOfTwoFactor } from "./decimate.js";

function sine(frequencyHz: number, sampleRate: number, seconds: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < out.length; i++) out[i] = Math.sin((2 * Math.PI * frequencyHz * i) / sampleRate);
  return out;
}

/** RMS over the middle half, away from the zero-padded edges. */
function middleRms(samples: Float32Array): number {
  let sum = 0;
  const start = Math.floor(samples.length / 4);
  const end = Math.floor((3 * samples.length) / 4);
  for (let i = start; i < end; i++) sum += samples[i]! ** 2;
  return Math.sqrt(sum / (end - start));
}

const db = (ratio: number) => 20 * Math.log10(ratio);

describe("decimateByTwo", () => {
  it("has unit gain at DC and a centre tap of one half", () => {
    const { oddTaps } = halfBandFilter();
    expect(0.5 + 2 * oddTaps.reduce((sum, tap) => sum + tap, 0)).toBeCloseTo(1, 12);
    expect(decimateByTwo(new Float32Array(400).fill(0.25))[100]).toBeCloseTo(0.25, 6);
  });

  it.each([100, 1000, 5000, 9900])("passes %i Hz (44.1 → 22.05 kHz) within 0.01 dB", (frequency) => {
    const out = decimateByTwo(sine(frequency, 44_100, 1));
    expect(Math.abs(db(middleRms(out) / Math.SQRT1_2))).toBeLessThan(0.01);
  });

  it.each([12_200, 15_000, 20_000])("stops %i Hz, which would alias, by at least 75 dB", (frequency) => {
    const out = decimateByTwo(sine(frequency, 44_100, 1));
    expect(db(middleRms(out) / Math.SQRT1_2)).toBeLessThan(-75);
  });

  it("keeps time alignment: output m is input 2m", () => {
    const impulse = new Float32Array(1001);
    impulse[500] = 1;
    const out = decimateByTwo(impulse);
    let peak = 0;
    for (let i = 1; i < out.length; i++) if (Math.abs(out[i]!) > Math.abs(out[peak]!)) peak = i;
    expect(peak).toBe(250);
  });

  it("handles empty, one-sample and NaN input", () => {
    expect(decimateByTwo(new Float32Array(0))).toHaveLength(0);
    expect(Array.from(decimateByTwo(new Float32Array([1])))).toEqual([0.5]);
    const withNaN = new Float32Array(1000);
    withNaN[500] = Number.NaN;
    const out = decimateByTwo(withNaN);
    expect(Number.isNaN(out[250])).toBe(true);
    expect(out[0]).toBe(0);
  });
});

describe("decimateByPowerOfTwo", () => {
  it("goes from 176.4 kHz to 22.05 kHz keeping a 1 kHz tone and its length", () => {
    const input = sine(1000, 176_400, 0.5);
    const out = decimateByPowerOfTwo(input, 8);
    expect(out.length).toBe(Math.ceil(input.length / 8));
    expect(Math.abs(db(middleRms(out) / Math.SQRT1_2))).toBeLessThan(0.01);
  });

  it("returns the input for factor 1 and rejects other factors", () => {
    const input = new Float32Array(4);
    expect(decimateByPowerOfTwo(input, 1)).toBe(input);
    expect(() => decimateByPowerOfTwo(input, 3)).toThrow(/power of two ≥ 1, got 3/);
  });

  it("finds power-of-two factors between rates", () => {
    expect(powerOfTwoFactor(44_100, 22_050)).toBe(2);
    expect(powerOfTwoFactor(176_400, 22_050)).toBe(8);
    expect(powerOfTwoFactor(22_050, 22_050)).toBe(1);
    expect(powerOfTwoFactor(48_000, 22_050)).toBeNull();
    expect(powerOfTwoFactor(11_025, 22_050)).toBeNull();
    expect(powerOfTwoFactor(66_150, 22_050)).toBeNull();
  });
});
