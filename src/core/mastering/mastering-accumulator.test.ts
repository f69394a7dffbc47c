import { describe, expect, it } from "vitest";
import { createSeededRandom, randomInteger } from "../test-helpers/seeded-random.js";
import { clickTrain, gaussianNoise, sine, whiteNoise } from "../test-helpers/signals.js";
import { MASTERING_BANDS } from "./frequency-bands.js";
import { createMasteringAccumulator, masteringMetrics } from "./mastering-accumulator.js";
import type { MasteringMetrics } from "./mastering-metrics.js";
import { MONO_LOSS_CEILING_DB } from "./stereo-image.js";
import { fadedSine, nonFinitePaths, pinkNoise, RATE, toneBursts } from "./test-helpers/mastering-signals.js";

/** Geometric centres of the default bands. */
const BAND_CENTRES_HZ = MASTERING_BANDS.map((band) => Math.sqrt(band.lowHz * band.highHz));

function stereo(left: Float32Array, right: Float32Array = left, sampleRate = RATE): MasteringMetrics {
  return masteringMetrics({ channels: [left, right], sampleRate });
}

function shares(metrics: MasteringMetrics): number[] {
  return metrics.bands.map((band) => band.energyShare!);
}

/** Sample peak and RMS of a signal in dBFS, and their difference (the crest factor). */
function levelsOf(samples: Float32Array): { peakDbfs: number; rmsDbfs: number; crestDb: number } {
  let peak = 0;
  let sumSquares = 0;
  for (const value of samples) {
    peak = Math.max(peak, Math.abs(value));
    sumSquares += value * value;
  }
  const peakDbfs = 20 * Math.log10(peak);
  const rmsDbfs = 10 * Math.log10(sumSquares / samples.length);
  return { peakDbfs, rmsDbfs, crestDb: peakDbfs - rmsDbfs };
}

