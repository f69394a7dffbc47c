import { describe, expect, it } from "vitest";
import { createRealFft } from "../core/dsp/real-fft.js";
import { SHAPE_TOTAL } from "../core/dsp/spectrum-frame-kernels.js";
import { spectrumMagnitudes } from "../core/dsp/spectrum-magnitudes.js";
import { createStreamingStft } from "../core/dsp/stft-framer.js";
import { createWindow } from "../core/dsp/windows.js";
import { createMelSpectrogram } from "../core/features/mel-spectrogram.js";
import { mfcc } from "../core/features/mfcc.js";
import { createSpectralContrast } from "../core/features/spectral-contrast.js";
import { createSpectralPeakPicker } from "../core/features/spectral-peaks.js";
import { createSpectralShape, createSpectralShapeFromSums } from "../core/features/spectral-shape.js";
import { createHighBandFlux } from "../core/rhythm/high-band-flux.js";
import { createLogFilterbank, logCompressBands, logFilterFrame } from "../core/rhythm/log-filterbank.js";
import { createRegionOnsetStrengths } from "../core/rhythm/onset-strength.js";
import { mixChannelsInto } from "../core/signal/mix-to-mono.js";
import { createSignalStatisticsAccumulator } from "../core/signal/signal-statistics.js";
import { createSeededRandom, randomInteger } from "../core/test-helpers/seeded-random.js";
import { sumOfSines, whiteNoise } from "../core/test-helpers/signals.js";
import {
  wasmChannelBlockKernels,
  wasmFoldedDct,
  wasmRhythmSpectrumKernel,
  wasmTonalSpectrumKernel,
} from "./wasm-spectrum-kernels.js";

/** Index of the first value that differs bit for bit (any NaN equals any NaN), or −1. */
function firstDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Math.min(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const b = expected[i]!;
    if (Number.isNaN(a) && Number.isNaN(b)) continue;
    if (!Object.is(a, b)) return i;
  }
  return -1;
}

/** The Float32 value next to `value` (a Float32 value ≥ 0) upwards (+1) or downwards (−1). */
function nextFloat32(value: number, direction: 1 | -1): number {
  const bits = new Uint32Array(new Float32Array([value]).buffer)[0]!;
  if (value === 0) return direction > 0 ? 1.401298464324817e-45 : -1.401298464324817e-45;
  return new Float32Array(new Uint32Array([bits + direction]).buffer)[0]!;
}

/** Spectra (interleaved, frameSize + 2 each) of a signal's Hann-windowed STFT frames. */
function spectraOf(signal: Float32Array, frameSize: number, hopSize: number): Float32Array[] {
  const spectra: Float32Array[] = [];
  const stft = createStreamingStft(
    { frameSize, hopSize, center: true, padMode: "reflect", window: "hann", fft: createRealFft(frameSize) },
    (_t, spectrum) => spectra.push(spectrum.slice()),
  );
  stft.push(signal);
  stft.finish();
  return spectra;
}

/** Test spectra: tones over noise, loud noise, silence, a NaN bin, an overflowing bin, ties. */
function testSpectra(frameSize: number, sampleRate: number): Float32Array[] {
  const length = sampleRate;
  const tones = sumOfSines(
    [110, 220, 440.5, 1234, 3000, 7000].map((hz) => [hz, 1] as const),
    sampleRate,
    length,
  );
  const noise = whiteNoise(length, 3, 0.05);
  const signal = tones.map((value, i) => 0.2 * value + noise[i]!);
  const spectra = spectraOf(signal, frameSize, frameSize).slice(0, 12);
  spectra.push(...spectraOf(whiteNoise(frameSize * 2, 8), frameSize, frameSize));
  spectra.push(new Float32Array(frameSize + 2));
  const withNaN = spectra[2]!.slice();
  withNaN[2 * 37] = Number.NaN;
  spectra.push(withNaN);
  const huge = spectra[3]!.slice();
  for (let k = 0; k < 40; k++) huge[2 * (100 + k)] = 1e30;
  spectra.push(huge);
  spectra.push(new Float32Array(frameSize + 2).fill(0.5));
  const rounded = spectra[4]!.map((value) => Math.round(value * 4) / 4);
  spectra.push(rounded);
  return spectra;
}

