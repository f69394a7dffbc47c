import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import { envelopeAutocorrelation, envelopeAutocorrelationFft } from "./autocorrelation-tempogram.js";

describe("envelope autocorrelation", () => {
  it("by FFT equals the direct sum", () => {
    const random = createSeededRandom(11);
    // Pulses every 40 frames over noise: r peaks at lags 40, 80, …
    const envelope = new Float32Array(3000).map((_, t) => (t % 40 === 0 ? 5 : 0) + random());
    const direct = envelopeAutocorrelation(envelope, 300);
    const fast = envelopeAutocorrelationFft(envelope, 300);
    for (let lag = 0; lag <= 300; lag++) expect(fast[lag]!).toBeCloseTo(direct[lag]!, 3);
    expect(fast[40]!).toBeGreaterThan(fast[20]!);
  });

  it("of a window equals the plain one-lag-at-a-time sum to the bit, from any first lag", () => {
    const random = createSeededRandom(5);
    const envelope = new Float32Array(900).map(() => random() * random());
    for (const [start, length, maxLag, minLag] of [
      [0, 900, 130, 1],
      [17, 689, 127, 29],
      [100, 9, 20, 1],
      [3, 5, 2, 2],
    ] as const) {
      const window = envelope.subarray(start, start + length);
      let mean = 0;
      for (const value of window) mean += value;
      mean /= length;
      const centred = Float64Array.from(window, (value) => value - mean);
      const expected = new Float64Array(maxLag + 1);
      for (let lag = 0; lag <= Math.min(maxLag, length - 1); lag++) {
        if (lag > 0 && lag < minLag) continue;
        let sum = 0;
        for (let i = lag; i < length; i++) sum += centred[i]! * centred[i - lag]!;
        expected[lag] = sum / (length - lag);
      }
      const out = new Float64Array(maxLag + 1);
      envelopeAutocorrelation(envelope, maxLag, start, length, out, new Float64Array(length), minLag);
      expect([...out]).toEqual([...expected]);
    }
  });

  it("handles short and empty envelopes and rejects a bad maxLag", () => {
    expect([...envelopeAutocorrelationFft(new Float32Array(0), 4)]).toEqual([0, 0, 0, 0, 0]);
    expect(envelopeAutocorrelationFft(Float32Array.of(1, 2, 3), 10).length).toBe(11);
    expect(() => envelopeAutocorrelationFft(new Float32Array(10), -1)).toThrow(RangeError);
  });
});
