import { describe, expect, it } from "vitest";
import { sine } from "../test-helpers/signals.js";
import { createSpectrogram } from "./create-spectrogram.js";
import type { SpectrogramMatrix } from "./spectrogram-matrix.js";

const SR = 22_050;

function peakFrequency(m: SpectrogramMatrix, frame: number): number {
  let best = 0;
  for (let b = 1; b < m.bins; b++) if (m.data[frame * m.bins + b]! > m.data[frame * m.bins + best]!) best = b;
  return m.frequencies[best]!;
}

describe("createSpectrogram", () => {
  const tone = sine(3000, SR, SR);

  it.each([
    ["linear", SR / 2048],
    ["log", 3000 * (2 ** (1 / 48) - 1) + 1],
    ["mel", 40],
    ["cqt", 3000 * (2 ** (1 / 72) - 1) + 1],
  ] as const)("puts a 3 kHz sine at its frequency on the %s axis", (kind, tolerance) => {
    const m = createSpectrogram(kind, tone, SR, { minHz: 100, maxHz: 8000 });
    expect(m.kind).toBe(kind);
    expect(m.data.length).toBe(m.frames * m.bins);
    expect(m.frequencies.length).toBe(m.bins);
    expect(Math.abs(peakFrequency(m, m.frames >> 1) - 3000)).toBeLessThanOrEqual(tolerance);
    // A full-scale sine reads within 1.5 dB of 0 dB (window scaling); a mel band sums the
    // power of the whole Hann main lobe (Σ|W|² ≈ 1.5·peak² → up to +1.8 dB).
    expect(m.ceilingDb).toBeGreaterThan(-1.5);
    expect(m.ceilingDb).toBeLessThan(kind === "mel" ? 2 : 0.5);
  });

  it("clamps to the requested range below the loudest value", () => {
    const m = createSpectrogram("linear", tone, SR, { rangeDb: 60 });
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (const v of m.data) {
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
    expect(high).toBeCloseTo(m.ceilingDb, 5);
    expect(low).toBeCloseTo(m.ceilingDb - 60, 4);
    expect(m.floorDb).toBeCloseTo(m.ceilingDb - 60, 9);
  });

  it("honours a fixed ceiling", () => {
    const quiet = sine(3000, SR, SR, { amplitude: 0.01 });
    const m = createSpectrogram("cqt", quiet, SR, { minHz: 100, maxHz: 8000, ceilingDb: 0, rangeDb: 100 });
    expect(m.ceilingDb).toBe(0);
    let high = Number.NEGATIVE_INFINITY;
    for (const v of m.data) high = Math.max(high, v);
    expect(high).toBeGreaterThan(-41.5);
    expect(high).toBeLessThan(-39.5);
  });

  it("gives frame times t·hop/sampleRate and finds a burst in time", () => {
    const signal = new Float32Array(SR * 3);
    signal.set(sine(3000, SR, SR / 2), SR); // 1.0 s … 1.5 s
    const m = createSpectrogram("linear", signal, SR, { hopSize: 256 });
    expect(m.times[10]).toBeCloseTo((10 * 256) / SR, 12);
    expect(m.hopSeconds).toBeCloseTo(256 / SR, 12);
    const bin = Math.round((3000 * 2048) / SR);
    const loudFrames = [];
    for (let t = 0; t < m.frames; t++) if (m.data[t * m.bins + bin]! > m.ceilingDb - 6) loudFrames.push(m.times[t]!);
    expect(loudFrames[0]).toBeGreaterThan(0.95);
    expect(loudFrames[0]).toBeLessThan(1.05);
    expect(loudFrames.at(-1)).toBeGreaterThan(1.45);
    expect(loudFrames.at(-1)).toBeLessThan(1.55);
  });

  it("rejects an unknown kind", () => {
    expect(() => createSpectrogram("bark" as "mel", tone, SR)).toThrow(RangeError);
  });
});
