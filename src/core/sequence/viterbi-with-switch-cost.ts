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
  // The best any change into `to` can gain from the matrix: with a state's previous score it
  // bounds the score of every change from that state or a lower-scoring one (sums round
  // monotonically), which lets the scan below stop early without changing a result.
  const bestInto = new Float64Array(states).fill(Number.NEGATIVE_INFINITY);
  // The matrix by columns (row = to), so the scan over `from` reads consecutive values.
  const into = new Float64Array(states * states);
  transposeTransitions(logTransition, into, bestInto);
  for (let s = 0; s < states; s++) previous[s] = logInitial[s]! + logEmissionAt(logEmissions, s);
  // States by descending previous score, re-sorted each step (insertion sort: the order
  // changes little from step to step). The scan into `to` visits changes in this order and
  // stops once even the best transition from the next state cannot reach the best score so
  // far: fl(fl(p + a) − c) never decreases with p or a, so no state left could beat or tie it.
  const order = new Int32Array(states);
  for (let s = 0; s < states; s++) order[s] = s;
  // Each step is two calls of small functions, which V8 optimises once, with complete type
  // feedback; a long loop here would be compiled on the stack mid-loop, and again on the next call.
  for (let t = 1; t < steps; t++) {
    const cost = Number.isFinite(switchCost[t]!) ? switchCost[t]! : 0;
    const ordered = sortByScore(order, previous);
    advance(previous, current, into, bestInto, ordered ? order : null, cost, logEmissions, t * states, backPointers);
    const swap = previous;
    previous = current;
    current = swap;
  }
  return backtrace(previous, backPointers, steps);
}

/** `into` = the transition matrix by columns, and per column its largest change (off the diagonal). */
function transposeTransitions(logTransition: ArrayLike<number>, into: Float64Array, bestInto: Float64Array): void {
  const states = bestInto.length;
  for (let from = 0; from < states; from++) {
    for (let to = 0; to < states; to++) {
      const value = logTransition[from * states + to]!;
      into[to * states + from] = value;
      if (from !== to && value > bestInto[to]!) bestInto[to] = value;
    }
  }
}

/**
 * Re-sorts `order` by descending `scores` (insertion sort, stable); false when a score is
 * NaN (the order then means nothing and the scan must visit every state).
 */
function sortByScore(order: Int32Array, scores: Float64Array): boolean {
  const states = order.length;
  let ordered = true;
  for (let i = 1; i < states; i++) {
    const state = order[i]!;
    const value = scores[state]!;
    if (Number.isNaN(value)) ordered = false;
    let j = i - 1;
    for (; j >= 0 && scores[order[j]!]! < value; j--) order[j + 1] = order[j]!;
    order[j + 1] = state;
  }
  return ordered && !Number.isNaN(scores[order[0]!]!);
}

/**
 * One Viterbi step into `current` and the back-pointers of row `row`: per state, staying
 * against the best change (from `order`, descending previous scores, or every state in
 * index order when null).
 */
function advance(
  previous: Float64Array,
  current: Float64Array,
  into: Float64Array,
  bestInto: Float64Array,
  order: Int32Array | null,
  cost: number,
  logEmissions: ArrayLike<number>,
  row: number,
  backPointers: Int32Array,
): void {
  const states = previous.length;
  for (let to = 0; to < states; to++) {
    const column = to * states;
    // Staying is the incumbent, so ties go to staying; among changes the lowest state wins.
    const stay = previous[to]! + into[column + to]!;
    let change = Number.NEGATIVE_INFINITY;
    let changeFrom = -1;
    const reach = bestInto[to]!;
    for (let rank = 0; rank < states; rank++) {
      const from = order !== null ? order[rank]! : rank;
      const bound = previous[from]! + reach - cost;
      if (order !== null && (bound <= stay || bound < change)) break;
      if (from === to) continue;
      const score = previous[from]! + into[column + from]! - cost;
      if (score > change || (score === change && from < changeFrom)) {
        change = score;
        changeFrom = from;
      }
    }
    const changes = change > stay;
    current[to] = (changes ? change : stay) + logEmissionAt(logEmissions, row + to);
    backPointers[row + to] = changes ? changeFrom : to;
  }
}
