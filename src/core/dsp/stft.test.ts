import { describe, expect, it } from "vitest";
import { sine, whiteNoise } from "../test-helpers/signals.js";
import { istft } from "./istft.js";
import { createRealFft } from "./real-fft.js";
import { binFrequency, frameTime, magnitudeSpectrogram, powerSpectrogram } from "./spectrogram.js";
import { reflectIndex, stft } from "./stft.js";
import { hannWindow } from "./windows.js";

function peakBin(data: Float32Array, frame: number, bins: number): number {
  let best = 0;
  for (let k = 1; k < bins; k++) if (data[frame * bins + k]! > data[frame * bins + best]!) best = k;
  return best;
}

function maxError(actual: Float32Array, expected: Float32Array): number {
  let error = 0;
  for (let i = 0; i < expected.length; i++) error = Math.max(error, Math.abs(actual[i]! - expected[i]!));
  return error;
}

describe("stft", () => {
  it("puts a 1 kHz sine at the bin nearest 1 kHz in every frame", () => {
    const sampleRate = 44100;
    const transform = stft(sine(1000, sampleRate, sampleRate), sampleRate, { frameSize: 2048, hopSize: 512 });
    const magnitude = magnitudeSpectrogram(transform);
    expect(magnitude.bins).toBe(1025);
    const expectedBin = Math.round((1000 * 2048) / sampleRate);
    // Interior frames exactly; edge frames see reflected (phase-flipped) padding, so ±1 bin.
    for (let t = 0; t < magnitude.frames; t++) {
      const interior = t >= 2 && t < magnitude.frames - 2;
      expect(Math.abs(peakBin(magnitude.data, t, magnitude.bins) - expectedBin)).toBeLessThanOrEqual(interior ? 0 : 1);
    }
    expect(Math.abs(binFrequency(magnitude, expectedBin) - 1000)).toBeLessThan(sampleRate / 2048 / 2);
    // A Hann-windowed sine of amplitude 1 peaks near N/4 (coherent gain 0.5); scalloping ≤ 1.5 dB.
    const middle = Math.floor(magnitude.frames / 2);
    const peak = magnitude.data[middle * magnitude.bins + expectedBin]!;
    expect(20 * Math.log10(peak / (2048 / 4))).toBeGreaterThan(-1.5);
    const power = powerSpectrogram(transform);
    expect(power.data[middle * power.bins + expectedBin]).toBeCloseTo(peak * peak, -1);
  });

  it("centres frame t on sample t·hop (frame count and times as librosa)", () => {
    const sampleRate = 22222;
    const length = 10_000;
    const transform = stft(new Float32Array(length), sampleRate, { frameSize: 1024, hopSize: 256 });
    expect(transform.frames).toBe(1 + Math.floor(length / 256));
    expect(frameTime(transform, 0)).toBe(0);
    expect(frameTime(transform, 10)).toBeCloseTo(2560 / 22222, 12);
    const uncentred = stft(new Float32Array(length), sampleRate, { frameSize: 1024, hopSize: 256, center: false });
    expect(uncentred.frames).toBe(1 + Math.floor((length - 1024) / 256));
    expect(frameTime(uncentred, 0)).toBeCloseTo(512 / 22222, 12);
  });

  it("locates a click in the frame centred on it", () => {
    const sampleRate = 8000;
    const signal = new Float32Array(8000);
    signal[4096] = 1;
    const magnitude = magnitudeSpectrogram(stft(signal, sampleRate, { frameSize: 256, hopSize: 64 }));
    const energies = Array.from({ length: magnitude.frames }, (_, t) => magnitude.data[t * magnitude.bins]!);
    expect(energies.indexOf(Math.max(...energies))).toBe(4096 / 64);
  });

  it("reflect-pads like numpy, including repeated reflection", () => {
    expect([-3, -2, -1, 0, 4, 5, 6, 9].map((index) => reflectIndex(index, 5))).toEqual([3, 2, 1, 0, 4, 3, 2, 1]);
    expect(reflectIndex(-7, 1)).toBe(0);
    const signal = Float32Array.from([1, 2, 3]);
    const transform = stft(signal, 100, { frameSize: 8, hopSize: 4, window: new Float32Array(8).fill(1) });
    // Frame 0 is the padded [2,1,2,3,2,1] extended → [3,2,1,2,3,2,1,2]: DC = 16.
    expect(transform.data[0]).toBeCloseTo(16, 5);
    const zeroPadded = stft(signal, 100, {
      frameSize: 8,
      hopSize: 4,
      padMode: "constant",
      window: new Float32Array(8).fill(1),
    });
    expect(zeroPadded.data[0]).toBeCloseTo(6, 5);
  });

  it("gives exactly one frame for a signal of one frame (uncentred) and of less than a hop (centred)", () => {
    const one = stft(new Float32Array(1024).fill(1), 22222, { frameSize: 1024, hopSize: 256, center: false });
    expect(one.frames).toBe(1);
    expect(one.data[0]).toBeCloseTo(512, 3); // Σ periodic Hann(1024) = 512
    const short = stft(new Float32Array(100).fill(1), 22222, { frameSize: 1024, hopSize: 256 });
    expect(short.frames).toBe(1);
    expect(short.data[0]).toBeCloseTo(512, 3); // reflect padding of a constant is constant
  });

  it("accepts an injected FFT and rejects a mismatched one", () => {
    const signal = whiteNoise(4000, 11);
    const own = stft(signal, 16000, { frameSize: 512, hopSize: 128 });
    const injected = stft(signal, 16000, { frameSize: 512, hopSize: 128, fft: createRealFft(512) });
    expect(maxError(injected.data, own.data)).toBe(0);
    expect(() => stft(signal, 16000, { frameSize: 512, fft: createRealFft(256) })).toThrow(
      "stft: fft.size must equal frameSize 512, got 256",
    );
  });

  it("handles empty input, zeros and NaN, and rejects bad options", () => {
    const empty = stft(new Float32Array(0), 44100, { frameSize: 256, hopSize: 64 });
    expect(empty.frames).toBe(0);
    expect(empty.data.length).toBe(0);
    const zeros = stft(new Float32Array(1000), 44100, { frameSize: 256, hopSize: 64 });
    expect(zeros.data.every((value) => value === 0)).toBe(true);
    const withNaN = whiteNoise(2048, 5);
    withNaN[1024] = Number.NaN;
    const magnitude = magnitudeSpectrogram(stft(withNaN, 44100, { frameSize: 256, hopSize: 256 }));
    expect(Number.isNaN(magnitude.data[4 * magnitude.bins]!)).toBe(true); // frame 4 covers sample 1024
    expect(Number.isNaN(magnitude.data[0]!)).toBe(false);
    expect(() => stft(withNaN, 44100, { frameSize: 1000 })).toThrow(
      "stft: frameSize must be a power of two ≥ 2, got 1000",
    );
    expect(() => stft(withNaN, 44100, { hopSize: 0 })).toThrow(RangeError);
    expect(() => stft(withNaN, 0)).toThrow("stft: sampleRate must be a finite number > 0, got 0");
    expect(() => stft(withNaN, 44100, { frameSize: 256, window: hannWindow(128) })).toThrow(RangeError);
  });
});

