import { describe, expect, it } from "vitest";
import { createSeededRandom, randomInteger } from "../test-helpers/seeded-random.js";
import { sine, whiteNoise } from "../test-helpers/signals.js";
import { createRealFft } from "./real-fft.js";
import { createResampler, resample } from "./resample.js";
import { kaiserBetaForAttenuation } from "./resample-filter.js";
import { hannWindow } from "./windows.js";

/** Peak frequency in Hz of 4096 samples from the middle, by parabolic interpolation on log magnitude. */
function peakFrequency(samples: Float32Array, sampleRate: number): number {
  const size = 4096;
  const start = Math.floor((samples.length - size) / 2);
  const window = hannWindow(size);
  const frame = new Float32Array(size);
  for (let i = 0; i < size; i++) frame[i] = samples[start + i]! * window[i]!;
  const spectrum = new Float32Array(size + 2);
  createRealFft(size).forward(frame, spectrum);
  const magnitude = (k: number): number => Math.log(Math.hypot(spectrum[2 * k]!, spectrum[2 * k + 1]!) + 1e-30);
  let best = 1;
  for (let k = 2; k < size / 2; k++) if (magnitude(k) > magnitude(best)) best = k;
  const [left, centre, right] = [magnitude(best - 1), magnitude(best), magnitude(best + 1)];
  const offset = (0.5 * (left - right)) / (left - 2 * centre + right);
  return ((best + offset) * sampleRate) / size;
}

/** Peak amplitude (√2·RMS) in dB full scale over the middle, skipping `margin` samples at each end. */
function levelDb(samples: Float32Array, margin: number): number {
  let sum = 0;
  for (let i = margin; i < samples.length - margin; i++) sum += samples[i]! * samples[i]!;
  return 10 * Math.log10((2 * sum) / (samples.length - 2 * margin));
}

const PAIRS: [number, number][] = [
  [44100, 22050],
  [48000, 44100],
  [44100, 16000],
  [8000, 44100],
  [44100, 22222],
  [22222, 48000],
];

