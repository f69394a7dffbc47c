import { describe, expect, it } from "vitest";
import { applyMelFilterbank, createMelFilterbank } from "../dsp/mel.js";
import { magnitudeSpectrogram, powerSpectrogram } from "../dsp/spectrogram.js";
import { stft } from "../dsp/stft.js";
import { sine, whiteNoise } from "../test-helpers/signals.js";
import { melSpectrogram } from "./mel-spectrogram.js";

describe("melSpectrogram", () => {
  const rate = 22050;
  const transform = stft(whiteNoise(rate, 3, 0.5), rate);

  it("equals the Slaney filterbank applied to the power spectrogram (librosa.feature.melspectrogram)", () => {
    const mel = melSpectrogram(magnitudeSpectrogram(transform));
    const reference = applyMelFilterbank(powerSpectrogram(transform), createMelFilterbank({ sampleRate: rate }));
    expect(mel.bins).toBe(128);
    expect(mel.frames).toBe(transform.frames);
    expect(mel.hopSize).toBe(512);
    for (let i = 0; i < mel.data.length; i += 37) {
      expect(mel.data[i]!).toBeCloseTo(
        reference.data[i]!,
        Math.max(0, 4 - Math.ceil(Math.log10(reference.data[i]! + 1))),
      );
      expect(Math.abs(mel.data[i]! - reference.data[i]!)).toBeLessThanOrEqual(1e-5 * reference.data[i]! + 1e-9);
    }
  });

  it("puts a tone's energy in the band centred on it; exponent 1 gives the magnitude bank", () => {
    const magnitude = magnitudeSpectrogram(stft(sine(1000, rate, rate), rate));
    const mel = melSpectrogram(magnitude, { melBands: 40 });
    const bank = createMelFilterbank({ sampleRate: rate, melBands: 40 });
    const frame = mel.data.subarray(10 * 40, 11 * 40);
    const loudest = frame.indexOf(Math.max(...frame));
    expect(Math.abs(bank.centerHz[loudest]! - 1000)).toBeLessThan(120);
    const linear = melSpectrogram(magnitude, { melBands: 40, exponent: 1 });
    expect(linear.data[10 * 40 + loudest]!).toBeLessThan(frame[loudest]!);
  });

  it("gives zeros for silence and no frames for an empty spectrogram; rejects a mismatched layout", () => {
    const silent = melSpectrogram(magnitudeSpectrogram(stft(new Float32Array(4096), rate)));
    expect(silent.data.every((value) => value === 0)).toBe(true);
    expect(melSpectrogram(magnitudeSpectrogram(stft(new Float32Array(0), rate))).frames).toBe(0);
    const bad = { frames: 1, bins: 10, hopSize: 512, frameSize: 2048, sampleRate: rate, data: new Float32Array(10) };
    expect(() => melSpectrogram(bad)).toThrow(/bins must be/);
  });
});
