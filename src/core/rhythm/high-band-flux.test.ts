import { describe, expect, it } from "vitest";
import { onsetFMeasure } from "../evaluation/onset-metrics.js";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import { detectOnsets } from "./detect-onsets.js";
import { highBandFlux } from "./high-band-flux.js";

const RATE = 44_100;
const HOP_SECONDS = 256 / 22_050;

/** Very short, very soft noise ticks (hi-hat-like) over a loud 200-Hz tone. */
function ticks(times: readonly number[], seconds: number): Float32Array {
  const random = createSeededRandom(9);
  const out = new Float32Array(seconds * RATE).map((_, n) => 0.5 * Math.sin((2 * Math.PI * 200 * n) / RATE));
  for (const time of times) {
    const start = Math.round(time * RATE);
    for (let n = 0; n < 0.01 * RATE; n++)
      out[start + n] = out[start + n]! + 0.02 * Math.exp(-n / 80) * (2 * random() - 1);
  }
  return out;
}

describe("highBandFlux", () => {
  it("finds soft ticks that a loud low tone hides from a full-band envelope", () => {
    const times = [0.5, 0.8, 1.25, 1.5, 2.0, 2.4, 2.7, 3.3];
    const frames = Math.floor(4 / HOP_SECONDS);
    const flux = highBandFlux(ticks(times, 4), RATE, frames, { hopSeconds: HOP_SECONDS });
    const found = detectOnsets(flux, { frameRate: 1 / HOP_SECONDS });
    expect(onsetFMeasure(times, [...found]).fMeasure).toBeGreaterThanOrEqual(0.95);
  });

  it("is all zeros without a band above the cutoff, for silence and for no samples", () => {
    expect(highBandFlux(ticks([0.5], 1), 22_050, 50, { hopSeconds: HOP_SECONDS }).every((v) => v === 0)).toBe(true);
    expect(highBandFlux(new Float32Array(RATE), RATE, 50, { hopSeconds: HOP_SECONDS }).every((v) => v === 0)).toBe(
      true,
    );
    expect(highBandFlux(new Float32Array(0), RATE, 3, { hopSeconds: HOP_SECONDS }).length).toBe(3);
    expect(() => highBandFlux(new Float32Array(10), RATE, 3, { hopSeconds: 0 })).toThrow(RangeError);
  });
});
