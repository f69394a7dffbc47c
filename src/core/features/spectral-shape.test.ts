import { describe, expect, it } from "vitest";
import { magnitudeSpectrogram } from "../dsp/spectrogram.js";
import { stft } from "../dsp/stft.js";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import { gaussianNoise, sine } from "../test-helpers/signals.js";
import { createSpectralShape, type SpectralShapeSeries, spectralShape } from "./spectral-shape.js";

const rate = 22050;
const axis = { sampleRate: rate, frameSize: 2048 };
const middleFrame = (series: Float32Array) => series[series.length >> 1]!;

function shapeOf(samples: Float32Array): SpectralShapeSeries {
  return spectralShape(magnitudeSpectrogram(stft(samples, rate)), axis);
}

function mean(values: Float32Array, from = 2, to = values.length - 2): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i]!;
  return sum / (to - from);
}

describe("spectral shape (librosa spectral_centroid, _bandwidth, _rolloff, _flatness)", () => {
  it.each([1000, 440, 3217.3])(
    "a %f Hz tone: centroid and roll-off at its frequency, narrow, flatness ≈ 0",
    (frequency) => {
      const shape = shapeOf(sine(frequency, rate, rate));
      expect(middleFrame(shape.centroidHz)).toBeCloseTo(frequency, -1);
      expect(Math.abs(middleFrame(shape.centroidHz) - frequency)).toBeLessThan(0.01 * frequency);
      expect(Math.abs(middleFrame(shape.rolloffHz) - frequency)).toBeLessThanOrEqual(2 * (rate / 2048));
      expect(middleFrame(shape.bandwidthHz)).toBeLessThan(60);
      expect(middleFrame(shape.flatness)).toBeLessThan(0.01);
    },
  );

  it("white noise: centroid ≈ sr/4, bandwidth ≈ sr/(4√3), roll-off ≈ 0.85·sr/2, flatness ≈ e^−γ", () => {
    const shape = shapeOf(gaussianNoise(4 * rate, 11, 0.1));
    expect(mean(shape.centroidHz)).toBeCloseTo(rate / 4, -2);
    expect(Math.abs(mean(shape.bandwidthHz) - rate / (4 * Math.sqrt(3)))).toBeLessThan(100);
    expect(Math.abs(mean(shape.rolloffHz) - 0.85 * (rate / 2))).toBeLessThan(150);
    // The periodogram of white noise has exponentially distributed bins: E[log P] = log E[P] − γ,
    // so the expected flatness is e^(−γ) ≈ 0.561, not 1 (a perfectly flat spectrum reads 1 below).
    expect(mean(shape.flatness)).toBeGreaterThan(0.52);
    expect(mean(shape.flatness)).toBeLessThan(0.6);
  });

  it("a perfectly flat magnitude spectrum has flatness 1 and the centre of the band as centroid", () => {
    const shape = createSpectralShape(axis);
    const out = {
      centroidHz: new Float32Array(1),
      bandwidthHz: new Float32Array(1),
      rolloffHz: new Float32Array(1),
      flatness: new Float32Array(1),
    };
    shape(new Float32Array(1025).fill(0.3), 0, out, 0);
    expect(out.flatness[0]!).toBeCloseTo(1, 5);
    expect(out.centroidHz[0]!).toBeCloseTo(rate / 4, 1);
    // Uniform over 0…Nyquist: standard deviation Nyquist/√12 (discrete: √((N²−1)/12) bins).
    expect(out.bandwidthHz[0]!).toBeCloseTo((Math.sqrt((1025 * 1025 - 1) / 12) * rate) / 2048, 1);
    expect(out.rolloffHz[0]!).toBeCloseTo((Math.ceil(0.85 * 1025) - 1) * (rate / 2048), 3);
  });

  it("matches the definitions written out directly on random spectra", () => {
    const random = createSeededRandom(5);
    const data = Float32Array.from({ length: 3 * 1025 }, () => random() ** 6 * 40);
    const shape = spectralShape({ frames: 3, bins: 1025, data }, { ...axis, rolloffFraction: 0.5 });
    const binHz = rate / 2048;
    for (let t = 0; t < 3; t++) {
      const frame = Array.from(data.subarray(t * 1025, (t + 1) * 1025));
      const total = frame.reduce((sum, value) => sum + value, 0);
      const centroid = frame.reduce((sum, value, k) => sum + value * k * binHz, 0) / total;
      const bandwidth = Math.sqrt(
        frame.reduce((sum, value, k) => sum + (value / total) * (k * binHz - centroid) ** 2, 0),
      );
      let rolloffBin = 0;
      for (let cumulative = frame[0]!; cumulative < 0.5 * total; cumulative += frame[rolloffBin]!) rolloffBin++;
      const powers = frame.map((value) => Math.max(1e-10, value * value));
      const flatness =
        Math.exp(powers.reduce((sum, power) => sum + Math.log(power), 0) / 1025) /
        (powers.reduce((sum, power) => sum + power, 0) / 1025);
      expect(shape.centroidHz[t]!).toBeCloseTo(centroid, 1);
      expect(shape.bandwidthHz[t]!).toBeCloseTo(bandwidth, 1);
      expect(shape.rolloffHz[t]!).toBeCloseTo(rolloffBin * binHz, 3);
      expect(shape.flatness[t]!).toBeCloseTo(flatness, 5);
    }
  });

  it("silence: centroid, bandwidth and roll-off 0 Hz, flatness 1 (as librosa); NaN frames give NaN", () => {
    const silent = shapeOf(new Float32Array(8192));
    for (const series of [silent.centroidHz, silent.bandwidthHz, silent.rolloffHz]) {
      expect(series.every((value) => value === 0)).toBe(true);
    }
    expect(silent.flatness.every((value) => value === 1)).toBe(true);
    const withNan = new Float32Array(1025 * 2).fill(1);
    withNan[1025 + 7] = Number.NaN;
    const shape = spectralShape({ frames: 2, bins: 1025, data: withNan }, axis);
    expect(shape.centroidHz[0]!).toBeGreaterThan(0);
    expect(Number.isNaN(shape.centroidHz[1]!)).toBe(true);
    expect(Number.isNaN(shape.flatness[1]!)).toBe(true);
  });

  it("stays exact for powers beyond a 16-bin product's range, and rejects bad options", () => {
    const shape = spectralShape({ frames: 1, bins: 1025, data: new Float32Array(1025).fill(1e12) }, axis);
    expect(shape.flatness[0]!).toBeCloseTo(1, 5);
    expect(() => createSpectralShape({ ...axis, rolloffFraction: 1 })).toThrow(/rolloffFraction/);
    expect(() => createSpectralShape({ sampleRate: 0, frameSize: 2048 })).toThrow(/sampleRate/);
    expect(() => spectralShape({ frames: 0, bins: 3, data: new Float32Array(0) }, axis)).toThrow(/bins/);
  });
});
