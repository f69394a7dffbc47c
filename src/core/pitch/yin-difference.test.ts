import { describe, expect, it } from "vitest";
import { gaussianNoise, sine } from "../test-helpers/signals.js";
import { createYinDifference } from "./yin-difference.js";

/** d(τ) and d'(τ) straight from the definitions (O(W·maxLag)). */
function direct(frame: Float32Array, maxLag: number): { raw: Float64Array; cmndf: Float64Array } {
  const window = frame.length - maxLag;
  const raw = new Float64Array(maxLag + 1);
  const cmndf = new Float64Array(maxLag + 1).fill(1);
  let sum = 0;
  for (let lag = 1; lag <= maxLag; lag++) {
    for (let j = 0; j < window; j++) raw[lag] = raw[lag]! + (frame[j]! - frame[j + lag]!) ** 2;
    sum += raw[lag]!;
    cmndf[lag] = (raw[lag]! * lag) / sum;
  }
  return { raw, cmndf };
}

describe("createYinDifference", () => {
  it("matches the direct definition on a noisy tone (frame not a power of two)", () => {
    const frameLength = 1500;
    const maxLag = 400;
    const tone = sine(187, 16000, frameLength, { amplitude: 0.6 });
    const noise = gaussianNoise(frameLength, 3, 0.1);
    const frame = tone.map((x, i) => x + noise[i]!);
    const yin = createYinDifference({ frameLength, maxLag });
    expect(yin.windowLength).toBe(1100);
    const out = new Float32Array(maxLag + 1);
    const rawOut = new Float32Array(maxLag + 1);
    yin.compute(frame, out, rawOut);
    const expected = direct(frame, maxLag);
    for (let lag = 0; lag <= maxLag; lag++) {
      expect(Math.abs(rawOut[lag]! - expected.raw[lag]!)).toBeLessThan(1e-3 + 1e-5 * expected.raw[lag]!);
      expect(Math.abs(out[lag]! - expected.cmndf[lag]!)).toBeLessThan(1e-4);
    }
  });

  it("dips to ≈ 0 at the period of a sine and stays near 1 for noise", () => {
    const yin = createYinDifference({ frameLength: 2048, maxLag: 800 });
    const out = new Float32Array(801);
    yin.compute(sine(441, 44100, 2048), out); // period 100 samples
    expect(out[0]).toBe(1);
    expect(out[100]!).toBeLessThan(1e-3);
    expect(out[200]!).toBeLessThan(1e-3);
    expect(out[50]!).toBeGreaterThan(1);
    yin.compute(gaussianNoise(2048, 11), out);
    for (let lag = 50; lag <= 800; lag++) expect(out[lag]!).toBeGreaterThan(0.6);
  });

  it("gives 1 everywhere for a silent frame and checks its sizes", () => {
    const yin = createYinDifference({ frameLength: 256, maxLag: 100 });
    const out = new Float32Array(101);
    yin.compute(new Float32Array(256), out);
    expect(out.every((v) => v === 1)).toBe(true);
    expect(() => yin.compute(new Float32Array(255), out)).toThrow(RangeError);
    expect(() => yin.compute(new Float32Array(256), new Float32Array(100))).toThrow(RangeError);
    expect(() => createYinDifference({ frameLength: 256, maxLag: 129 })).toThrow(RangeError);
  });
});