describe("istft", () => {
  it.each([
    [1024, 256],
    [1024, 512],
    [512, 128],
  ])("reconstructs noise from a Hann STFT (frameSize %i, hop %i) to < 1e-5", (frameSize, hopSize) => {
    const signal = whiteNoise(22222, frameSize + hopSize, 0.9);
    const transform = stft(signal, 22222, { frameSize, hopSize });
    const back = istft(transform, { length: signal.length });
    expect(back.length).toBe(signal.length);
    expect(maxError(back, signal)).toBeLessThan(1e-5);
  });

  it("reconstructs uncentred frames where the window sum is non-zero, and sizes output like librosa", () => {
    const signal = sine(440, 8000, 4096);
    const transform = stft(signal, 8000, { frameSize: 256, hopSize: 64, center: false });
    const back = istft(transform);
    expect(back.length).toBe(256 + 64 * (transform.frames - 1));
    let error = 0;
    for (let i = 64; i < back.length - 64; i++) error = Math.max(error, Math.abs(back[i]! - signal[i]!));
    expect(error).toBeLessThan(1e-5);
    expect(istft(stft(signal, 8000, { frameSize: 256, hopSize: 64 })).length).toBe(64 * Math.floor(4096 / 64));
  });

  it("returns an empty signal for 0 frames, zeros for zeros, NaN where a NaN frame overlaps", () => {
    expect(istft(stft(new Float32Array(0), 44100, { frameSize: 256, hopSize: 64 })).length).toBe(0);
    const zeros = istft(stft(new Float32Array(3000), 44100, { frameSize: 256, hopSize: 64 }));
    expect(zeros.every((value) => value === 0)).toBe(true);
    const transform = stft(whiteNoise(3000, 2), 44100, { frameSize: 256, hopSize: 64 });
    transform.data[2 * transform.bins * 20] = Number.NaN;
    const back = istft(transform);
    expect(Number.isNaN(back[20 * 64]!)).toBe(true);
    expect(Number.isNaN(back[0]!)).toBe(false);
    expect(() => istft(transform, { length: -1 })).toThrow("istft: length must be an integer ≥ 0, got -1");
  });
});
