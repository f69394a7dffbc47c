import { describe, expect, it } from "vitest";
import { firstBitDifference } from "../test-helpers/bit-difference.js";
import { createSeededRandom, type RandomSource, randomInteger } from "../test-helpers/seeded-random.js";
import { createDecimator, decimateByPowerOfTwo, decimateByTwo, halfBandFilter, powerOfTwoFactor } from "./decimate.js";
import type { Resampler } from "./resample.js";

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

/** Chunk lengths covering `length`: random sizes (many of 0 and 1 samples) up to maxChunk. */
function chunking(random: RandomSource, length: number, maxChunk: number): number[] {
  const sizes: number[] = [];
  let left = length;
  while (left > 0) {
    const kind = random();
    const size = Math.min(left, kind < 0.15 ? 0 : kind < 0.35 ? 1 : randomInteger(random, 2, maxChunk));
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

/** The whole stream through `decimator`, chunk by chunk (fresh copies), then flushed. */
function streamed(decimator: Resampler, signal: Float32Array, sizes: readonly number[]): Float32Array {
  const out = new Float32Array(decimator.outputLength(signal.length));
  let written = 0;
  let start = 0;
  for (const size of sizes) {
    const chunk = decimator.process(signal.slice(start, start + size));
    out.set(chunk, written);
    written += chunk.length;
    start += size;
  }
  const tail = decimator.flush();
  out.set(tail, written);
  expect(written + tail.length).toBe(out.length);
  return out;
}

/** Bit-for-bit equality (NaN equals NaN, +0 differs from −0). */
function expectIdentical(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  expect(firstBitDifference(actual, expected)).toBe(-1);
}

describe("createDecimator", () => {
  it.each([1, 2, 4, 8])("matches decimateByPowerOfTwo bit for bit for any chunking (factor %i)", (factor) => {
    const random = createSeededRandom(40 + factor);
    const lengths = [0, 1, 2, 3, 50, 51, 52, 53, 103, 104, 105, 400, 8192, 8193, 16_385];
    for (let i = 0; i < 8; i++) lengths.push(randomInteger(random, 0, 40_000));
    const decimator = createDecimator(44_100 * factor, 44_100);
    for (const length of lengths) {
      const signal = new Float32Array(length);
      for (let i = 0; i < length; i++) signal[i] = 2 * random() - 1;
      if (length > 300) signal[randomInteger(random, 0, length - 1)] = Number.NaN;
      const expected = decimateByPowerOfTwo(signal, factor);
      // The same decimator for every stream: flush must leave it ready for the next one.
      expectIdentical(streamed(decimator, signal, [length]), expected);
      expectIdentical(streamed(decimator, signal, chunking(random, length, 4)), expected);
      expectIdentical(streamed(decimator, signal, chunking(random, length, 300)), expected);
      expectIdentical(streamed(decimator, signal, chunking(random, length, 20_000)), expected);
    }
  });

  it("forgets a half-fed stream on reset", () => {
    const random = createSeededRandom(3);
    const signal = new Float32Array(5000).map(() => 2 * random() - 1);
    const decimator = createDecimator(88_200, 22_050);
    decimator.process(new Float32Array(777).fill(0.5));
    decimator.reset();
    expectIdentical(streamed(decimator, signal, chunking(random, signal.length, 500)), decimateByPowerOfTwo(signal, 4));
  });

  it("states its rates and output length, and rejects rates that are no power of two apart", () => {
    const decimator = createDecimator(176_400, 22_050);
    expect([decimator.fromRate, decimator.toRate]).toEqual([176_400, 22_050]);
    expect(decimator.outputLength(17)).toBe(3);
    expect(decimator.outputLength(0)).toBe(0);
    expect(createDecimator(22_050, 22_050).outputLength(5)).toBe(5);
    expect(() => createDecimator(48_000, 22_050)).toThrow(RangeError);
    expect(() => createDecimator(22_050, 44_100)).toThrow(RangeError);
    expect(() => createDecimator(0, 0)).toThrow(RangeError);
  });
});
