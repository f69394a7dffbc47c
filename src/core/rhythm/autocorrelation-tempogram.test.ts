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

  it("handles short and empty envelopes and rejects a bad maxLag", () => {
    expect([...envelopeAutocorrelationFft(new Float32Array(0), 4)]).toEqual([0, 0, 0, 0, 0]);
    expect(envelopeAutocorrelationFft(Float32Array.of(1, 2, 3), 10).length).toBe(11);
    expect(() => envelopeAutocorrelationFft(new Float32Array(10), -1)).toThrow(RangeError);
  });
});
