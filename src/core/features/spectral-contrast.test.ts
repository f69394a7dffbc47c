import { describe, expect, it } from "vitest";
import { magnitudeSpectrogram, type Spectrogram } from "../dsp/spectrogram.js";
import { stft } from "../dsp/stft.js";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import { sumOfSines, whiteNoise } from "../test-helpers/signals.js";
import { createSpectralContrast, spectralContrast } from "./spectral-contrast.js";

const rate = 22050;

/** librosa.feature.spectral_contrast (0.10) transcribed step by step, with full sorts. */
function referenceContrast(magnitude: Spectrogram): number[][] {
  const { frames, bins, frameSize } = magnitude;
  const frequencies = Array.from({ length: bins }, (_, k) => (k * rate) / frameSize);
  const octaves = [0, 200, 400, 800, 1600, 3200, 6400, 12800];
  const peaks: number[][] = [];
  const valleys: number[][] = [];
  for (let t = 0; t < frames; t++) {
    const frame = Array.from(magnitude.data.subarray(t * bins, (t + 1) * bins));
    peaks.push([]);
    valleys.push([]);
    for (let k = 0; k < 7; k++) {
      const band = frequencies.map((f) => f >= octaves[k]! && f <= octaves[k + 1]!);
      const indices = band.flatMap((inside, i) => (inside ? [i] : []));
      if (k > 0) band[indices[0]! - 1] = true;
      if (k === 6) for (let i = indices[indices.length - 1]! + 1; i < bins; i++) band[i] = true;
      let sub = frame.filter((_, i) => band[i]);
      if (k < 6) sub = sub.slice(0, -1);
      const inBand = band.filter(Boolean).length;
      const raw = 0.02 * inBand;
      const rounded = raw % 1 === 0.5 ? 2 * Math.round(raw / 2) : Math.round(raw);
      const count = Math.max(rounded, 1);
      const sorted = sub.sort((a, b) => a - b);
      valleys[t]!.push(sorted.slice(0, count).reduce((sum, value) => sum + value, 0) / count);
      peaks[t]!.push(sorted.slice(-count).reduce((sum, value) => sum + value, 0) / count);
    }
  }
  const toDb = (matrix: number[][]) => {
    const db = matrix.map((row) => row.map((value) => 10 * Math.log10(Math.max(1e-10, value))));
    const top = Math.max(...db.flat());
    return db.map((row) => row.map((value) => Math.max(value, top - 80)));
  };
  const peakDb = toDb(peaks);
  const valleyDb = toDb(valleys);
  return peakDb.map((row, t) => row.map((value, k) => value - valleyDb[t]![k]!));
}

describe("spectralContrast (librosa.feature.spectral_contrast)", () => {
  it("matches librosa's algorithm on random spectra and on music-like signals", () => {
    const random = createSeededRandom(9);
    const data = Float32Array.from({ length: 4 * 1025 }, () => random() ** 3);
    const randomSpectra: Spectrogram = { frames: 4, bins: 1025, hopSize: 512, frameSize: 2048, sampleRate: rate, data };
    const tones = sumOfSines(
      [
        [220, 0.3],
        [660, 0.2],
        [2500, 0.1],
      ],
      rate,
      8192,
    );
    const noise = whiteNoise(8192, 2, 0.01);
    for (let i = 0; i < tones.length; i++) tones[i]! += noise[i]!;
    for (const magnitude of [randomSpectra, magnitudeSpectrogram(stft(tones, rate))]) {
      const result = spectralContrast(magnitude);
      const reference = referenceContrast(magnitude);
      expect(result.bins).toBe(7);
      for (let t = 0; t < magnitude.frames; t++) {
        for (let k = 0; k < 7; k++)
          expect([t, k, result.data[t * 7 + k]!]).toEqual([t, k, expect.closeTo(reference[t]![k]!, 3)]);
      }
    }
  });

  it("is high in bands holding a tone and low for white noise; 0 dB for silence", () => {
    const tone = spectralContrast(magnitudeSpectrogram(stft(sumOfSines([[1000, 0.5]], rate, rate), rate)));
    const noise = spectralContrast(magnitudeSpectrogram(stft(whiteNoise(rate, 4, 0.5), rate)));
    const middle = 10 * 7;
    expect(tone.data[middle + 3]!).toBeGreaterThan(50); // 800–1600 Hz band holds the tone
    for (let k = 2; k < 7; k++) expect(noise.data[middle + k]!).toBeLessThan(30);
    const silence = spectralContrast(magnitudeSpectrogram(stft(new Float32Array(4096), rate)));
    expect(silence.data.every((value) => value === 0)).toBe(true);
  });

  it("rejects bands above Nyquist and bands without bins", () => {
    expect(() => createSpectralContrast({ sampleRate: 8000, frameSize: 2048 })).toThrow(/Nyquist/);
    expect(() => createSpectralContrast({ sampleRate: rate, frameSize: 16 })).toThrow(/no bin|fewer bins/);
    expect(() => createSpectralContrast({ sampleRate: rate, frameSize: 2048, quantile: 0 })).toThrow(/quantile/);
    expect(createSpectralContrast({ sampleRate: rate, frameSize: 2048, octaveBands: 3 }).bands).toBe(4);
  });
});
