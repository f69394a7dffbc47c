import { describe, expect, it } from "vitest";
import { magnitudeSpectrogram } from "../dsp/spectrogram.js";
import { stft } from "../dsp/stft.js";
import { chordSequence } from "../test-helpers/harmonic-signals.js";
import { aggregateChroma } from "./aggregate-chroma.js";
import { CHROMA_BINS, type Chroma, chroma, weightedChromaSum } from "./chroma.js";
import { spectralPeaks } from "./spectral-peaks.js";

const RATE = 22_050;
const peaksOf = (samples: Float32Array) =>
  spectralPeaks(magnitudeSpectrogram(stft(samples, RATE, { frameSize: 2048, hopSize: 512 })));
const meanChroma = (result: Chroma) => {
  const mean = new Float64Array(CHROMA_BINS);
  for (let t = 0; t < result.frames; t++)
    for (let c = 0; c < 12; c++) mean[c] += result.data[t * 12 + c]! / result.frames;
  return mean;
};
const strongest = (values: ArrayLike<number>, count: number) =>
  Array.from(values, (value, index) => [value, index] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, count)
    .map(([, index]) => index)
    .sort((a, b) => a - b);

describe("chroma", () => {
  it("puts a C major triad of harmonic tones (with bass) on C, E and G", () => {
    const mean = meanChroma(chroma(peaksOf(chordSequence([[48, 60, 64, 67]], RATE, 1))));
    expect(strongest(mean, 3)).toEqual([0, 4, 7]);
  });

  it("attributes overtones to their fundamental: one A tone reads as A, not E or C#", () => {
    const mean = meanChroma(chroma(peaksOf(chordSequence([[45]], RATE, 1, { partials: 8 }))));
    expect(strongest(mean, 1)).toEqual([9]);
    expect(mean[4]!).toBeLessThan(0.2 * mean[9]!);
    expect(mean[1]!).toBeLessThan(0.2 * mean[9]!);
  });

  it("follows the tuning reference: a triad on A4 = 430 Hz lands on the same bins", () => {
    const peaks = peaksOf(chordSequence([[57, 61, 64]], RATE, 1, { referenceHz: 430 }));
    const mean = meanChroma(chroma(peaks, { referenceHz: 430 }));
    expect(strongest(mean, 3)).toEqual([1, 4, 9]);
    expect(Math.min(mean[1]!, mean[4]!, mean[9]!)).toBeGreaterThan(0.5);
  });

  it("is all zeros, never NaN, for silence, empty and NaN input", () => {
    for (const samples of [new Float32Array(RATE), new Float32Array(0), new Float32Array(4096).fill(Number.NaN)]) {
      const result = chroma(peaksOf(samples));
      expect(result.data.every((value) => value === 0)).toBe(true);
    }
  });

  it("rejects bad options", () => {
    const peaks = peaksOf(new Float32Array(4096));
    expect(() => chroma(peaks, { referenceHz: 0 })).toThrow(RangeError);
    expect(() => chroma(peaks, { harmonics: 0 })).toThrow(RangeError);
  });
});

describe("aggregateChroma and weightedChromaSum", () => {
  // Frame t (hop 512 at 22050 Hz, centred) holds t in bin t mod 12.
  const frames = 100;
  const data = new Float32Array(frames * 12);
  for (let t = 0; t < frames; t++) data[t * 12 + (t % 12)] = t;
  const synthetic: Chroma = { frames, data, hopSize: 512, frameSize: 2048, sampleRate: RATE };
  const hop = 512 / RATE;

  it("averages the frames whose centres fall in each interval", () => {
    const out = aggregateChroma(synthetic, [0, 3 * hop - 1e-6, 6 * hop - 1e-6]);
    expect(out.length).toBe(24);
    expect(out[1]).toBeCloseTo(1 / 3, 6);
    expect(out[2]).toBeCloseTo(2 / 3, 6);
    expect(out[12 + 5]).toBeCloseTo(5 / 3, 6);
  });

  it("takes the median per pitch class and the nearest frame for a too-short interval", () => {
    const out = aggregateChroma(synthetic, [0, 12.5 * hop, 12.6 * hop], "median");
    expect(out[0]).toBe(0);
    expect(Array.from(out.subarray(12))).toEqual(Array.from(data.subarray(13 * 12, 14 * 12)));
  });

  it("rejects descending boundaries and sums chromas frame by frame", () => {
    expect(() => aggregateChroma(synthetic, [1, 0])).toThrow(RangeError);
    const sum = weightedChromaSum(synthetic, synthetic, 0.5);
    expect(sum.data[13 * 12 + 1]).toBeCloseTo(19.5, 6);
  });
});
