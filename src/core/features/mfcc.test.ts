import { describe, expect, it } from "vitest";
import type { Spectrogram } from "../dsp/spectrogram.js";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import { dctIIOrthonormal, mfcc } from "./mfcc.js";

function melMatrix(frames: number, bands: number, value: (t: number, b: number) => number): Spectrogram {
  const data = new Float32Array(frames * bands);
  for (let t = 0; t < frames; t++) for (let b = 0; b < bands; b++) data[t * bands + b] = value(t, b);
  return { frames, bins: bands, hopSize: 512, frameSize: 2048, sampleRate: 22050, data };
}

/** librosa.feature.mfcc written out directly: power_to_db (top_db 80), then scipy's DCT-II ortho. */
function referenceMfcc(mel: Spectrogram, coefficients: number): Float64Array {
  const { frames, bins } = mel;
  const levels = Array.from(mel.data, (value) => 10 * Math.log10(Math.max(1e-10, value)));
  const floor = Math.max(...levels) - 80;
  const out = new Float64Array(frames * coefficients);
  for (let t = 0; t < frames; t++) {
    for (let k = 0; k < coefficients; k++) {
      let sum = 0;
      for (let n = 0; n < bins; n++) {
        sum += Math.max(levels[t * bins + n]!, floor) * Math.cos((Math.PI * k * (2 * n + 1)) / (2 * bins));
      }
      out[t * coefficients + k] = sum * Math.sqrt((k === 0 ? 1 : 2) / bins);
    }
  }
  return out;
}

describe("mfcc", () => {
  it("has an orthonormal DCT-II basis", () => {
    const basis = dctIIOrthonormal(16, 16);
    for (let i = 0; i < 16; i++) {
      for (let j = 0; j < 16; j++) {
        let dot = 0;
        for (let n = 0; n < 16; n++) dot += basis[i * 16 + n]! * basis[j * 16 + n]!;
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 5);
      }
    }
  });

  it.each([128, 41])("matches librosa's definition on random mel spectra (%i bands)", (bands) => {
    const random = createSeededRandom(bands);
    const mel = melMatrix(6, bands, () => random() ** 8 * 50);
    const result = mfcc(mel);
    const reference = referenceMfcc(mel, 20);
    expect(result.bins).toBe(20);
    for (let i = 0; i < reference.length; i++) expect(result.data[i]!).toBeCloseTo(reference[i]!, 2);
  });

  it("reads digital silence as −100 dB in every band: c0 = −100·√bands, the rest 0", () => {
    const result = mfcc(melMatrix(3, 128, () => 0));
    for (let t = 0; t < 3; t++) {
      expect(result.data[t * 20]!).toBeCloseTo(-100 * Math.sqrt(128), 3);
      for (let k = 1; k < 20; k++) expect(Math.abs(result.data[t * 20 + k]!)).toBeLessThan(1e-3);
    }
  });

  it("keeps only 80 dB below the loudest cell unless topDb is null", () => {
    const mel = melMatrix(2, 8, (t) => (t === 0 ? 1 : 1e-12));
    const clamped = mfcc(mel, { coefficients: 1 });
    expect(clamped.data[1]!).toBeCloseTo(-80 * Math.sqrt(8), 3);
    expect(mfcc(mel, { coefficients: 1, topDb: null }).data[1]!).toBeCloseTo(-100 * Math.sqrt(8), 3);
  });

  it("handles no frames and NaN, and rejects bad options", () => {
    expect(mfcc(melMatrix(0, 128, () => 0)).data.length).toBe(0);
    const withNan = mfcc(
      melMatrix(2, 16, (t, b) => (t === 1 && b === 3 ? Number.NaN : 1)),
      { coefficients: 4 },
    );
    expect(withNan.data.slice(0, 4).every(Number.isFinite)).toBe(true);
    expect(Number.isNaN(withNan.data[4]!)).toBe(true);
    expect(() =>
      mfcc(
        melMatrix(1, 16, () => 1),
        { coefficients: 17 },
      ),
    ).toThrow(/coefficients/);
    expect(() =>
      mfcc(
        melMatrix(1, 16, () => 1),
        { coefficients: 4, amin: 0 },
      ),
    ).toThrow(/amin/);
  });
});
