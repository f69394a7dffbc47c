import { describe, expect, it } from "vitest";
import { sine } from "../test-helpers/signals.js";
import {
  applyMelFilterbank,
  createMelFilterbank,
  hzToMel,
  type MelFilterbank,
  melFrequencies,
  melToHz,
} from "./mel.js";
import { binFrequency, powerSpectrogram, type Spectrogram } from "./spectrogram.js";
import { stft } from "./stft.js";

function bandWeights(filterbank: MelFilterbank, band: number): Float32Array {
  return filterbank.weights.subarray(filterbank.weightOffset[band]!, filterbank.weightOffset[band + 1]!);
}

describe("mel scale", () => {
  it("matches librosa's documented values (source: librosa.hz_to_mel / mel_to_hz docs)", () => {
    expect(hzToMel(1000)).toBeCloseTo(15, 10);
    expect(hzToMel(60)).toBeCloseTo(0.9, 10);
    expect(hzToMel(440)).toBeCloseTo(6.6, 10);
    expect(melToHz(3)).toBeCloseTo(200, 10);
    // Slaney above 1 kHz: 27 mels per factor 6.4.
    expect(hzToMel(6400)).toBeCloseTo(42, 10);
    // HTK: 2595·log10(1 + f/700); 1000 Hz ≈ 1000 mel by construction.
    expect(hzToMel(1000, "htk")).toBeCloseTo(999.9855, 3);
    expect(hzToMel(700, "htk")).toBeCloseTo(2595 * Math.log10(2), 10);
  });

  it.each(["slaney", "htk"] as const)("%s: melToHz inverts hzToMel from 0 to 20 kHz", (scale) => {
    for (let frequency = 0; frequency <= 20000; frequency += 137) {
      expect(melToHz(hzToMel(frequency, scale), scale)).toBeCloseTo(frequency, 6);
    }
    expect(Number.isNaN(hzToMel(Number.NaN, scale))).toBe(true);
  });

  it("spaces points evenly in mel", () => {
    const points = melFrequencies(5, 0, 8000, "htk");
    expect(points[0]).toBe(0);
    expect(points[4]).toBeCloseTo(8000, 6);
    const step = hzToMel(points[1]!, "htk");
    for (let i = 1; i < 5; i++) expect(hzToMel(points[i]!, "htk")).toBeCloseTo(i * step, 6);
  });
});

describe("createMelFilterbank", () => {
  it.each(["slaney", "htk"] as const)("%s: bands are triangles peaking at their centre", (scale) => {
    const filterbank = createMelFilterbank({ sampleRate: 22222, frameSize: 2048, melBands: 40, scale, norm: "none" });
    expect(filterbank.bins).toBe(1025);
    const binHz = 22222 / 2048;
    expect(filterbank.centerHz[39]! < 11111).toBe(true);
    for (let band = 0; band < 40; band++) {
      const weights = Array.from(bandWeights(filterbank, band));
      expect(weights.length).toBeGreaterThan(0);
      const peak = weights.indexOf(Math.max(...weights));
      for (let i = 1; i <= peak; i++) expect(weights[i]! >= weights[i - 1]!).toBe(true);
      for (let i = peak + 1; i < weights.length; i++) expect(weights[i]! <= weights[i - 1]!).toBe(true);
      const peakHz = (filterbank.startBin[band]! + peak) * binHz;
      expect(Math.abs(peakHz - filterbank.centerHz[band]!)).toBeLessThanOrEqual(binHz);
      expect(Math.max(...weights)).toBeLessThanOrEqual(1);
    }
  });

  it("slaney norm gives each triangle unit area in Hz", () => {
    const frameSize = 16384;
    const filterbank = createMelFilterbank({ sampleRate: 44100, frameSize, melBands: 64, minHz: 100, maxHz: 16000 });
    for (let band = 0; band < 64; band++) {
      const area = bandWeights(filterbank, band).reduce((sum, weight) => sum + weight, 0) * (44100 / frameSize);
      expect(area).toBeCloseTo(1, 1);
      expect(Math.abs(area - 1)).toBeLessThan(0.02);
    }
  });

  it("rejects invalid options, naming the parameter", () => {
    expect(() => createMelFilterbank({ sampleRate: 0 })).toThrow(
      "createMelFilterbank: sampleRate must be a finite number > 0, got 0",
    );
    expect(() => createMelFilterbank({ sampleRate: 8000, melBands: 0 })).toThrow(RangeError);
    expect(() => createMelFilterbank({ sampleRate: 8000, minHz: 5000, maxHz: 4000 })).toThrow(RangeError);
    expect(() => createMelFilterbank({ sampleRate: 8000, minHz: Number.NaN })).toThrow(RangeError);
  });
});