describe("wasmTonalSpectrumKernel", () => {
  const factory = wasmTonalSpectrumKernel();

  it("loads on this Node (WebAssembly SIMD)", () => {
    expect(factory).not.toBeNull();
  });

  for (const [sampleRate, frameSize] of [
    [22_050, 2048],
    [16_000, 1024],
    [44_100, 4096],
  ] as const) {
    it(`gives every tonal sum bit for bit as the TypeScript loops (${frameSize} at ${sampleRate} Hz)`, () => {
      const bins = (frameSize >> 1) + 1;
      const shape = createSpectralShape({ sampleRate, frameSize });
      const shapeFromSums = createSpectralShapeFromSums({ sampleRate, frameSize });
      const mel = createMelSpectrogram(sampleRate, frameSize);
      const contrast = createSpectralContrast({ sampleRate, frameSize });
      const picker = createSpectralPeakPicker({ sampleRate, frameSize });
      const kernel = factory!({
        bins,
        window: createWindow("hann", frameSize),
        rolloffFraction: 0.85,
        flatnessAmin: 1e-10,
        melStartBin: mel.filterbank.startBin,
        melWeightOffset: mel.filterbank.weightOffset,
        melWeights: mel.filterbank.weights,
        contrastStart: contrast.start,
        contrastEnd: contrast.end,
        contrastCount: contrast.count,
        peakFrom: picker.firstBin,
        peakThrough: picker.lastBin,
        peakFloor: picker.floor,
      });
      const series = () => ({
        centroidHz: new Float32Array(1),
        bandwidthHz: new Float32Array(1),
        rolloffHz: new Float32Array(1),
        flatness: new Float32Array(1),
      });
      const peaksOf = () => ({
        frequencies: new Float32Array(picker.maxPeaksPerFrame),
        magnitudes: new Float32Array(picker.maxPeaksPerFrame),
        midiPitches: new Float32Array(picker.maxPeaksPerFrame),
      });
      for (const spectrum of testSpectra(frameSize, sampleRate)) {
        const magnitudes = new Float32Array(bins);
        spectrumMagnitudes(spectrum, bins, magnitudes);
        kernel.spectrum.set(spectrum);
        const found = kernel.run();
        expect(firstDifference(kernel.magnitudes, magnitudes)).toBe(-1);

        const expectedShape = series();
        const actualShape = series();
        shape(magnitudes, 0, expectedShape, 0);
        shapeFromSums(kernel.shape, kernel.flatnessProducts, kernel.magnitudes, 0, actualShape, 0);
        for (const key of ["centroidHz", "bandwidthHz", "rolloffHz", "flatness"] as const) {
          expect(firstDifference(actualShape[key], expectedShape[key]), key).toBe(-1);
        }

        const expectedMel = new Float32Array(mel.filterbank.melBands);
        mel.frame(magnitudes, 0, expectedMel, 0);
        expect(firstDifference(kernel.mel, expectedMel)).toBe(-1);

        const peaks = new Float32Array(contrast.bands);
        const valleys = new Float32Array(contrast.bands);
        contrast.frame(magnitudes, 0, peaks, valleys, 0);
        expect(firstDifference(kernel.contrastPeaks, peaks)).toBe(-1);
        expect(firstDifference(kernel.contrastValleys, valleys)).toBe(-1);

        const expectedPeaks = peaksOf();
        const actualPeaks = peaksOf();
        const expectedCount = picker.pick(
          magnitudes,
          0,
          expectedPeaks.frequencies,
          expectedPeaks.magnitudes,
          expectedPeaks.midiPitches,
          0,
        );
        const actualCount = picker.pickCandidates(
          kernel.magnitudes,
          0,
          kernel.candidateBins,
          kernel.candidateMagnitudes,
          found,
          actualPeaks.frequencies,
          actualPeaks.magnitudes,
          actualPeaks.midiPitches,
          0,
        );
        expect(actualCount).toBe(expectedCount);
        for (const key of ["frequencies", "magnitudes", "midiPitches"] as const) {
          expect(firstDifference(actualPeaks[key], expectedPeaks[key]), key).toBe(-1);
        }
      }
    });
  }

  it("compares peaks with a floor between two Float32 values exactly as the Float64 comparison", () => {
    const mel = createMelSpectrogram(22_050, 2048);
    const contrast = createSpectralContrast({ sampleRate: 22_050, frameSize: 2048 });
    for (const floor of [0.1, 0.3, 0, 1e-40, 1 / 3]) {
      const kernel = factory!({
        bins: 1025,
        window: createWindow("hann", 2048),
        rolloffFraction: 0.85,
        flatnessAmin: 1e-10,
        melStartBin: mel.filterbank.startBin,
        melWeightOffset: mel.filterbank.weightOffset,
        melWeights: mel.filterbank.weights,
        contrastStart: contrast.start,
        contrastEnd: contrast.end,
        contrastCount: contrast.count,
        peakFrom: 3,
        peakThrough: 1000,
        peakFloor: floor,
      });
      // Peaks of exactly the Float32 values around the floor (|re| is the magnitude exactly).
      const nearest = Math.fround(floor);
      const candidates = [
        nearest,
        nextFloat32(nearest, 1),
        nextFloat32(nearest, -1),
        nextFloat32(nextFloat32(nearest, 1), 1),
      ];
      kernel.spectrum.fill(0);
      candidates.forEach((value, i) => {
        for (let copy = 0; copy < 8; copy++) kernel.spectrum[2 * (10 + 7 * i + 40 * copy + (copy % 4))] = value;
      });
      const found = kernel.run();
      const expected: number[] = [];
      for (let j = 3; j <= 1000; j++) {
        const beta = kernel.magnitudes[j]!;
        if (beta > floor && beta > kernel.magnitudes[j - 1]! && beta >= kernel.magnitudes[j + 1]!) expected.push(j);
      }
      expect(Array.from(kernel.candidateBins.subarray(0, found)), `floor ${floor}`).toEqual(expected);
    }
  });

  it("reads NaN as the TypeScript loops do: shape NaN, contrast by the bin-order loop", () => {
    const mel = createMelSpectrogram(22_050, 2048);
    const contrast = createSpectralContrast({ sampleRate: 22_050, frameSize: 2048 });
    const kernel = factory!({
      bins: 1025,
      window: createWindow("hann", 2048),
      rolloffFraction: 0.85,
      flatnessAmin: 1e-10,
      melStartBin: mel.filterbank.startBin,
      melWeightOffset: mel.filterbank.weightOffset,
      melWeights: mel.filterbank.weights,
      contrastStart: contrast.start,
      contrastEnd: contrast.end,
      contrastCount: contrast.count,
      peakFrom: 4,
      peakThrough: 400,
      peakFloor: 0,
    });
    const random = createSeededRandom(4);
    kernel.spectrum.set(kernel.spectrum.map(() => random()));
    for (const bin of [0, 19, 300, 700]) kernel.spectrum[2 * bin] = Number.NaN;
    kernel.run();
    expect(Number.isNaN(kernel.shape[SHAPE_TOTAL]!)).toBe(true);
    const peaks = new Float32Array(contrast.bands);
    const valleys = new Float32Array(contrast.bands);
    contrast.frame(kernel.magnitudes, 0, peaks, valleys, 0);
    expect(firstDifference(kernel.contrastPeaks, peaks)).toBe(-1);
    expect(firstDifference(kernel.contrastValleys, valleys)).toBe(-1);
  });
});