describe("masteringMetrics: bands", () => {
  it("puts ≥ 99 % of a sine's energy into the band that holds it", () => {
    BAND_CENTRES_HZ.forEach((frequencyHz, index) => {
      const signal = fadedSine(frequencyHz, 1);
      const metrics = stereo(signal);
      expect(metrics.bands[index]!.energyShare!).toBeGreaterThanOrEqual(0.99);
      // The band holds the sine's whole RMS (−9.03 dBFS less the fade-in); its centroid is the sine.
      expect(metrics.bands[index]!.rmsDbfs!).toBeCloseTo(levelsOf(signal).rmsDbfs, 1);
      expect(metrics.bands[index]!.centroidHz!).toBeCloseTo(frequencyHz, -1);
      expect(metrics.bands[index]!.flatness!).toBeLessThan(0.05);
    });
  });

  it("splits white noise in proportion to band widths", () => {
    const metrics = stereo(whiteNoise(4 * RATE, 11, 0.5), whiteNoise(4 * RATE, 12, 0.5));
    const total = 20_000 - 20;
    MASTERING_BANDS.forEach((band, index) => {
      expect(shares(metrics)[index]!).toBeCloseTo((band.highHz - band.lowHz) / total, 2);
      expect(metrics.bands[index]!.flatness!).toBeGreaterThan(0.95);
    });
    expect(shares(metrics).reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 6);
  });

  it("splits pink noise in proportion to band widths in octaves", () => {
    const noise = pinkNoise(2 ** 18, 5);
    const metrics = masteringMetrics({ channels: [noise], sampleRate: RATE });
    MASTERING_BANDS.forEach((band, index) => {
      const expected = Math.log(band.highHz / band.lowHz) / Math.log(1000);
      // The 20 Hz edge is resolved to one 10.8 Hz bin, where 1/f is steepest: ±0.015.
      expect(Math.abs(shares(metrics)[index]! - expected)).toBeLessThan(0.015);
    });
    // Pink noise is flat in fractional-octave bands (within the bins' scatter, above 100 Hz).
    const { centresHz, levelsDb } = metrics.spectralBalance;
    const levels = levelsDb.filter((_, i) => centresHz[i]! > 100 && centresHz[i]! < 15_000) as number[];
    expect(Math.max(...levels) - Math.min(...levels)).toBeLessThan(1.5);
  });

  it("gives a sine in a band the sine's own crest factor and peak", () => {
    BAND_CENTRES_HZ.forEach((frequencyHz, index) => {
      const signal = fadedSine(frequencyHz, 1);
      const band = stereo(signal).bands[index]!;
      // 3.01 dB, plus 0.14 dB because the fade-in lowers the RMS.
      expect(Math.abs(band.crestFactorDb! - levelsOf(signal).crestDb)).toBeLessThan(0.1);
      // The peak drops by the LR4 band's gain at the sine: |HP| = r⁴/(1 + r⁴), r = f/low, times
      // |LP| = 1/(1 + r⁴), r = f/high (the top band's 20 kHz edge is not applied at 44.1 kHz).
      const { lowHz, highHz } = MASTERING_BANDS[index]!;
      const highPass = (frequencyHz / lowHz) ** 4 / (1 + (frequencyHz / lowHz) ** 4);
      const lowPass = highHz >= 0.8 * (RATE / 2) ? 1 : 1 / (1 + (frequencyHz / highHz) ** 4);
      const expectedDbfs = levelsOf(signal).peakDbfs + 20 * Math.log10(highPass * lowPass);
      // (Analog responses; the bilinear transform shifts them by < 0.25 dB below Nyquist/4. At
      // 11 kHz, 4 samples a period, sample peaks depend on the phase: not compared there.)
      if (frequencyHz < RATE / 8) expect(Math.abs(band.peakDbfs! - expectedDbfs)).toBeLessThan(0.25);
    });
  });

  it("reports per-band stereo figures from the band-limited channels", () => {
    // A 100 Hz sine in phase, a 10 kHz sine in anti-phase.
    const low = fadedSine(100, 1, 0.5);
    const high = fadedSine(10_000, 1, 0.3);
    const left = low.map((value, i) => value + high[i]!);
    const right = low.map((value, i) => value - high[i]!);
    const metrics = stereo(left, right);
    const byName = Object.fromEntries(metrics.bands.map((band) => [band.name, band]));
    expect(byName.low!.correlation!).toBeGreaterThan(0.999);
    expect(byName.low!.width!).toBeLessThan(0.001);
    expect(byName.low!.monoLossDb!).toBeLessThan(0.01);
    expect(byName.high!.correlation!).toBeLessThan(-0.999);
    expect(byName.high!.width!).toBeGreaterThan(0.999);
    expect(byName.high!.monoLossDb!).toBeGreaterThan(30);
  });

  it("places the one-third-octave curve's maximum in the band of a sine", () => {
    // At 63 Hz the band (14.6 Hz) is narrower than the sine's spectral main lobe (±2 bins of 10.8 Hz).
    for (const [frequencyHz, nominalHz, minimumDb] of [
      [63, 63, -3],
      [1000, 1000, -0.1],
      [5000, 5000, -0.1],
    ] as const) {
      const { nominalHz: labels, levelsDb } = stereo(fadedSine(frequencyHz, 1)).spectralBalance;
      expect(labels).toHaveLength(31);
      const levels = levelsDb.map((level) => level ?? Number.NEGATIVE_INFINITY);
      const loudest = levels.indexOf(Math.max(...levels));
      expect(labels[loudest]).toBe(nominalHz);
      expect(levels[loudest]!).toBeGreaterThan(minimumDb);
    }
  });
});

describe("masteringMetrics: dynamics and levels", () => {
  it("measures crest factors: sine 3.01 dB, square 0 dB", () => {
    expect(stereo(sine(1000, RATE, RATE, { amplitude: 0.5 })).crestFactorDb!).toBeCloseTo(3.01, 2);
    const square = sine(100, RATE, RATE).map((value) => (value >= 0 ? 0.5 : -0.5));
    expect(stereo(square).crestFactorDb!).toBeCloseTo(0, 6);
  });

  it("counts clipped runs and measures the DC offset through signal-statistics", () => {
    const clipped = sine(100, RATE, RATE, { amplitude: 2 }).map((value) => Math.max(-1, Math.min(1, value)));
    expect(stereo(clipped).levels.clippingEvents).toBe(2 * 200);
    const offset = sine(440, RATE, RATE, { amplitude: 0.3 }).map((value) => value + 0.05);
    expect(stereo(offset).levels.dcOffset).toBeCloseTo(0.05, 4);
  });

  it("computes the DR figure of blocks of known level", () => {
    // Ten 3-s blocks at 8 kHz of a 0.25 sine at fs/4 (samples 0, a, 0, −a: peak a, mean square
    // a²/2, so RMS_b = √(2·mean x²) = a); single-sample spikes of 0.9 and 1.0 replace zero
    // samples in blocks 3 and 7.
    const rate = 8000;
    const block = 3 * rate;
    const signal = sine(rate / 4, rate, 10 * block, { amplitude: 0.25 });
    signal[3 * block + 2] = 0.9;
    signal[7 * block + 2] = 1.0;
    const { dynamicRange } = stereo(signal, signal, rate);
    // The loudest 20 % = 2 blocks (3 and 7): RMS² = a² + 2·spike²/n; the second peak is 0.9.
    const topRms = Math.sqrt((0.25 ** 2 + (2 * 0.81) / block + 0.25 ** 2 + (2 * 1.0) / block) / 2);
    expect(dynamicRange.blockCount).toBe(10);
    expect(dynamicRange.drDb!).toBeCloseTo(20 * Math.log10(0.9 / topRms), 4);
    expect(dynamicRange.drRounded).toBe(11);
    expect(dynamicRange.channels[0]!.peakDbfs!).toBeCloseTo(20 * Math.log10(0.9), 6);
  });
});

