import { describe, expect, it } from "vitest";
import { createRealFft } from "../dsp/real-fft.js";
import { gaussianNoise, sine } from "../test-helpers/signals.js";
import { createLongTermSpectrum, type LongTermSpectrumResult } from "./long-term-spectrum.js";

function spectrumOf(channels: Float32Array[], frameSize = 256, chunk = channels[0]!.length): LongTermSpectrumResult {
  const spectrum = createLongTermSpectrum({
    channelCount: channels.length,
    blockFrames: 4,
    fft: createRealFft(frameSize),
  });
  const length = channels[0]!.length;
  const mix = new Float32Array(length);
  for (const samples of channels) for (let i = 0; i < length; i++) mix[i] = mix[i]! + samples[i]! / channels.length;
  for (let from = 0; from < length; from += chunk) {
    const to = Math.min(length, from + chunk);
    spectrum.push(
      channels.map((samples) => samples.subarray(from, to)),
      mix.subarray(from, to),
      to - from,
    );
  }
  return spectrum.finish();
}

const sum = (values: Float64Array) => values.reduce((total, value) => total + value, 0);
const energy = (samples: Float32Array) => samples.reduce((total, value) => total + value * value, 0);

describe("createLongTermSpectrum", () => {
  it("estimates the energy per bin: a stationary signal's bins add up to Σx²", () => {
    const noise = gaussianNoise(20_000, 1, 0.3);
    expect(sum(spectrumOf([noise]).mixEnergy) / energy(noise)).toBeCloseTo(1, 1);
    // A sine over whole frames: all of its energy within ±3 bins of its own.
    const tone = sine(1000, 8000, 8192, { amplitude: 0.5 });
    const spectrum = spectrumOf([tone]).mixEnergy;
    expect(sum(spectrum) / energy(tone)).toBeCloseTo(1, 2);
    const bin = Math.round((1000 / 8000) * 256);
    const near = spectrum.slice(bin - 3, bin + 4).reduce((total, value) => total + value, 0);
    expect(near / sum(spectrum)).toBeGreaterThan(0.9999);
  });

  it("gives L, R and cross energies whose mix is (L+R)/2, and block totals", () => {
    const left = gaussianNoise(30_000, 1, 0.3);
    const other = gaussianNoise(30_000, 2, 0.3);
    const right = left.map((value, i) => 0.6 * value + 0.8 * other[i]!);
    const result = spectrumOf([left, right]);
    const stereo = result.stereo!;
    const cross = left.reduce((total, value, i) => total + value * right[i]!, 0);
    // Correlation 0.6, estimated within ±0.02.
    expect(sum(stereo.cross) / Math.sqrt(sum(stereo.left) * sum(stereo.right))).toBeCloseTo(0.6, 1);
    expect(sum(stereo.cross) / cross).toBeCloseTo(1, 1);
    for (let k = 0; k < result.mixEnergy.length; k += 17) {
      expect(result.mixEnergy[k]).toBeCloseTo((stereo.left[k]! + stereo.right[k]! + 2 * stereo.cross[k]!) / 4, 12);
    }
    expect(sum(result.blocks!.left)).toBeCloseTo(sum(stereo.left), 6);
    expect(sum(result.blocks!.cross)).toBeCloseTo(sum(stereo.cross), 6);
    expect(result.blocks!.left).toHaveLength(Math.ceil(result.frames / 4));
  });

  it("transforms the mean of all channels for more than two", () => {
    const channels = [1, 2, 3].map((seed) => gaussianNoise(20_000, seed, 0.2));
    const mix = channels[0]!.map((value, i) => (value + channels[1]![i]! + channels[2]![i]!) / 3);
    expect(sum(spectrumOf(channels).mixEnergy) / energy(mix)).toBeCloseTo(1, 1);
  });

  it("is identical for any chunking, and empty for no samples", () => {
    const left = gaussianNoise(2000, 4, 0.3);
    const right = gaussianNoise(2000, 5, 0.3);
    const whole = spectrumOf([left, right]);
    expect(whole.frames).toBe(Math.ceil(2000 / 256));
    expect(spectrumOf([left, right], 256, 1)).toEqual(whole);
    expect(spectrumOf([left, right], 256, 129)).toEqual(whole);
    const empty = spectrumOf([new Float32Array(0)]);
    expect(empty.frames).toBe(0);
    expect(sum(empty.mixEnergy)).toBe(0);
  });
});
