/**
 * Viterbi decoding with a time-varying cost of leaving a state: the state sequence
 * s[0…T−1] maximising log π(s0) + Σ_t [log A(s_{t−1}, s_t) − [s_t ≠ s_{t−1}]·c_t] + Σ_t log B(t, s_t),
 * where c_t ≥ 0 (log units) is what a change entering step t costs on top of the fixed
 * transition matrix. A per-step cost lets a model prefer changes at some positions
 * (chords change on bar lines) without one transition matrix per position; the
 * maximisation splits into "stay" and "best change", so the cost is still O(T·S²).
 * Inputs are flat, row-major as in viterbi.ts: emissions T × S, transition S × S (row =
 * from), initial S, switch costs T (entry 0 is unused); NaN emission rows count as
 * uninformative and a non-finite cost as 0.
 * Reference: Rabiner (1989), Proc. IEEE 77(2), §III-B (Viterbi); Mauch & Dixon (2010),
 *   IEEE TASLP 18(6), §III-B (chord transitions conditioned on the metric position).
 */
import { backtrace, hmmSteps, logEmissionAt, type ViterbiResult } from "./viterbi.js";

export function viterbiWithSwitchCost(
  logEmissions: ArrayLike<number>,
  logTransition: ArrayLike<number>,
  logInitial: ArrayLike<number>,
  switchCost: ArrayLike<number>,
): ViterbiResult {
  const steps = hmmSteps("viterbiWithSwitchCost", logEmissions, logTransition, logInitial);
  const states = logInitial.length;
  if (switchCost.length !== steps) {
    throw new RangeError(`viterbiWithSwitchCost: switchCost must have ${steps} values, got ${switchCost.length}`);
  }
  if (steps === 0) return { path: new Int32Array(0), logProbability: 0 };
  const backPointers = new Int32Array(steps * states);
  let previous = new Float64Array(states);
  let current = new Float64Array(states);
  // The best any change into `to` can gain from the matrix: with the best previous score it
  // bounds every change's score, so when even that bound cannot beat staying, the scan over
  // the other states is skipped. Sums round monotonically, so the skip never changes a result.
  const bestInto = new Float64Array(states).fill(Number.NEGATIVE_INFINITY);
  for (let from = 0; from < states; from++) {
    for (let to = 0; to < states; to++) {
      const value = logTransition[from * states + to]!;
      if (from !== to && value > bestInto[to]!) bestInto[to] = value;
    }
  }
  for (let s = 0; s < states; s++) previous[s] = logInitial[s]! + logEmissionAt(logEmissions, s);
  for (let t = 1; t < steps; t++) {
    const row = t * states;
    const cost = Number.isFinite(switchCost[t]!) ? switchCost[t]! : 0;
    let bestPrevious = Number.NEGATIVE_INFINITY;
    for (let s = 0; s < states; s++) if (previous[s]! > bestPrevious) bestPrevious = previous[s]!;
    for (let to = 0; to < states; to++) {
      // Staying is the incumbent, so ties go to staying.
      let best = previous[to]! + logTransition[to * states + to]!;
      let argBest = to;
      if (bestPrevious + bestInto[to]! - cost > best) {
        for (let from = 0; from < states; from++) {
          if (from === to) continue;
          const score = previous[from]! + logTransition[from * states + to]! - cost;
          if (score > best) {
            best = score;
            argBest = from;
          }
        }
      }
      current[to] = best + logEmissionAt(logEmissions, row + to);
      backPointers[row + to] = argBest;
    }
    const swap = previous;
    previous = current;
    current = swap;
  }
  return backtrace(previous, backPointers, steps);
}
