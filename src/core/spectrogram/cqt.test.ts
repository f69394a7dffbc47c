import { describe, expect, it } from "vitest";
import { createRealFft, type RealFft } from "../dsp/real-fft.js";
import { sine } from "../test-helpers/signals.js";
import { constantQ, createCqtStream } from "./cqt.js";
import { createCqtPlan } from "./cqt-kernel.js";

const SR = 44_100;

function peakBin(data: Float32Array, bins: number, frame: number): number {
  let best = 0;
  for (let b = 1; b < bins; b++) if (data[frame * bins + b]! > data[frame * bins + best]!) best = b;
  return best;
}

describe("createCqtPlan", () => {
  it("spaces bins geometrically from minHz and keeps the top bin ≤ maxHz", () => {
    const plan = createCqtPlan(SR, { minHz: 75, maxHz: 2400, binsPerOctave: 72 });
    expect(plan.bins).toBe(361);
    expect(plan.frequencies[0]).toBeCloseTo(75, 9);
    expect(plan.frequencies[360]).toBeCloseTo(2400, 6);
    expect(plan.frequencies[72]! / plan.frequencies[0]!).toBeCloseTo(2, 9);
    // 2400 Hz fits below 0.45·(44100/8): three halvings before the top octave.
    expect(plan.preDecimation).toBe(3);
    expect(plan.octaves).toBe(6);
    expect(plan.hopQuantum).toBe(256);
  });

  it("rejects a maximum at the Nyquist frequency", () => {
    expect(() => createCqtPlan(8000, { minHz: 100, maxHz: 3990 })).toThrow(RangeError);
  });
});

describe("constantQ", () => {
  it("puts a full-scale sine in its bin at ≈ 0 dB, in every octave", () => {
    const options = { minHz: 75, maxHz: 2400, binsPerOctave: 72, hopSize: 2048 };
    for (const k of [0, 40, 150, 250, 360]) {
      const frequency = 75 * 2 ** (k / 72);
      const { data, plan, frames } = constantQ(sine(frequency, SR, SR * 2), SR, options);
      const mid = frames >> 1;
      expect(peakBin(data, plan.bins, mid)).toBe(k);
      expect(20 * Math.log10(data[mid * plan.bins + k]!)).toBeCloseTo(0, 0);
    }
  });

  it("places two tones an octave apart binsPerOctave bins apart", () => {
    const bpo = 36;
    const low = sine(220, SR, SR);
    const high = sine(440, SR, SR);
    const both = low.map((v, i) => v + 0.5 * high[i]!);
    const { data, plan, frames } = constantQ(both, SR, { minHz: 55, maxHz: 1760, binsPerOctave: bpo });
    const mid = frames >> 1;
    const row = data.subarray(mid * plan.bins, (mid + 1) * plan.bins);
    const lowBin = 2 * bpo;
    expect(row[lowBin]).toBeGreaterThan(0.9);
    expect(row[lowBin + bpo]).toBeGreaterThan(0.45);
    expect(row[lowBin + bpo]).toBeLessThan(0.55);
    // Between the two tones the transform is low.
    expect(row[lowBin + bpo / 2]!).toBeLessThan(0.01);
  });

  it("finds a tone burst at the right time", () => {
    const signal = new Float32Array(SR * 4);
    const burst = sine(100 * 2 ** (120 / 36), SR, SR); // bin 120 ≈ 1008 Hz
    signal.set(burst, SR * 2); // 2 s … 3 s
    const { data, plan, frames, hopSize } = constantQ(signal, SR, { minHz: 100, maxHz: 4000, hopSize: 512 });
    const bin = 120;
    const level = (seconds: number): number => data[Math.round((seconds * SR) / hopSize) * plan.bins + bin]!;
    expect(frames).toBe(1 + Math.floor(signal.length / hopSize));
    expect(level(1.5)).toBeLessThan(1e-3);
    expect(level(2.5)).toBeGreaterThan(0.9);
    expect(level(3.5)).toBeLessThan(1e-3);
    // Half level near the onset: the window at 1 kHz is ~ 50 ms long.
    expect(level(2)).toBeGreaterThan(0.3);
    expect(level(2)).toBeLessThan(0.7);
  });

  it("gives the same frames whatever the chunking and block size", () => {
    const signal = sine(330, SR, SR * 3);
    const whole = constantQ(signal, SR, { minHz: 80, maxHz: 2000, hopSize: 1024, blockSeconds: 30 });
    const bins = whole.plan.bins;
    const streamed = new Float32Array(whole.data.length);
    const stream = createCqtStream(SR, { minHz: 80, maxHz: 2000, hopSize: 1024, blockSeconds: 0.5 }, (t, m) =>
      streamed.set(m, t * bins),
    );
    for (let i = 0; i < signal.length; i += 10_007) stream.push(signal.subarray(i, i + 10_007));
    expect(stream.finish()).toBe(whole.frames);
    let worst = 0;
    for (let i = 0; i < streamed.length; i++) worst = Math.max(worst, Math.abs(streamed[i]! - whole.data[i]!));
    expect(worst).toBeLessThan(1e-5);
  });
});

describe("createCqtStream's fftFactory", () => {
  it("transforms with the FFT it is given, one of the plan's size", () => {
    const sizes: number[] = [];
    let calls = 0;
    const factory = (size: number): RealFft => {
      sizes.push(size);
      const fft = createRealFft(size);
      return {
        size,
        forward: (input, out) => {
          calls++;
          fft.forward(input, out);
        },
        inverse: (spectrum, out) => fft.inverse(spectrum, out),
      };
    };
    const signal = sine(440, SR, SR);
    const options = { minHz: 110, maxHz: 1760, binsPerOctave: 12, hopSize: 1024 };
    const plain = constantQ(signal, SR, options);
    const given = constantQ(signal, SR, { ...options, fftFactory: factory });
    expect(sizes).toEqual([plain.plan.fftSize]);
    expect(calls).toBe(plain.frames * plain.plan.octaves);
    expect(given.data).toEqual(plain.data);
  });

  it("rejects an FFT of another size", () => {
    expect(() => createCqtStream(SR, { fftFactory: () => createRealFft(64) }, () => {})).toThrow(RangeError);
  });
});
