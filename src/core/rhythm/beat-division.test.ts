import { describe, expect, it } from "vitest";
import { beatDivision } from "./beat-division.js";

const BEATS = 16;
const PERIOD = 36;
const beatFrames = Int32Array.from({ length: BEATS }, (_, i) => 10 + i * PERIOD);
const frames = 10 + BEATS * PERIOD + 10;
/** Envelope with peaks of height `height(fraction)` at the given fractions of every beat. */
const pulses = (fractions: readonly number[], height: (fraction: number) => number = () => 1) => {
  const envelope = new Float32Array(frames);
  for (const frame of beatFrames) {
    envelope[frame] = 1;
    for (const fraction of fractions) envelope[Math.round(frame + fraction * PERIOD)] = height(fraction);
  }
  return envelope;
};

describe("beatDivision", () => {
  it("finds eighths in thirds of a dotted-quarter beat and none at its half", () => {
    const [third, half, twoThirds] = beatDivision(
      beatFrames,
      [pulses([1 / 3, 2 / 3], () => 0.5)],
      [1 / 3, 1 / 2, 2 / 3],
    );
    expect(third).toBeCloseTo(0.5, 2);
    expect(twoThirds).toBeCloseTo(0.5, 2);
    expect(half).toBe(0);
  });

  it("finds binary eighths at the half beat and nothing at the thirds", () => {
    const [third, half, twoThirds] = beatDivision(beatFrames, [pulses([1 / 2], () => 0.4)], [1 / 3, 1 / 2, 2 / 3]);
    expect(third).toBe(0);
    expect(twoThirds).toBe(0);
    expect(half).toBeCloseTo(0.4, 2);
  });

  it("measures one beat of each group only, and takes the median over envelopes", () => {
    const envelope = pulses([]);
    for (let i = 1; i < BEATS - 1; i += 3) envelope[beatFrames[i]! + PERIOD / 2] = 2;
    expect(beatDivision(beatFrames, [envelope], [0.5], { period: 3, phase: 1 })[0]).toBeCloseTo(2, 2);
    expect(beatDivision(beatFrames, [envelope], [0.5], { period: 3, phase: 0 })[0]).toBe(0);
    const odd = beatDivision(beatFrames, [pulses([0.5], () => 0.2), pulses([0.5], () => 0.6), pulses([0.5])], [0.5]);
    expect(odd[0]).toBeCloseTo(0.6, 2);
  });

  it("gives zeros for empty, silent or too short input and rejects a bad period", () => {
    expect([...beatDivision(new Int32Array(0), [pulses([])], [0.5])]).toEqual([0]);
    expect([...beatDivision(beatFrames, [new Float32Array(frames)], [0.5])]).toEqual([0]);
    expect([...beatDivision(beatFrames.slice(0, 3), [pulses([0.5])], [0.5])]).toEqual([0]);
    expect([...beatDivision(beatFrames, [], [0.5])]).toEqual([0]);
    expect(() => beatDivision(beatFrames, [pulses([])], [0.5], { period: 0 })).toThrow(RangeError);
  });
});
