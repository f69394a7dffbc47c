import { describe, expect, it } from "vitest";
import { onsetFMeasure } from "../evaluation/onset-metrics.js";
import { createSeededRandom, randomInteger } from "../test-helpers/seeded-random.js";
import { detectOnsets } from "./detect-onsets.js";
import { createHighBandFlux, highBandFlux } from "./high-band-flux.js";

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

describe("createHighBandFlux", () => {
  it("equals highBandFlux of the whole signal for any chunking", () => {
    const random = createSeededRandom(31);
    // Hops of whole and fractional samples, and one shorter than a sample (empty blocks).
    const cases = [
      { rate: 44_100, hopSeconds: HOP_SECONDS },
      { rate: 48_000, hopSeconds: 0.0101 },
      { rate: 96_000, hopSeconds: 1 / 172.27 },
      { rate: 44_100, hopSeconds: 0.3 / 44_100 },
    ];
    for (const { rate, hopSeconds } of cases) {
      for (const length of [0, 1, 2, 700, 3000, 20_000]) {
        const signal = new Float32Array(length).map(() => (random() < 0.0005 ? Number.NaN : 0.5 * (2 * random() - 1)));
        const covered = Math.ceil(length / (hopSeconds * rate));
        for (const frames of [0, 1, Math.floor(covered / 2), covered, covered + 1, covered + 5]) {
          const expected = highBandFlux(signal, rate, frames, { hopSeconds });
          for (const maxChunk of [1, 97, 5000]) {
            const flux = createHighBandFlux(rate, { hopSeconds });
            for (let start = 0; start < length; ) {
              const kind = random();
              const size = Math.min(length - start, kind < 0.2 ? 0 : randomInteger(random, 1, maxChunk));
              flux.push(signal.slice(start, start + size));
              start += size;
            }
            const actual = flux.finish(frames);
            expect(actual.length).toBe(expected.length);
            let first = -1;
            for (let t = 0; t < actual.length && first < 0; t++) if (!Object.is(actual[t], expected[t])) first = t;
            expect(first).toBe(-1);
          }
        }
      }
    }
  });

  it("finds the ticks when fed in chunks, and refuses use after finish", () => {
    const signal = ticks([0.5, 1.25], 2);
    const frames = Math.floor(2 / HOP_SECONDS);
    const flux = createHighBandFlux(RATE, { hopSeconds: HOP_SECONDS });
    for (let start = 0; start < signal.length; start += 1000) flux.push(signal.subarray(start, start + 1000));
    const envelope = flux.finish(frames);
    expect(Array.from(envelope)).toEqual(Array.from(highBandFlux(signal, RATE, frames, { hopSeconds: HOP_SECONDS })));
    expect(() => flux.push(new Float32Array(1))).toThrow(/finished/);
    expect(() => flux.finish(frames)).toThrow(/finished/);
    expect(() => createHighBandFlux(0, { hopSeconds: HOP_SECONDS })).toThrow(RangeError);
  });
});
