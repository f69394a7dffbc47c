import { describe, expect, it } from "vitest";
import { frameLevelsDb, levelOnsets } from "./segment-notes-onsets.js";

describe("frameLevelsDb", () => {
  it("measures a sine's level (−3 dB re full-scale square) around each frame time", () => {
    const rate = 8000;
    const samples = new Float32Array(rate).map((_, i) => (i < rate / 2 ? 0 : Math.sin((2 * Math.PI * 440 * i) / rate)));
    const levels = frameLevelsDb(samples, Float64Array.from([0.1, 0.75]), rate, 400);
    expect(levels[0]).toBeCloseTo(-120, 3);
    expect(levels[1]).toBeCloseTo(10 * Math.log10(0.5), 1);
  });

  it("rejects a bad window length", () => {
    expect(() => frameLevelsDb(new Float32Array(10), new Float64Array(1), 8000, 0)).toThrow(/windowLength/);
  });
});

describe("levelOnsets", () => {
  it("finds each attack once, at the frame after the dip", () => {
    // Decays from −10 dB by 1 dB a frame; dips to −40 dB at frames 9 and 24; attacks at 10 and 25.
    const levels = new Float32Array(40).map((_, t) => {
      if (t === 9 || t === 24) return -40;
      const since = t >= 25 ? t - 25 : t >= 10 ? t - 10 : t + 5;
      return since === 0 ? -20 : -10 - since;
    });
    expect(levelOnsets(levels, 12, 5)).toEqual([10, 25]);
  });

  it("ignores slow swells and small tremolo", () => {
    const swell = new Float32Array(50).map((_, t) => -60 + t);
    const tremolo = new Float32Array(50).map((_, t) => -20 + 4 * Math.sin(t));
    expect(levelOnsets(swell, 12, 5)).toEqual([]);
    expect(levelOnsets(tremolo, 12, 5)).toEqual([]);
  });
});
