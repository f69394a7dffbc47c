import { describe, expect, it } from "vitest";
import { sine } from "../test-helpers/signals.js";
import { createChromaFramer } from "./chroma-frames.js";
import { CHROMAPRINT_FRAME_SIZE, CHROMAPRINT_HOP_SIZE } from "./chromaprint-constants.js";

function rows(signal: Float32Array, chunk = signal.length): Float64Array[] {
  const framer = createChromaFramer();
  const out: Float64Array[] = [];
  for (let start = 0; start < signal.length; start += chunk) {
    framer.push(signal.subarray(start, start + chunk), (row) => out.push(row.slice()));
  }
  return out;
}

describe("createChromaFramer", () => {
  it("emits one row per hop once five frames have passed the time filter", () => {
    expect(CHROMAPRINT_HOP_SIZE).toBe(1365);
    const frames = 12;
    const length = CHROMAPRINT_FRAME_SIZE + (frames - 1) * CHROMAPRINT_HOP_SIZE;
    expect(rows(sine(440, 11025, length, { amplitude: 0.5 }))).toHaveLength(frames - 4);
    expect(rows(sine(440, 11025, length - 1, { amplitude: 0.5 }))).toHaveLength(frames - 5);
  });

  it("puts a steady tone in its pitch class with unit norm", () => {
    // Class k spans [k, k + 1) semitones above A (27.5·2^n Hz): a note at exactly A, C or E
    // sits on a class edge, so the tones are a quarter tone sharp, in the middle of classes 0, 3, 7.
    for (const pitchClass of [0, 3, 7]) {
      const frequency = 440 * 2 ** ((pitchClass + 0.5) / 12);
      for (const row of rows(sine(frequency, 11025, 11025 * 2, { amplitude: 0.5 }))) {
        const norm = Math.hypot(...row);
        expect(norm).toBeCloseTo(1, 9);
        expect(row.indexOf(Math.max(...row))).toBe(pitchClass);
        expect(row[pitchClass]).toBeGreaterThan(0.99);
      }
    }
  });

  it("zeroes rows of silence and of sound below one 16-bit step", () => {
    const quiet = sine(440, 11025, 11025 * 2, { amplitude: 1 / 100000 });
    for (const row of rows(quiet)) expect(Array.from(row)).toEqual(new Array(12).fill(0));
  });

  it("gives the same rows whatever the chunking, and after reset", () => {
    const signal = sine(300, 11025, 11025 * 3, { amplitude: 0.3 });
    const whole = rows(signal);
    expect(rows(signal, 1000)).toEqual(whole);
    const framer = createChromaFramer();
    framer.push(signal.subarray(0, 5000), () => {});
    framer.reset();
    const again: Float64Array[] = [];
    framer.push(signal, (row) => again.push(row.slice()));
    expect(again).toEqual(whole);
  });
});
