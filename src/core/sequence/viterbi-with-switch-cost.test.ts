import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import { viterbi } from "./viterbi.js";
import { viterbiWithSwitchCost } from "./viterbi-with-switch-cost.js";

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
