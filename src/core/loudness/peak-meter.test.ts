import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import { createPeakMeter } from "./peak-meter.js";
import { designTruePeakInterpolator, truePeakOversampling } from "./true-peak-interpolator.js";

/**
 * Every interpolated point of every interval, no skipping, zeros outside the signal; the sum in
 * the kernel's order (taps 0–7, taps 8–15, then their sum), so the result must match bit for bit.
 */
function bruteForceTruePeak(samples: Float32Array, sampleRate: number): number {
  const { coefficients, factor } = designTruePeakInterpolator(truePeakOversampling(sampleRate), 16);
  const at = (index: number): number => (index >= 0 && index < samples.length ? samples[index]! : 0);
  let peak = 0;
  for (let n = 0; n < samples.length; n++) {
    peak = Math.max(peak, Math.abs(samples[n]!));
    for (let row = 0; row < (factor - 1) * 16; row += 16) {
      let low = coefficients[row]! * at(n - 7);
      for (let k = 1; k < 8; k++) low += coefficients[row + k]! * at(n - 7 + k);
      let high = coefficients[row + 8]! * at(n + 1);
      for (let k = 9; k < 16; k++) high += coefficients[row + k]! * at(n - 7 + k);
      peak = Math.max(peak, Math.abs(low + high));
    }
  }
  return peak;
}

/** Noise bursts, a swelling sine, isolated clicks: the loudest point arrives late and between samples. */
function testSignal(length: number, seed: number): Float32Array {
  const random = createSeededRandom(seed);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const swell = i / length;
    const burst = Math.floor(i / 3000) % 3 === 0 ? 0.4 : 0.02;
    out[i] = swell * 0.5 * Math.sin(i * 0.9 + 0.3) + burst * (2 * random() - 1);
  }
  for (let click = 7000; click < length; click += 11111) {
    out[click] = 0.95;
    out[click + 1] = -0.9;
  }
  return out;
}

describe("createPeakMeter", () => {
  it.each([8000, 44100, 48000, 96000, 192000])(
    "skips nothing that matters: true peak at %i Hz equals brute force",
    (rate) => {
      const samples = testSignal(40000, rate);
      const meter = createPeakMeter(rate, 1);
      meter.write([samples], samples.length);
      const { channels, oversampling } = meter.result();
      expect(oversampling).toBe(truePeakOversampling(rate));
      expect(channels[0]!.truePeak).toBe(bruteForceTruePeak(samples, rate));
      expect(channels[0]!.samplePeak).toBe(Math.max(...Array.from(samples, Math.abs)));
    },
  );

  it("finds an inter-sample peak that only the bounds' full width reveals", () => {
    // A click of 0.8 sets the peak; later an fs/4 burst whose samples reach only 0.71 peaks at 1.0
    // between them: skipping it would need a bound below 1.0 (a bug), and the result would drop to ~0.8.
    for (const rate of [44100, 48000]) {
      const samples = new Float32Array(30000);
      samples[5000] = 0.8;
      for (let i = 20000; i < 20400; i++) samples[i] = Math.sin((Math.PI / 2) * i + Math.PI / 4);
      const meter = createPeakMeter(rate, 1);
      meter.write([samples], samples.length);
      const truePeak = meter.result().channels[0]!.truePeak;
      expect(truePeak).toBe(bruteForceTruePeak(samples, rate));
      expect(truePeak).toBeGreaterThan(0.95);
    }
  });

  it("includes the interval after the last sample and reads before the first as silence", () => {
    // A lone full-scale sample rings between its neighbours: the interpolation overshoots nothing but is not 0.
    const samples = Float32Array.of(0.5, -1);
    const meter = createPeakMeter(48000, 1);
    meter.write([samples], 2);
    expect(meter.result().channels[0]!.truePeak).toBe(bruteForceTruePeak(samples, 48000));
  });

  it("gives the same peaks for any chunking, and result() changes nothing", () => {
    const samples = testSignal(70000, 3);
    const other = testSignal(70000, 4);
    const whole = createPeakMeter(44100, 2);
    whole.write([samples, other], samples.length);
    const expected = whole.result();
    expect(whole.result()).toEqual(expected);
    const chunked = createPeakMeter(44100, 2);
    for (let from = 0, step = 1; from < samples.length; step = (step * 7 + 3) % 20011) {
      const to = Math.min(samples.length, from + step);
      chunked.write([samples.subarray(from, to), other.subarray(from, to)], to - from);
      if (step % 5 === 0) chunked.result();
      from = to;
    }
    expect(chunked.result()).toEqual(expected);
  });

  it("reads NaN and ±∞ as 0 and counts them", () => {
    const samples = testSignal(20000, 8);
    const clean = Float32Array.from(samples);
    for (const [index, value] of [
      [10, Number.NaN],
      [16400, Number.POSITIVE_INFINITY],
      [19999, Number.NEGATIVE_INFINITY],
    ] as const) {
      samples[index] = value;
      clean[index] = 0;
    }
    const meter = createPeakMeter(48000, 1);
    meter.write([samples], samples.length);
    const result = meter.result();
    expect(result.nonFiniteSamples).toBe(3);
    expect(result.channels[0]!.truePeak).toBe(bruteForceTruePeak(clean, 48000));
  });
});
