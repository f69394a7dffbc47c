import { describe, expect, it } from "vitest";
import { viterbi } from "./viterbi.js";

describe("viterbi", () => {
  // Rabiner's classic two-state example: the sticky model smooths over one odd observation.
  const stay = Math.log(0.9);
  const move = Math.log(0.1);
  const transition = [stay, move, move, stay];
  const initial = [Math.log(0.5), Math.log(0.5)];
  const observe = (state: number) => (state === 0 ? [Math.log(0.8), Math.log(0.2)] : [Math.log(0.2), Math.log(0.8)]);

  it("follows the observations and ignores a single outlier", () => {
    const emissions = [0, 0, 1, 0, 0, 1, 1, 1, 1].flatMap(observe);
    const { path, logProbability } = viterbi(emissions, transition, initial);
    expect(Array.from(path)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(Number.isFinite(logProbability)).toBe(true);
  });

  it("handles no steps, NaN rows and impossible transitions, and rejects bad shapes", () => {
    expect(viterbi([], transition, initial).path.length).toBe(0);
    const { path } = viterbi([Number.NaN, Number.NaN, ...observe(1)], [0, -Infinity, -Infinity, 0], initial);
    expect(Array.from(path)).toEqual([1, 1]);
    expect(() => viterbi([0, 0, 0], transition, initial)).toThrow(RangeError);
    expect(() => viterbi([0, 0], [0, 0], initial)).toThrow(RangeError);
  });
});