describe("resample", () => {
  it.each(PAIRS)("%i → %i keeps a 1 kHz tone's frequency and level (±0.1 dB)", (fromRate, toRate) => {
    const out = resample(sine(1000, fromRate, fromRate), fromRate, toRate);
    expect(Math.abs(peakFrequency(out, toRate) - 1000)).toBeLessThan(0.5);
    expect(Math.abs(levelDb(out, 500))).toBeLessThan(0.1);
    // Phase-coherent with the ideal tone at the new rate.
    const ideal = sine(1000, toRate, out.length);
    let error = 0;
    for (let i = 500; i < out.length - 500; i++) error = Math.max(error, Math.abs(out[i]! - ideal[i]!));
    expect(error).toBeLessThan(2e-4);
  });

  it.each(PAIRS)("%i → %i passes 0.8 of the lower Nyquist within 0.1 dB", (fromRate, toRate) => {
    const frequency = 0.8 * 0.5 * Math.min(fromRate, toRate);
    const out = resample(sine(frequency, fromRate, fromRate), fromRate, toRate);
    expect(Math.abs(peakFrequency(out, toRate) - frequency)).toBeLessThan(0.5);
    expect(Math.abs(levelDb(out, 500))).toBeLessThan(0.1);
  });

  it.each([
    [44100, 16000, 8200],
    [44100, 16000, 12000],
    [44100, 22050, 11500],
    [48000, 44100, 22500],
    [44100, 22222, 15000],
  ])("'high' %i → %i attenuates a %i Hz tone above the new Nyquist by ≥ 80 dB", (fromRate, toRate, frequency) => {
    const out = resample(sine(frequency, fromRate, fromRate), fromRate, toRate, { quality: "high" });
    expect(levelDb(out, 1000)).toBeLessThan(-80);
  });

  it("'high' upsampling 8000 → 44100 leaves images of a 3 kHz tone ≥ 80 dB down", () => {
    const out = resample(sine(3000, 8000, 8000), 8000, 44100);
    const ideal = sine(3000, 44100, out.length);
    const residual = out.map((value, i) => value - ideal[i]!);
    expect(levelDb(residual, 2000)).toBeLessThan(-80);
  });

  it("'fast' keeps the passband and attenuates the stopband by ≥ 60 dB", () => {
    const pass = resample(sine(1000, 44100, 44100), 44100, 16000, { quality: "fast" });
    expect(Math.abs(levelDb(pass, 500))).toBeLessThan(0.1);
    const stop = resample(sine(10000, 44100, 44100), 44100, 16000, { quality: "fast" });
    expect(levelDb(stop, 500)).toBeLessThan(-60);
    expect(kaiserBetaForAttenuation(100)).toBeCloseTo(10.06, 2);
  });

  it.each(PAIRS)("%i → %i: length is ⌈n·to/from⌉ (= round ± 1) for many n", (fromRate, toRate) => {
    const resampler = createResampler(fromRate, toRate);
    for (const length of [0, 1, 2, 3, 7, 100, 441, 1000, 12345]) {
      const expected = Math.round((length * toRate) / fromRate);
      expect(Math.abs(resampler.outputLength(length) - expected)).toBeLessThanOrEqual(1);
      expect(resample(new Float32Array(length), fromRate, toRate).length).toBe(resampler.outputLength(length));
    }
  });

  it.each(PAIRS)("%i → %i: streaming in random chunks equals one-shot to 1e-6", (fromRate, toRate) => {
    const input = whiteNoise(20_000, fromRate + toRate, 0.5);
    const expected = resample(input, fromRate, toRate);
    const random = createSeededRandom(toRate);
    const resampler = createResampler(fromRate, toRate);
    const parts: number[] = [];
    for (let start = 0; start < input.length; ) {
      const size = Math.min(input.length - start, randomInteger(random, 0, 3000));
      parts.push(...resampler.process(input.subarray(start, start + size)));
      start += size;
    }
    parts.push(...resampler.flush());
    expect(parts.length).toBe(expected.length);
    let error = 0;
    for (let i = 0; i < parts.length; i++) error = Math.max(error, Math.abs(parts[i]! - expected[i]!));
    expect(error).toBeLessThan(1e-6);
    // After flush the resampler starts a new stream.
    const again = [...resampler.process(input), ...resampler.flush()];
    expect(again.length).toBe(expected.length);
    expect(Math.abs(again[1234]! - expected[1234]!)).toBeLessThan(1e-6);
  });

  it("is the identity when the rates are equal", () => {
    const input = whiteNoise(1000, 4);
    expect(Array.from(resample(input, 22222, 22222))).toEqual(Array.from(input));
    const resampler = createResampler(48000, 48000);
    expect(Array.from(resampler.process(input.subarray(0, 10)))).toEqual(Array.from(input.subarray(0, 10)));
    expect(resampler.flush().length).toBe(0);
  });

  it("handles empty input, zeros and NaN, and rejects invalid rates", () => {
    expect(resample(new Float32Array(0), 44100, 16000).length).toBe(0);
    const resampler = createResampler(44100, 16000);
    expect(resampler.process(new Float32Array(0)).length).toBe(0);
    expect(resampler.flush().length).toBe(0);
    expect(resample(new Float32Array(5000), 44100, 22222).every((value) => value === 0)).toBe(true);
    const withNaN = sine(440, 44100, 44100);
    withNaN[22050] = Number.NaN;
    const out = resample(withNaN, 44100, 16000);
    expect(Number.isNaN(out[8000]!)).toBe(true);
    expect(Number.isNaN(out[100]!)).toBe(false);
    expect(Number.isNaN(out[15900]!)).toBe(false);
    expect(() => createResampler(0, 16000)).toThrow("createResampler: fromRate must be a finite number > 0, got 0");
    expect(() => createResampler(44100, Number.NaN)).toThrow(RangeError);
  });
});
