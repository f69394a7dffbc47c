import { describe, expect, it } from "vitest";
import { magnitudeSpectrogram } from "../dsp/spectrogram.js";
import { stft } from "../dsp/stft.js";
import { impulse, sine, whiteNoise } from "../test-helpers/signals.js";
import { type FrameFeatures, frameFeatures } from "./frame-features.js";

const rate = 22050;

function featuresOf(samples: Float32Array, sampleRate = rate): FrameFeatures {
  return frameFeatures(magnitudeSpectrogram(stft(samples, sampleRate)), samples);
}

function allFinite(features: FrameFeatures): boolean {
  const series = [
    features.centroidHz,
    features.bandwidthHz,
    features.rolloffHz,
    features.flatness,
    features.contrastDb,
    features.zeroCrossingRate,
    features.rms,
    features.mfcc,
  ];
  return series.every((values) => values.every(Number.isFinite));
}

describe("frameFeatures", () => {
  it("computes every feature on the STFT's frames, with the known answers of a sine", () => {
    const features = featuresOf(sine(1000, rate, rate, { amplitude: 0.5 }));
    const frames = 1 + Math.floor(rate / 512);
    expect(features.frames).toBe(frames);
    for (const series of [features.centroidHz, features.rms, features.zeroCrossingRate, features.flatness]) {
      expect(series.length).toBe(frames);
    }
    expect(features.mfcc.length).toBe(frames * 20);
    expect(features.contrastDb.length).toBe(frames * 7);
    expect(features.centroidHz[20]!).toBeCloseTo(1000, -1);
    expect(features.rms[20]!).toBeCloseTo(0.5 / Math.SQRT2, 3);
    expect(features.zeroCrossingRate[20]!).toBeCloseTo(2000 / rate, 3);
    expect(features.flatness[20]!).toBeLessThan(0.01);
    expect(allFinite(features)).toBe(true);
  });

  it("never gives NaN for silence, noise, a click, a 0.5 s clip or a DC offset", () => {
    const dc = sine(220, rate, rate);
    for (let i = 0; i < dc.length; i++) dc[i] = 0.3 * dc[i]! + 0.4;
    const signals = {
      silence: new Float32Array(rate),
      noise: whiteNoise(rate, 1),
      click: impulse(rate, 11025),
      short: sine(440, rate, rate / 2),
      dc,
    };
    for (const [name, samples] of Object.entries(signals)) {
      const features = featuresOf(samples);
      expect(allFinite(features), name).toBe(true);
    }
    const silence = featuresOf(signals.silence);
    expect(silence.centroidHz.every((value) => value === 0)).toBe(true);
    expect(silence.flatness.every((value) => value === 1)).toBe(true);
    expect(silence.contrastDb.every((value) => value === 0)).toBe(true);
    expect(silence.rms.every((value) => value === 0)).toBe(true);
    const click = featuresOf(signals.click);
    // A click's spectrum is flat: flatness near 1 in the frames that hold it, 1 (silence) elsewhere.
    expect(click.flatness[Math.round(11025 / 512)]!).toBeGreaterThan(0.8);
    expect(featuresOf(signals.dc).centroidHz[20]!).toBeLessThan(220);
  });

  it("handles an empty signal, one sample, an unusual rate and NaN samples", () => {
    expect(featuresOf(new Float32Array(0)).frames).toBe(0);
    expect(allFinite(featuresOf(Float32Array.of(0.5)))).toBe(true);
    expect(allFinite(featuresOf(whiteNoise(20000, 2), 44100))).toBe(true);
    const withNan = sine(440, rate, rate);
    withNan[11025] = Number.NaN;
    const features = featuresOf(withNan);
    expect(Number.isNaN(features.centroidHz[21]!)).toBe(true);
    expect(Number.isFinite(features.centroidHz[5]!)).toBe(true);
    expect(Number.isFinite(features.mfcc[5 * 20]!)).toBe(true);
  });

  it("rejects a waveform that does not frame like the spectrogram", () => {
    const magnitude = magnitudeSpectrogram(stft(new Float32Array(10000), rate));
    expect(() => frameFeatures(magnitude, new Float32Array(5000))).toThrow(/frames/);
  });
});
