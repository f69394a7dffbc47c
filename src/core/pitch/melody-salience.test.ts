import { describe, expect, it } from "vitest";
import type { SpectralPeaks } from "../features/spectral-peaks.js";
import { melodySalience } from "./melody-salience.js";

const midiOf = (hz: number) => 69 + 12 * Math.log2(hz / 440);

/** Spectral peaks of frames that each hold the given partials (Hz, magnitude). */
function peaksOf(frames: readonly (readonly (readonly [number, number])[])[]): SpectralPeaks {
  const width = 48;
  const counts = new Int32Array(frames.length);
  const frequencies = new Float32Array(frames.length * width);
  const magnitudes = new Float32Array(frames.length * width);
  const midiPitches = new Float32Array(frames.length * width);
  frames.forEach((partials, t) => {
    counts[t] = partials.length;
    partials.forEach(([hz, magnitude], i) => {
      frequencies[t * width + i] = hz;
      magnitudes[t * width + i] = magnitude;
      midiPitches[t * width + i] = midiOf(hz);
    });
  });
  return {
    frames: frames.length,
    maxPeaksPerFrame: width,
    counts,
    frequencies,
    magnitudes,
    midiPitches,
    hopSize: 512,
    frameSize: 2048,
    sampleRate: 22_050,
    center: true,
  };
}

const harmonicTone = (f0: number, partials: number, level = 1) =>
  Array.from({ length: partials }, (_, h) => [f0 * (h + 1), level / (h + 1)] as const);

describe("melodySalience", () => {
  it("peaks at the f0 of a harmonic tone, not at its partials or subharmonics", () => {
    const candidates = melodySalience(peaksOf([harmonicTone(330, 8)]));
    expect(candidates.counts[0]).toBeGreaterThan(0);
    expect(candidates.midi[0]).toBeCloseTo(midiOf(330), 1);
  });

  it("finds the f0 of a tone without its fundamental (the missing fundamental)", () => {
    const candidates = melodySalience(peaksOf([harmonicTone(262, 8).slice(1)]));
    expect(candidates.midi[0]).toBeCloseTo(midiOf(262), 1);
  });

  it("ranks the louder of two tones first and keeps the other as a candidate", () => {
    const frame = [...harmonicTone(440, 6), ...harmonicTone(277, 6, 0.3)].sort((a, b) => a[0] - b[0]);
    const candidates = melodySalience(peaksOf([frame]));
    expect(candidates.midi[0]).toBeCloseTo(69, 1);
    const others = Array.from(candidates.midi.subarray(1, candidates.counts[0]));
    expect(others.some((midi) => Math.abs(midi - midiOf(277)) < 0.25)).toBe(true);
    for (let j = 1; j < candidates.counts[0]!; j++)
      expect(candidates.salience[j]).toBeLessThanOrEqual(candidates.salience[j - 1]!);
  });

  it("ignores peaks far below the frame's loudest and leaves silent frames empty", () => {
    const candidates = melodySalience(
      peaksOf([
        [],
        [
          [500, 1],
          [2000, 1e-4],
        ],
      ]),
      { candidatesPerFrame: 3 },
    );
    expect(candidates.counts[0]).toBe(0);
    expect(candidates.counts[1]).toBeGreaterThan(0);
    expect(
      Array.from(candidates.midi.subarray(3, 3 + candidates.counts[1]!)).some((m) => Math.abs(m - midiOf(2000)) < 0.2),
    ).toBe(false);
    expect(candidates.hopSeconds).toBeCloseTo(512 / 22_050, 9);
  });

  it("refuses options outside their ranges", () => {
    const peaks = peaksOf([harmonicTone(330, 4)]);
    expect(() => melodySalience(peaks, { minHz: 500, maxHz: 400 })).toThrow(RangeError);
    expect(() => melodySalience(peaks, { harmonics: 0 })).toThrow(RangeError);
    expect(() => melodySalience(peaks, { harmonicWeight: 1.5 })).toThrow(RangeError);
    expect(() => melodySalience(peaks, { candidatesPerFrame: 0 })).toThrow(RangeError);
  });
});
