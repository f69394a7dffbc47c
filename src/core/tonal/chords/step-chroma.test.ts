import { describe, expect, it } from "vitest";
import { aggregateChroma } from "../../features/aggregate-chroma.js";
import { createSeededRandom } from "../../test-helpers/seeded-random.js";
import type { BassTrebleChroma } from "./bass-treble-chroma.js";
import { stepChroma } from "./step-chroma.js";

/** Frames of 0.1 s (hop 2205 at 22.05 kHz, uncentred); each value drawn by `draw`. */
function chromaOf(frames: number, draw: () => number): BassTrebleChroma {
  const treble = Float32Array.from({ length: frames * 12 }, draw);
  const bass = Float32Array.from({ length: frames * 12 }, draw);
  return { frames, treble, bass, hopSize: 2205, frameSize: 4096, sampleRate: 22_050, center: false };
}

describe("stepChroma", () => {
  it("takes each step's median per bin exactly as aggregateChroma does, in both registers", () => {
    const random = createSeededRandom(7);
    // Sparse values with zeros of both signs, negatives, NaN and ∞ skipped, coarse values that tie.
    const draw = () => {
      const u = random();
      if (u < 0.3) return 0;
      if (u < 0.35) return -0;
      if (u < 0.37) return Number.NaN;
      if (u < 0.38) return Number.POSITIVE_INFINITY;
      if (u < 0.42) return -Math.round(random() * 4) / 4;
      return u < 0.7 ? Math.round(random() * 8) / 4 : random();
    };
    const chroma = chromaOf(400, draw);
    // Steps of 0 (no frame centre: the nearest frame) to 9 s (the native sort), past the end too.
    const boundaries = [0, 0.05, 0.05, 0.37, 0.4, 1.25, 2, 2.02, 3.3, 4.4, 13.4, 39.95, 41];
    const steps = stepChroma(chroma, boundaries);
    const treble = aggregateChroma({ ...chroma, data: chroma.treble }, boundaries, "median");
    const bass = aggregateChroma({ ...chroma, data: chroma.bass }, boundaries, "median");
    // Bit for bit, the sign of zero included.
    const bits = (values: Float32Array) => Array.from(new Uint32Array(values.buffer));
    expect(bits(steps.treble)).toEqual(bits(treble));
    expect(bits(steps.bass)).toEqual(bits(bass));
    expect(bits(steps.treble).some((bit) => bit === 0x80000000)).toBe(true);
  });

  it("gives zeros without frames or steps and rejects descending boundaries", () => {
    expect(
      stepChroma(
        chromaOf(0, () => 1),
        [0, 1],
      ).treble,
    ).toEqual(new Float32Array(12));
    expect(
      stepChroma(
        chromaOf(10, () => 1),
        [0],
      ).bass.length,
    ).toBe(0);
    expect(() =>
      stepChroma(
        chromaOf(10, () => 1),
        [0, 1, 0.5],
      ),
    ).toThrow(RangeError);
  });
});