describe("applyMelFilterbank", () => {
  it("puts a 1 kHz tone's energy in the band centred nearest 1 kHz", () => {
    const sampleRate = 22222;
    const power = powerSpectrogram(
      stft(sine(1000, sampleRate, sampleRate), sampleRate, { frameSize: 2048, hopSize: 512 }),
    );
    const filterbank = createMelFilterbank({ sampleRate, frameSize: 2048, melBands: 40 });
    const mel = applyMelFilterbank(power, filterbank);
    expect(mel.bins).toBe(40);
    expect(mel.frames).toBe(power.frames);
    const t = Math.floor(mel.frames / 2);
    const row = Array.from(mel.data.subarray(t * 40, t * 40 + 40));
    const loudest = row.indexOf(Math.max(...row));
    const distances = Array.from(filterbank.centerHz, (centre) => Math.abs(centre - 1000));
    expect(Math.abs(loudest - distances.indexOf(Math.min(...distances)))).toBeLessThanOrEqual(1);
    expect(binFrequency(power, 1)).toBeCloseTo(22222 / 2048, 10);
  });

  it("equals the dense matrix product and reuses `out`", () => {
    const filterbank = createMelFilterbank({ sampleRate: 16000, frameSize: 64, melBands: 8, norm: "none" });
    const spectrogram: Spectrogram = {
      frames: 2,
      bins: 33,
      hopSize: 16,
      frameSize: 64,
      sampleRate: 16000,
      data: Float32Array.from({ length: 66 }, (_, i) => (i * 7) % 5),
    };
    const out = new Float32Array(16);
    const mel = applyMelFilterbank(spectrogram, filterbank, out);
    expect(mel.data).toBe(out);
    for (let t = 0; t < 2; t++) {
      for (let band = 0; band < 8; band++) {
        let expected = 0;
        bandWeights(filterbank, band).forEach((weight, i) => {
          expected += weight * spectrogram.data[t * 33 + filterbank.startBin[band]! + i]!;
        });
        expect(out[t * 8 + band]).toBeCloseTo(expected, 5);
      }
    }
  });

  it("handles no frames, zeros and NaN, and rejects mismatched bins", () => {
    const filterbank = createMelFilterbank({ sampleRate: 8000, frameSize: 256, melBands: 20 });
    const base = { bins: 129, hopSize: 64, frameSize: 256, sampleRate: 8000 };
    expect(applyMelFilterbank({ ...base, frames: 0, data: new Float32Array(0) }, filterbank).data.length).toBe(0);
    const zeros = applyMelFilterbank({ ...base, frames: 3, data: new Float32Array(3 * 129) }, filterbank);
    expect(zeros.data.every((value) => value === 0)).toBe(true);
    const data = new Float32Array(129).fill(1);
    data[100] = Number.NaN;
    const mel = applyMelFilterbank({ ...base, frames: 1, data }, filterbank);
    for (let band = 0; band < 20; band++) {
      const first = filterbank.startBin[band]!;
      const covers = first <= 100 && 100 < first + bandWeights(filterbank, band).length;
      expect(Number.isNaN(mel.data[band]!)).toBe(covers);
    }
    expect(Number.isNaN(mel.data[0]!)).toBe(false);
    expect(() => applyMelFilterbank({ ...base, bins: 128, frames: 0, data }, filterbank)).toThrow(
      "applyMelFilterbank: spectrogram bins must equal the bank's 129, got 128",
    );
  });
});