describe("the spectrum kernels' windowing", () => {
  it("gives the streaming STFT the same spectra as the TypeScript windowing, for any chunking", () => {
    const frameSize = 1024;
    const bank = createLogFilterbank({ sampleRate: 22_050, frameSize });
    const kernel = wasmRhythmSpectrumKernel()!({
      bins: frameSize / 2 + 1,
      window: createWindow("hann", frameSize),
      bankFirstBin: bank.firstBin,
      bankWeightOffset: bank.weightOffset,
      bankWeights: bank.weights,
      bandRegion: new Int32Array(bank.bands),
      regions: 1,
      lag: 1,
      radius: 1,
    });
    const signal = whiteNoise(9000, 5);
    const run = (accelerated: boolean) => {
      const spectra: Float32Array[] = [];
      const frames: Float32Array[] = [];
      const stft = createStreamingStft(
        {
          frameSize,
          hopSize: 256,
          center: true,
          padMode: "reflect",
          window: "hann",
          fft: createRealFft(frameSize),
          windowKernel: accelerated ? kernel : undefined,
        },
        (_t, spectrum, frame) => {
          spectra.push(spectrum.slice());
          frames.push(frame.slice());
        },
      );
      const random = createSeededRandom(accelerated ? 1 : 2);
      for (let from = 0; from < signal.length; ) {
        const to = Math.min(signal.length, from + randomInteger(random, 1, 3000));
        stft.push(signal.subarray(from, to));
        from = to;
      }
      stft.finish();
      return { spectra, frames };
    };
    const plain = run(false);
    const accelerated = run(true);
    expect(accelerated.spectra.length).toBe(plain.spectra.length);
    for (const [t, spectrum] of plain.spectra.entries()) {
      expect(firstDifference(accelerated.spectra[t]!, spectrum), `frame ${t}`).toBe(-1);
      expect(firstDifference(accelerated.frames[t]!, plain.frames[t]!), `frame ${t}`).toBe(-1);
    }
  });

  it("refuses a kernel whose window is not the STFT's", () => {
    const bank = createLogFilterbank({ sampleRate: 22_050, frameSize: 1024 });
    const kernel = wasmRhythmSpectrumKernel()!({
      bins: 513,
      window: createWindow("hamming", 1024),
      bankFirstBin: bank.firstBin,
      bankWeightOffset: bank.weightOffset,
      bankWeights: bank.weights,
      bandRegion: new Int32Array(bank.bands),
      regions: 1,
      lag: 1,
      radius: 1,
    });
    const options = {
      frameSize: 1024,
      hopSize: 256,
      center: true,
      padMode: "reflect" as const,
      window: "hann" as const,
    };
    expect(() => createStreamingStft({ ...options, windowKernel: kernel }, () => {})).toThrow(/windowKernel.window/);
  });
});