describe("masteringMetrics: stereo image", () => {
  const noise = gaussianNoise(3 * RATE, 3, 0.2);

  it("reads identical channels as mono-compatible: correlation 1, width 0, no loss", () => {
    const { stereo: image } = stereo(noise, noise);
    expect(image.correlation).toBeCloseTo(1, 9);
    expect(image.width).toBeCloseTo(0, 9);
    expect(image.monoLossDb).toBeCloseTo(0, 9);
    expect(image.sideToMidDb).toBeNull();
  });

  it("reads L = −R as out of phase: correlation −1, width 1, total loss in mono", () => {
    const { stereo: image } = stereo(
      noise,
      noise.map((value) => -value),
    );
    expect(image.correlation).toBeCloseTo(-1, 9);
    expect(image.width).toBeCloseTo(1, 9);
    expect(image.monoLossDb).toBe(MONO_LOSS_CEILING_DB);
    expect(image.correlationPercentiles!.p95).toBeCloseTo(-1, 6);
  });

  it("reads independent noises as uncorrelated: correlation ≈ 0, width ≈ 0.5, 3 dB loss", () => {
    const { stereo: image } = stereo(noise, gaussianNoise(3 * RATE, 4, 0.2));
    expect(Math.abs(image.correlation!)).toBeLessThan(0.02);
    expect(image.width!).toBeCloseTo(0.5, 1);
    expect(image.monoLossDb!).toBeCloseTo(3.01, 1);
    // Blocks of 5 frames of 8192 samples: 0.93 s.
    expect(image.correlationSeries!.blockSeconds).toBeCloseTo((5 * 8192) / RATE, 9);
    expect(image.correlationSeries!.values).toHaveLength(4);
    expect(image.correlationPercentiles!.p50).toBeLessThan(0.05);
  });
});

describe("masteringMetrics: distortion and transients", () => {
  it("orders harmonic-distortion estimates and gets their size roughly right", () => {
    const estimate = (second: number, third: number) => {
      const tone = fadedSine(1000, 2, 0.5);
      const h2 = fadedSine(2000, 2, 0.5 * second);
      const h3 = fadedSine(3000, 2, 0.5 * third);
      const signal = tone.map((value, i) => value + h2[i]! + h3[i]!);
      return stereo(signal).harmonicDistortion;
    };
    const pure = estimate(0, 0);
    const slight = estimate(0.01, 0.005);
    const strong = estimate(0.1, 0.05);
    expect(pure.fundamentalHz!).toBeCloseTo(1000, 0);
    expect(pure.thdPercent!).toBeLessThan(0.01);
    expect(slight.thdPercent!).toBeCloseTo(100 * Math.hypot(0.01, 0.005), 1);
    expect(strong.thdPercent!).toBeCloseTo(100 * Math.hypot(0.1, 0.05), 0);
    expect(slight.harmonicsDb[0]!).toBeCloseTo(-40, 0);
  });

  it("measures the attack of tone bursts with a linear ramp as its 10 %→90 % rise (0.8 of the ramp)", () => {
    const { transients } = stereo(toneBursts(1000, 4, 0.05));
    expect(transients.onsetCount).toBe(4);
    expect(transients.attackTimeMs!).toBeCloseTo(40, -0.5);
  });

  it("counts the clicks of a click train as transients", () => {
    for (const ratePerSecond of [2, 4, 8]) {
      const clicks = clickTrain(60 * ratePerSecond, RATE, 4 * RATE, 0.1);
      const { transients } = stereo(clicks);
      expect(transients.densityPerSecond!).toBeCloseTo(ratePerSecond, 1);
    }
  });
});

