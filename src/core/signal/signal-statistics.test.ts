import { describe, expect, it } from "vitest";
import { amplitudeToDbfs, channelStatistics, signalStatistics } from "./signal-statistics.js";

const RATE = 44_100;

function sine(frequencyHz: number, amplitude: number, seconds: number, offset = 0): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < out.length; i++) out[i] = offset + amplitude * Math.sin((2 * Math.PI * frequencyHz * i) / RATE);
  return out;
}

describe("channelStatistics", () => {
  it("measures a −6 dBFS sine: peak −6.02 dBFS, RMS 3.01 dB lower, no DC", () => {
    const stats = channelStatistics(sine(1000, 0.5, 1));
    expect(stats.samplePeakDbfs!).toBeCloseTo(-6.02, 2);
    expect(stats.rmsDbfs!).toBeCloseTo(-6.02 - 3.01, 2);
    expect(Math.abs(stats.dcOffset)).toBeLessThan(1e-6);
    expect(stats.clippedSamples).toBe(0);
  });

  it("reports a DC offset with its sign", () => {
    expect(channelStatistics(sine(440, 0.3, 1, -0.05)).dcOffset).toBeCloseTo(-0.05, 4);
  });

  it("does not call the crest of a full-scale low sine clipping", () => {
    expect(channelStatistics(sine(50, 1, 1)).clippingEvents).toBe(0);
  });

  it("counts pinned runs of a hard-clipped sine", () => {
    const clipped = sine(100, 2, 1).map((v) => Math.max(-1, Math.min(1, v)));
    const stats = channelStatistics(clipped);
    // 100 Hz for 1 s: one pinned run per half period.
    expect(stats.clippingEvents).toBe(200);
    // |2 sin| ≥ 1 from 30° to 150° of each half period: two thirds of the samples.
    expect(stats.clippedSamples / clipped.length).toBeCloseTo(2 / 3, 2);
  });

  it("ignores NaN and infinities but counts them", () => {
    const samples = new Float32Array([0.5, Number.NaN, -0.5, Number.POSITIVE_INFINITY]);
    const stats = channelStatistics(samples);
    expect(stats.nonFiniteSamples).toBe(2);
    expect(stats.samplePeak).toBe(0.5);
    expect(stats.rms).toBeCloseTo(0.5, 6);
  });

  it("handles empty input and zeros without NaN", () => {
    for (const samples of [new Float32Array(0), new Float32Array(1000)]) {
      const stats = channelStatistics(samples);
      expect(stats.samplePeakDbfs).toBeNull();
      expect(stats.rmsDbfs).toBeNull();
      expect(stats.dcOffset).toBe(0);
    }
  });

  it("rejects a threshold outside (0, 1]", () => {
    expect(() => channelStatistics(new Float32Array(4), { clipThreshold: 1.5 })).toThrow(/clipThreshold/);
  });
});

describe("signalStatistics", () => {
  it("combines channels: loudest peak, power-mean RMS, worst DC", () => {
    const stats = signalStatistics({ channels: [sine(440, 0.5, 1), sine(660, 0.25, 1, 0.01)], sampleRate: 22_222 });
    expect(stats.channels).toHaveLength(2);
    expect(stats.samplePeak).toBeCloseTo(0.5, 3);
    const expectedRms = Math.sqrt((0.5 ** 2 / 2 + 0.25 ** 2 / 2 + 0.01 ** 2) / 2);
    expect(stats.rms).toBeCloseTo(expectedRms, 4);
    expect(stats.dcOffset).toBeCloseTo(0.01, 4);
    expect(stats.silent).toBe(false);
  });

  it("calls digital silence and −100 dBFS noise silent", () => {
    expect(signalStatistics({ channels: [new Float32Array(100)], sampleRate: RATE }).silent).toBe(true);
    expect(signalStatistics({ channels: [sine(440, 1e-5, 0.1)], sampleRate: RATE }).silent).toBe(true);
    expect(signalStatistics({ channels: [], sampleRate: RATE }).silent).toBe(true);
  });

  it("converts amplitude to dBFS", () => {
    expect(amplitudeToDbfs(1)).toBe(0);
    expect(amplitudeToDbfs(0.1)).toBeCloseTo(-20, 9);
    expect(amplitudeToDbfs(0)).toBeNull();
  });
});