describe("wasmRhythmSpectrumKernel", () => {
  const factory = wasmRhythmSpectrumKernel();

  for (const [lag, maxFilterBins] of [
    [1, 3],
    [2, 1],
    [1, 5],
  ] as const) {
    it(`gives the log-filtered bands and region SuperFlux bit for bit (lag ${lag}, max filter ${maxFilterBins})`, () => {
      const sampleRate = 22_050;
      const frameSize = 1024;
      const bins = frameSize / 2 + 1;
      const bank = createLogFilterbank({ sampleRate, frameSize });
      const edges = [0, 5, 20, 61, 90, bank.bands];
      const regions = createRegionOnsetStrengths(bank.bands, edges, { lag, maxFilterBins });
      const kernel = factory!({
        bins,
        window: createWindow("hann", frameSize),
        bankFirstBin: bank.firstBin,
        bankWeightOffset: bank.weightOffset,
        bankWeights: bank.weights,
        bandRegion: regions.bandRegion,
        regions: regions.regions,
        lag: regions.lag,
        radius: regions.radius,
      });
      const magnitudes = new Float32Array(bins);
      const expectedBands = new Float32Array(bank.bands);
      const expectedFlux = new Float32Array(regions.regions);
      const actualFlux = new Float32Array(regions.regions);
      for (const spectrum of testSpectra(frameSize, sampleRate)) {
        spectrumMagnitudes(spectrum, bins, magnitudes);
        logFilterFrame(magnitudes, 0, bank, 100, expectedBands, 0);
        regions.frame(expectedBands, 0, expectedFlux, 0);
        kernel.spectrum.set(spectrum);
        kernel.filter();
        kernel.compress(100);
        kernel.flux();
        const sums = kernel.regionSums;
        for (let r = 0; r < sums.length; r++) actualFlux[r] = Number.isFinite(sums[r]!) ? sums[r]! : 0;
        expect(firstDifference(kernel.logBands, expectedBands)).toBe(-1);
        expect(firstDifference(actualFlux, expectedFlux)).toBe(-1);
      }
    });
  }
});

