import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import { backtrace, logEmissionAt, viterbi } from "./viterbi.js";
import { viterbiWithSwitchCost } from "./viterbi-with-switch-cost.js";

/** The definition's scan over every change, in state order (strict >: ties keep the earlier). */
function plainScan(
  logEmissions: ArrayLike<number>,
  logTransition: ArrayLike<number>,
  logInitial: ArrayLike<number>,
  switchCost: ArrayLike<number>,
) {
  const states = logInitial.length;
  const steps = logEmissions.length / states;
  const backPointers = new Int32Array(steps * states);
  let previous = new Float64Array(states);
  let current = new Float64Array(states);
  for (let s = 0; s < states; s++) previous[s] = logInitial[s]! + logEmissionAt(logEmissions, s);
  for (let t = 1; t < steps; t++) {
    const cost = Number.isFinite(switchCost[t]!) ? switchCost[t]! : 0;
    for (let to = 0; to < states; to++) {
      let best = previous[to]! + logTransition[to * states + to]!;
      let argBest = to;
      for (let from = 0; from < states; from++) {
        if (from === to) continue;
        const score = previous[from]! + logTransition[from * states + to]! - cost;
        if (score > best) {
          best = score;
          argBest = from;
        }
      }
      current[to] = best + logEmissionAt(logEmissions, t * states + to);
      backPointers[t * states + to] = argBest;
    }
    [previous, current] = [current, previous];
  }
  return backtrace(previous, backPointers, steps);
}

describe("viterbiWithSwitchCost", () => {
  const stay = Math.log(0.9);
  const move = Math.log(0.1);
  const transition = [stay, move, move, stay];
  const initial = [Math.log(0.5), Math.log(0.5)];
  const observe = (state: number) => (state === 0 ? [Math.log(0.8), Math.log(0.2)] : [Math.log(0.2), Math.log(0.8)]);
  const observations = [0, 0, 1, 0, 0, 1, 1, 1, 1];

  it("equals plain Viterbi when no change costs anything", () => {
    const emissions = observations.flatMap(observe);
    const plain = viterbi(emissions, transition, initial);
    const free = viterbiWithSwitchCost(emissions, transition, initial, new Float32Array(observations.length));
    expect(Array.from(free.path)).toEqual(Array.from(plain.path));
    expect(free.logProbability).toBeCloseTo(plain.logProbability, 9);
  });

  it("moves a change to the step where changing is cheap", () => {
    // The evidence switches to state 1 at step 5; changes cost 5 nats except at step 4 (a "bar line").
    const emissions = observations.flatMap(observe);
    const cost = Float32Array.from(observations, (_, t) => (t === 4 ? 0 : 5));
    const { path } = viterbiWithSwitchCost(emissions, transition, initial, cost);
    expect(Array.from(path)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1]);
  });

  it("finds the best path exactly (against exhaustive search) with the scan-skipping bound", () => {
    const random = createSeededRandom(41);
    for (let trial = 0; trial < 40; trial++) {
      const states = 3;
      const steps = 5;
      const logTransition = Array.from({ length: states * states }, (_, i) =>
        i % (states + 1) === 0 ? Math.log(0.6 + 0.3 * random()) : Math.log(0.05 + 0.2 * random()),
      );
      const logInitial = Array.from({ length: states }, () => Math.log(random()));
      const emissions = Array.from({ length: steps * states }, () => 3 * Math.log(random()));
      const cost = Array.from({ length: steps }, () => (random() < 0.5 ? 0 : 4 * random()));
      let best = Number.NEGATIVE_INFINITY;
      // Every one of the 3^5 paths, scored by the definition in the module header.
      for (let code = 0; code < states ** steps; code++) {
        const path = Array.from({ length: steps }, (_, t) => Math.floor(code / states ** t) % states);
        let score = logInitial[path[0]!]! + emissions[path[0]!]!;
        for (let t = 1; t < steps; t++) {
          const [from, to] = [path[t - 1]!, path[t]!];
          score += logTransition[from * states + to]! - (from === to ? 0 : cost[t]!) + emissions[t * states + to]!;
        }
        best = Math.max(best, score);
      }
      const result = viterbiWithSwitchCost(emissions, logTransition, logInitial, cost);
      expect(result.logProbability).toBeCloseTo(best, 9);
    }
  });

  it("gives the plain scan's path and score exactly, ties, −∞ and NaN included (the sorted, stopping scan)", () => {
    const random = createSeededRandom(97);
    for (let trial = 0; trial < 300; trial++) {
      const states = 1 + Math.floor(random() * 30);
      const steps = 1 + Math.floor(random() * 60);
      // Coarse values make ties in sums common; some transitions and emissions are −∞ or NaN.
      const coarse = trial % 2 === 0;
      const value = (scale: number) => (coarse ? -Math.round(4 * scale * random()) / 4 : -scale * random());
      const logTransition = Float64Array.from({ length: states * states }, (_, i) =>
        random() < 0.03 ? Number.NEGATIVE_INFINITY : i % (states + 1) === 0 ? value(0.5) : value(4),
      );
      const logInitial = Float64Array.from({ length: states }, () => value(2));
      const emissions = Float64Array.from({ length: steps * states }, () => {
        const draw = random();
        if (trial % 5 === 0 && draw < 0.01) return Number.NaN;
        return draw < 0.02 ? Number.NEGATIVE_INFINITY : value(6);
      });
      const cost = Float64Array.from({ length: steps }, () =>
        random() < 0.3 ? 0 : random() < 0.1 ? Number.NaN : value(3) * -1,
      );
      const expected = plainScan(emissions, logTransition, logInitial, cost);
      const actual = viterbiWithSwitchCost(emissions, logTransition, logInitial, cost);
      expect(Array.from(actual.path), `trial ${trial}`).toEqual(Array.from(expected.path));
      expect(
        Object.is(actual.logProbability, expected.logProbability) || actual.logProbability === expected.logProbability,
        `trial ${trial}`,
      ).toBe(true);
    }
  });

  it("handles no steps and non-finite costs, and rejects bad shapes", () => {
    expect(viterbiWithSwitchCost([], transition, initial, []).path.length).toBe(0);
    const emissions = observations.flatMap(observe);
    const costs = new Float32Array(observations.length).fill(Number.NaN);
    expect(Array.from(viterbiWithSwitchCost(emissions, transition, initial, costs).path)).toEqual(
      Array.from(viterbi(emissions, transition, initial).path),
    );
    expect(() => viterbiWithSwitchCost([0, 0, 0], transition, initial, [0])).toThrow(RangeError);
    expect(() => viterbiWithSwitchCost([0, 0], transition, initial, [0, 0])).toThrow(RangeError);
    expect(() => viterbiWithSwitchCost([0, 0], [0, 0], initial, [0])).toThrow(RangeError);
  });
});