describe("masteringMetrics: streaming and edge cases", () => {
  it("gives identical results for any chunking", () => {
    const length = 3 * RATE + 123;
    const left = gaussianNoise(length, 7, 0.1);
    const right = sine(220, RATE, length, { amplitude: 0.3 });
    const clicks = clickTrain(150, RATE, length);
    for (let i = 0; i < length; i++) left[i] = left[i]! + clicks[i]!;
    const whole = stereo(left, right);
    const random = createSeededRandom(9);
    for (const maxChunk of [1, 700, 5000, 100_000]) {
      const accumulator = createMasteringAccumulator({ sampleRate: RATE, channelCount: 2 });
      const scratch = [new Float32Array(maxChunk + 8), new Float32Array(maxChunk + 8)];
      // Small chunks cover the start only (one-sample chunks would make the test slow).
      const limit = maxChunk === 1 ? 20_000 : length;
      let from = 0;
      while (from < length) {
        const size = from < limit ? Math.min(length - from, randomInteger(random, 1, maxChunk)) : length - from;
        const buffers = from < limit ? scratch : [left.subarray(from), right.subarray(from)];
        if (from < limit) {
          // Reused, longer-than-needed arrays, as a decoder passes them.
          scratch[0]!.set(left.subarray(from, from + size));
          scratch[1]!.set(right.subarray(from, from + size));
        }
        accumulator.write(buffers, size);
        from += size;
      }
      expect(accumulator.result()).toEqual(whole);
    }
  });

  it("defines stereo figures for mono input and says so", () => {
    const metrics = masteringMetrics({ channels: [gaussianNoise(RATE, 1, 0.1)], sampleRate: RATE });
    expect(metrics.stereoSource).toBe("mono");
    expect(metrics.stereo).toMatchObject({ correlation: 1, width: 0, monoLossDb: 0, correlationSeries: null });
    expect(metrics.bands.every((band) => band.correlation === 1 && band.width === 0)).toBe(true);
    expect(metrics.notes.map((note) => note.code)).toContain("MONO_INPUT");
    expect(nonFinitePaths(metrics)).toEqual([]);
  });

  it("leaves correlation undefined (null, not NaN) when one channel is silent", () => {
    const metrics = stereo(gaussianNoise(RATE, 1, 0.1), new Float32Array(RATE));
    expect(metrics.stereo.correlation).toBeNull();
    expect(metrics.stereo.width!).toBeCloseTo(0.5, 6);
    expect(metrics.stereo.monoLossDb!).toBeCloseTo(3.01, 2);
    expect(metrics.bands.every((band) => band.correlation === null)).toBe(true);
    expect(metrics.notes.map((note) => note.code)).toContain("SILENT_CHANNEL");
    expect(nonFinitePaths(metrics)).toEqual([]);
  });

  it("returns a valid result with nulls for silence and for no samples at all", () => {
    for (const length of [0, 2 * RATE]) {
      const metrics = stereo(new Float32Array(length));
      expect(nonFinitePaths(metrics)).toEqual([]);
      expect(metrics.crestFactorDb).toBeNull();
      expect(metrics.dynamicRange.drDb).toBeNull();
      expect(metrics.stereo.correlation).toBeNull();
      expect(metrics.harmonicDistortion.thdPercent).toBeNull();
      expect(metrics.transients.onsetCount).toBe(0);
      expect(metrics.transients.attackTimeMs).toBeNull();
      expect(metrics.spectralBalance.levelsDb.every((level) => level === null)).toBe(true);
      for (const band of metrics.bands) {
        expect(band).toMatchObject({ energyShare: null, rmsDbfs: null, peakDbfs: null, crestFactorDb: null });
      }
      expect(metrics.notes.map((note) => note.code)).toContain(length === 0 ? "EMPTY" : "SILENT");
    }
  });

  it("works at 96 kHz (larger frames, the 20 kHz edge applied)", () => {
    const rate = 96_000;
    BAND_CENTRES_HZ.forEach((frequencyHz, index) => {
      const signal = fadedSine(frequencyHz, 0.5, 0.5, rate);
      const metrics = stereo(signal, signal, rate);
      expect(metrics.resolution.frameSize).toBe(16_384);
      expect(metrics.bands[index]!.energyShare!).toBeGreaterThanOrEqual(0.99);
      expect(Math.abs(metrics.bands[index]!.crestFactorDb! - levelsOf(signal).crestDb)).toBeLessThan(0.1);
    });
  });

  it("uses channels 0 and 1 for stereo figures and all channels for levels with 6 channels", () => {
    const front = gaussianNoise(RATE, 1, 0.1);
    const others = [2, 3, 4, 5].map((seed) => gaussianNoise(RATE, seed, 0.05));
    const metrics = masteringMetrics({ channels: [front, front, ...others], sampleRate: RATE });
    expect(metrics.stereoSource).toBe("front-pair");
    expect(metrics.stereo.correlation).toBeCloseTo(1, 9);
    expect(metrics.levels.channels).toHaveLength(6);
    expect(metrics.dynamicRange.channels).toHaveLength(6);
    expect(metrics.notes.map((note) => note.code)).toContain("FRONT_PAIR");
    expect(shares(metrics).reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 6);
    expect(nonFinitePaths(metrics)).toEqual([]);
  });

  it("counts NaN and infinite samples and reads them as silence elsewhere", () => {
    const samples = gaussianNoise(RATE, 1, 0.1);
    samples[100] = Number.NaN;
    samples[2000] = Number.POSITIVE_INFINITY;
    const metrics = stereo(samples);
    expect(metrics.levels.nonFiniteSamples).toBe(4);
    expect(metrics.notes.map((note) => note.code)).toContain("NON_FINITE_SAMPLES");
    expect(nonFinitePaths(metrics)).toEqual([]);
  });

  it("nulls bands above Nyquist at a low sample rate", () => {
    const metrics = masteringMetrics({ channels: [gaussianNoise(8000, 1, 0.1)], sampleRate: 8000 });
    const high = metrics.bands.find((band) => band.name === "high")!;
    expect(high).toMatchObject({ energyShare: 0, rmsDbfs: null, peakDbfs: null, crestFactorDb: null });
    expect(metrics.notes.map((note) => note.code)).toContain("BAND_ABOVE_NYQUIST");
    expect(nonFinitePaths(metrics)).toEqual([]);
  });

  it("can skip the crossover: band peaks and crests null, everything else unchanged", () => {
    const signal = gaussianNoise(RATE, 2, 0.1);
    const full = stereo(signal);
    const fast = masteringMetrics({ channels: [signal, signal], sampleRate: RATE }, { bandPeaks: false });
    expect(fast.bands.every((band) => band.peakDbfs === null && band.crestFactorDb === null)).toBe(true);
    expect(fast.notes.map((note) => note.code)).toContain("BAND_PEAKS_OFF");
    expect(fast.bands.map((band) => band.energyShare)).toEqual(full.bands.map((band) => band.energyShare));
    expect(fast.dynamicRange).toEqual(full.dynamicRange);
  });

  it("rejects bad options and bad writes with named errors", () => {
    expect(() => createMasteringAccumulator({ sampleRate: 0, channelCount: 2 })).toThrow(/sampleRate/);
    expect(() => createMasteringAccumulator({ sampleRate: RATE, channelCount: 0 })).toThrow(/channelCount/);
    expect(() => createMasteringAccumulator({ sampleRate: RATE, channelCount: 1, frameSize: 1000 })).toThrow(
      /frameSize/,
    );
    expect(() =>
      createMasteringAccumulator({
        sampleRate: RATE,
        channelCount: 1,
        bands: [
          { name: "a", lowHz: 100, highHz: 300 },
          { name: "b", lowHz: 200, highHz: 400 },
        ],
      }),
    ).toThrow(/non-overlapping/);
    const accumulator = createMasteringAccumulator({ sampleRate: RATE, channelCount: 2 });
    expect(() => accumulator.write([new Float32Array(10)], 10)).toThrow(/expected 2 channels/);
    expect(() => accumulator.write([new Float32Array(5), new Float32Array(10)], 10)).toThrow(/holds 5/);
    accumulator.result();
    expect(() => accumulator.write([new Float32Array(1), new Float32Array(1)], 1)).toThrow(/after result/);
  });
});