describe("wasmRhythmSpectrumKernel's compression", () => {
  it("gives logCompressBands' bands bit for bit (Math.log10) for any band sums, odd band counts too", () => {
    const sampleRate = 22_050;
    const frameSize = 1024;
    const bank = createLogFilterbank({ sampleRate, frameSize });
    const regions = createRegionOnsetStrengths(bank.bands, [0, bank.bands]);
    const kernel = wasmRhythmSpectrumKernel()!({
      bins: frameSize / 2 + 1,
      window: createWindow("hann", frameSize),
      bankFirstBin: bank.firstBin,
      bankWeightOffset: bank.weightOffset,
      bankWeights: bank.weights,
      bandRegion: regions.bandRegion,
      regions: regions.regions,
      lag: regions.lag,
      radius: regions.radius,
    });
    expect(bank.bands % 4).not.toBe(0); // the scalar tail runs too
    const special = [0, -0, 1e-300, 5e-324, -0.01, -1, 2 ** -30, 1e-7, 1, 1e30, Infinity, -Infinity, Number.NaN];
    const random = createSeededRandom(5);
    const expected = new Float32Array(bank.bands);
    for (let round = 0; round < 2000; round++) {
      for (let b = 0; b < bank.bands; b++) {
        kernel.bandSums[b] =
          round % 10 === 0
            ? special[(b + round) % special.length]!
            : 10 ** (12 * random() - 9) * (random() < 0.1 ? 0 : 1);
      }
      for (const multiplier of [100, 1, 0.37]) {
        logCompressBands(kernel.bandSums, multiplier, expected);
        kernel.compress(multiplier);
        expect(firstDifference(kernel.logBands, expected), `round ${round}, λ ${multiplier}`).toBe(-1);
      }
    }
  });
});

describe("wasmFoldedDct", () => {
  const factory = wasmFoldedDct();

  it("gives the MFCCs bit for bit for even and odd band counts and any coefficient count", () => {
    const random = createSeededRandom(11);
    for (const [melBands, coefficients] of [
      [128, 20],
      [127, 13],
      [40, 1],
      [40, 2],
      [41, 3],
      [26, 26],
    ] as const) {
      const frames = 9;
      const data = new Float32Array(frames * melBands).map(() => random() ** 4 * 10);
      data.fill(0, melBands, 2 * melBands); // a silent frame
      data[5 * melBands + 3] = Number.NaN;
      const melPower = { frames, bins: melBands, hopSize: 512, frameSize: 2048, sampleRate: 22_050, data };
      const expected = mfcc(melPower, { coefficients }).data;
      const actual = mfcc(melPower, { coefficients }, undefined, factory!).data;
      expect(firstDifference(actual, expected), `${melBands} bands, ${coefficients} coefficients`).toBe(-1);
    }
  });
  it("takes the levels as mfcc does near the floor, at subnormals, ties with amin, without topDb and with ∞", () => {
    const random = createSeededRandom(12);
    const special = [1e-10, 1.0000000133e-10, 9.99e-11, 1e-45, 1e-38, 0, 1, 1 + 2 ** -23, 2, 0.5, 1e30, 1e-20];
    for (const melBands of [128, 37]) {
      const frames = 40;
      const data = new Float32Array(frames * melBands).map((_, i) =>
        i % 3 === 0 ? special[i % special.length]! : 10 ** (14 * random() - 12),
      );
      const melPower = { frames, bins: melBands, hopSize: 512, frameSize: 2048, sampleRate: 22_050, data };
      for (const topDb of [80, null, 300]) {
        const expected = mfcc(melPower, { topDb }).data;
        const actual = mfcc(melPower, { topDb }, undefined, factory!).data;
        expect(firstDifference(actual, expected), `${melBands} bands, topDb ${topDb}`).toBe(-1);
      }
      data[7] = Number.POSITIVE_INFINITY;
      data[melBands + 2] = Number.NaN;
      const expected = mfcc(melPower, { topDb: null }).data;
      const actual = mfcc(melPower, { topDb: null }, undefined, factory!).data;
      expect(firstDifference(actual, expected), `${melBands} bands with ∞ and NaN`).toBe(-1);
    }
  });
});

