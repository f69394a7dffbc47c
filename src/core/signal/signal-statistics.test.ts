import { describe, expect, it } from "vitest";
import { createSeededRandom, type RandomSource, randomInteger } from "../test-helpers/seeded-random.js";
import {
  amplitudeToDbfs,
  channelStatistics,
  createSignalStatisticsAccumulator,
  signalStatistics,
} from "./signal-statistics.js";

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

/** Noise with pinned runs at ±1 (and near it), repeated values and the odd NaN or infinity. */
function clippy(random: RandomSource, length: number): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; ) {
    const kind = random();
    const run = randomInteger(random, 1, 8);
    for (let j = 0; j < run && i < length; j++, i++) {
      if (kind < 0.5) out[i] = 2 * random() - 1;
      else if (kind < 0.7) out[i] = 1;
      else if (kind < 0.85) out[i] = -1;
      else if (kind < 0.95) out[i] = 0.9995;
      else out[i] = random() < 0.5 ? Number.NaN : Number.NEGATIVE_INFINITY;
    }
  }
  return out;
}

/** Clipped runs by the definition, sample by sample: ≥ minClipRun flat same-sign samples at ≥ 0.999. */
function referenceClipping(samples: Float32Array, minClipRun: number): { events: number; clipped: number } {
  let events = 0;
  let clipped = 0;
  let run = 0;
  for (let i = 0; i < samples.length; i++) {
    const value = samples[i]!;
    const loud = Math.abs(value) >= 0.999;
    const continues = loud && run > 0 && value * samples[i - 1]! > 0 && Math.abs(value - samples[i - 1]!) <= 1e-6;
    run = loud ? (continues ? run + 1 : 1) : 0;
    if (run === minClipRun) {
      events++;
      clipped += minClipRun;
    } else if (run > minClipRun) clipped++;
  }
  return { events, clipped };
}

describe("clipped runs in long blocks of finite samples", () => {
  it("match a sample-by-sample count of the definition, whatever the chunk sizes", () => {
    const random = createSeededRandom(23);
    const samples = clippy(random, 50_000).map((value) => (Number.isFinite(value) ? value : 0.5));
    for (const minClipRun of [1, 3]) {
      const { events, clipped } = referenceClipping(samples, minClipRun);
      expect(events).toBeGreaterThan(100);
      for (const chunk of [50_000, 4096, 777]) {
        const accumulator = createSignalStatisticsAccumulator(1, { minClipRun });
        for (let start = 0; start < samples.length; start += chunk) {
          const part = samples.subarray(start, Math.min(samples.length, start + chunk));
          accumulator.push([part], part.length);
        }
        expect(accumulator.result()).toMatchObject({ clippingEvents: events, clippedSamples: clipped });
      }
    }
  });
});

describe("createSignalStatisticsAccumulator", () => {
  it("equals signalStatistics of the whole signal for any chunking", () => {
    const random = createSeededRandom(17);
    for (const channelCount of [0, 1, 2, 3]) {
      for (const length of [0, 1, 2, 5, 4095, 4096, 4097, 10_000]) {
        const channels = Array.from({ length: channelCount }, () => clippy(random, length));
        const options = random() < 0.5 ? {} : { minClipRun: 1 + Math.floor(4 * random()) };
        const expected = signalStatistics({ channels, sampleRate: RATE }, options);
        for (const maxChunk of [1, 3, 700, length]) {
          const accumulator = createSignalStatisticsAccumulator(channelCount, options);
          for (let start = 0; start < length; ) {
            const kind = random();
            const size = Math.min(length - start, kind < 0.2 ? 0 : randomInteger(random, 1, Math.max(1, maxChunk)));
            // Chunks longer than `length`: only the first `length` samples count.
            accumulator.push(
              channels.map((samples) => {
                const chunk = new Float32Array(size + 3).fill(1);
                chunk.set(samples.subarray(start, start + size));
                return chunk;
              }),
              size,
            );
            start += size;
          }
          expect(accumulator.result()).toEqual(expected);
        }
      }
    }
  });

  it("gives the figures so far at any point and keeps accumulating", () => {
    const random = createSeededRandom(2);
    const signal = clippy(random, 3000);
    const accumulator = createSignalStatisticsAccumulator(1);
    accumulator.push([signal], 1000);
    expect(accumulator.result()).toEqual(signalStatistics({ channels: [signal.slice(0, 1000)], sampleRate: RATE }));
    accumulator.push([signal.subarray(1000)], 2000);
    expect(accumulator.result()).toEqual(signalStatistics({ channels: [signal], sampleRate: RATE }));
    expect(accumulator.result().channels[0]).toEqual(channelStatistics(signal));
  });

  it("rejects a wrong channel count, a short channel and a bad threshold", () => {
    const accumulator = createSignalStatisticsAccumulator(2);
    expect(() => accumulator.push([new Float32Array(4)], 4)).toThrow(/expected 2 channels/);
    expect(() => accumulator.push([new Float32Array(4), new Float32Array(3)], 4)).toThrow(/3 < 4/);
    expect(() => createSignalStatisticsAccumulator(1, { clipThreshold: 0 })).toThrow(/clipThreshold/);
  });
});
