import { describe, expect, it } from "vitest";
import { sine, whiteNoise } from "../test-helpers/signals.js";
import { zeroCrossingRate } from "./zero-crossing-rate.js";

/** librosa.feature.zero_crossing_rate transcribed: edge padding, framing, sign-bit changes, mean over frameSize. */
function referenceRate(samples: Float32Array, frameSize: number, hopSize: number): number[] {
  const half = frameSize / 2;
  const padded = [
    ...new Array<number>(half).fill(samples[0]!),
    ...samples,
    ...new Array<number>(half).fill(samples[samples.length - 1]!),
  ].map((value) => (Math.abs(value) <= 1e-10 ? 0 : value));
  const frames = 1 + Math.floor((padded.length - frameSize) / hopSize);
  return Array.from({ length: frames }, (_, t) => {
    let crossings = 0;
    for (let n = 1; n < frameSize; n++) {
      if (padded[t * hopSize + n]! < 0 !== padded[t * hopSize + n - 1]! < 0) crossings++;
    }
    return crossings / frameSize;
  });
}

describe("zeroCrossingRate (librosa.feature.zero_crossing_rate)", () => {
  it.each([100, 441, 2000])("a %i Hz sine crosses at 2f/sr", (frequency) => {
    const rates = zeroCrossingRate(sine(frequency, 22050, 22050, { phase: 0.3 }));
    expect(rates.length).toBe(1 + Math.floor(22050 / 512));
    const expected = ((2 * frequency) / 22050) * (2047 / 2048);
    expect(rates[20]!).toBeCloseTo(expected, 3);
  });

  it("equals librosa's definition frame by frame, including the padded edges", () => {
    const noise = whiteNoise(5000, 7, 0.5);
    for (let i = 0; i < 300; i++) noise[i] = 1e-11 * (i % 2 === 0 ? 1 : -1); // below the threshold: no crossings
    const rates = zeroCrossingRate(noise, { frameSize: 256, hopSize: 100 });
    const reference = referenceRate(noise, 256, 100);
    expect(rates.length).toBe(reference.length);
    for (let t = 0; t < reference.length; t++) expect(rates[t]!).toBeCloseTo(reference[t]!, 6);
  });

  it("is 0 for silence and DC, and handles empty, one-sample and uncentred input", () => {
    expect(zeroCrossingRate(new Float32Array(4096)).every((value) => value === 0)).toBe(true);
    expect(zeroCrossingRate(new Float32Array(4096).fill(-0.4)).every((value) => value === 0)).toBe(true);
    expect(zeroCrossingRate(new Float32Array(0)).length).toBe(0);
    expect(Array.from(zeroCrossingRate(Float32Array.of(0.5)))).toEqual([0]);
    const alternating = Float32Array.from({ length: 64 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const uncentred = zeroCrossingRate(alternating, { frameSize: 16, hopSize: 8, center: false });
    expect(uncentred.length).toBe(7);
    expect(uncentred[3]!).toBeCloseTo(15 / 16, 6);
    expect(() => zeroCrossingRate(alternating, { hopSize: 0 })).toThrow(/hopSize/);
    expect(() => zeroCrossingRate(alternating, {}, new Float32Array(0))).toThrow(/out length/);
  });
});