describe("wasmChannelBlockKernels", () => {
  const factory = wasmChannelBlockKernels();

  /** A stereo test signal: tones, noise, a clipped stretch, a NaN and an infinity. */
  function testChannels(length: number, channelCount: number): Float32Array[] {
    return Array.from({ length: channelCount }, (_, c) => {
      const tones = sumOfSines(
        [
          [97 + c, 1],
          [5000, 0.5],
          [15_000, 0.2],
        ],
        44_100,
        length,
      );
      const noise = whiteNoise(length, 20 + c, 0.1);
      const samples = tones.map((value, i) => 0.3 * value + noise[i]!);
      samples.fill(1, 10_000, 10_040);
      samples.fill(-1, 20_000 + c, 20_007);
      samples[30_000 + c] = Number.NaN;
      samples[40_000] = Number.POSITIVE_INFINITY;
      return samples;
    });
  }

  for (const channelCount of [1, 2, 3]) {
    it(`gives level statistics, mono mix and high-band flux bit for bit (${channelCount} channels)`, () => {
      const length = 70_000;
      const channels = testChannels(length, channelCount);
      const kernels = factory!(channelCount, 4096);
      const expectedLevels = createSignalStatisticsAccumulator(channelCount);
      const actualLevels = createSignalStatisticsAccumulator(channelCount, {}, kernels);
      const hop = { hopSeconds: 256 / 22_050 };
      const expectedFlux = createHighBandFlux(44_100, hop);
      const actualFlux = createHighBandFlux(44_100, hop, kernels);
      const expectedMono = new Float32Array(length);
      const actualMono = new Float32Array(length);
      const random = createSeededRandom(channelCount);
      for (let from = 0; from < length; ) {
        const to = Math.min(length, from + randomInteger(random, 1, 4096));
        const size = to - from;
        const parts = channels.map((samples) => samples.subarray(from, to));
        expectedLevels.push(parts, size);
        mixChannelsInto(parts, size, expectedMono.subarray(from, to));
        expectedFlux.push(expectedMono.subarray(from, to));
        for (const [c, part] of parts.entries()) kernels.channels[c]!.set(part);
        actualLevels.push(kernels.channels, size);
        kernels.mix(size);
        actualMono.set(kernels.mono.subarray(0, size), from);
        actualFlux.push(kernels.mono.subarray(0, size));
        from = to;
      }
      expect(actualLevels.result()).toEqual(expectedLevels.result());
      expect(firstDifference(actualMono, expectedMono)).toBe(-1);
      expect(firstDifference(actualFlux.finish(300), expectedFlux.finish(300))).toBe(-1);
    });
  }

  it("refuses blocks longer than its capacity", () => {
    const kernels = factory!(2, 16);
    expect(() => kernels.mix(17)).toThrow(/length must be an integer in \[0, 16\]/);
  });
});
