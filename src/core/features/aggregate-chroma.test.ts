import { describe, expect, it } from "vitest";
import { aggregateChroma } from "./aggregate-chroma.js";
import type { Chroma } from "./chroma.js";

/** Frames of 0.1 s (hop 2205 at 22.05 kHz, uncentred); pitch class c of frame t holds value(t, c). */
function chromaOf(frames: number, value: (t: number, c: number) => number): Chroma {
  const data = new Float32Array(frames * 12);
  for (let t = 0; t < frames; t++) for (let c = 0; c < 12; c++) data[t * 12 + c] = value(t, c);
  return { frames, data, hopSize: 2205, frameSize: 4096, sampleRate: 22_050, center: false };
}

describe("aggregateChroma", () => {
  it("takes the median of each interval's frames, odd and even counts", () => {
    // Frame t holds (t·7) mod 10 in every class: a scrambled order the median must sort.
    const chroma = chromaOf(20, (t) => (t * 7) % 10);
    // [0, 0.5 s) holds frames 0…4: 0, 7, 4, 1, 8 → 4; [0.5, 0.9 s) frames 5…8: 5, 2, 9, 6 → (5 + 6) / 2.
    const out = aggregateChroma(chroma, [0, 0.5, 0.9], "median");
    expect(out[0]).toBe(4);
    expect(out[12 + 5]).toBe(5.5);
  });

  it("takes the median of long intervals (sorted by the native sort) the same way", () => {
    const chroma = chromaOf(300, (t, c) => ((t * 37 + c) % 101) / 100);
    const out = aggregateChroma(chroma, [0, 20, 30], "median");
    for (const [interval, from, to] of [
      [0, 0, 200],
      [1, 200, 300],
    ] as const) {
      for (let c = 0; c < 12; c++) {
        const values = Array.from({ length: to - from }, (_, i) => Math.fround((((from + i) * 37 + c) % 101) / 100));
        values.sort((a, b) => a - b);
        const middle = values.length >> 1;
        const expected = values.length % 2 === 1 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
        expect(out[interval * 12 + c]).toBe(Math.fround(expected));
      }
    }
  });

  it("skips non-finite values and orders −0 before +0 as a typed-array sort does", () => {
    const values = [-0, 0, Number.NaN, 0.5];
    const chroma = chromaOf(4, (t) => values[t]!);
    // Finite values −0, +0, 0.5: the median is the +0 in the middle.
    const out = aggregateChroma(chroma, [0, 0.4], "median");
    expect(Object.is(out[0], 0)).toBe(true);
    const negative = aggregateChroma(
      chromaOf(3, (t) => [0, -0, -0][t]!),
      [0, 0.3],
      "median",
    );
    expect(Object.is(negative[0], -0)).toBe(true);
  });
});
