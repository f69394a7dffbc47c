/**
 * Viterbi decoding of a hidden Markov model in the log domain: the state sequence
 * s[0…T−1] maximising log π(s0) + Σ_t log A(s_{t−1}, s_t) + Σ_t log B(t, s_t).
 * Inputs are flat, row-major: emissions T × S (log B), transition S × S (log A, row = from),
 * initial S (log π). −Infinity marks impossible entries. Cost O(T·S²); one T × S Int32Array
 * of back-pointers and two S-long score rows are the only allocations.
 * Non-finite emission rows (NaN) are treated as uninformative (all zero).
 * Reference: Rabiner (1989), "A tutorial on hidden Markov models and selected applications
 *   in speech recognition", Proc. IEEE 77(2), §III-B.
 */

export interface ViterbiResult {
  /** Most likely state per step. */
  readonly path: Int32Array;
  /** Log probability of that path (−Infinity when every path is impossible). */
  readonly logProbability: number;
}

export function viterbi(
  logEmissions: ArrayLike<number>,
  logTransition: ArrayLike<number>,
  logInitial: ArrayLike<number>,
): ViterbiResult {
  const states = logInitial.length;
  if (states === 0) throw new RangeError("viterbi: logInitial must have at least one state");
  if (logTransition.length !== states * states) {
    throw new RangeError(`viterbi: logTransition must have ${states * states} values, got ${logTransition.length}`);
  }
  if (logEmissions.length % states !== 0) {
    throw new RangeError(`viterbi: logEmissions length ${logEmissions.length} is not a multiple of ${states} states`);
  }
  const steps = logEmissions.length / states;
  const path = new Int32Array(steps);
  if (steps === 0) return { path, logProbability: 0 };
  const backPointers = new Int32Array(steps * states);
  let previous = new Float64Array(states);
  let current = new Float64Array(states);
  for (let s = 0; s < states; s++) previous[s] = logInitial[s]! + emission(logEmissions, s);
  for (let t = 1; t < steps; t++) {
    const row = t * states;
    for (let to = 0; to < states; to++) {
      let best = -Infinity;
      let argBest = 0;
      for (let from = 0; from < states; from++) {
        const score = previous[from]! + logTransition[from * states + to]!;
        if (score > best) {
          best = score;
          argBest = from;
        }
      }
      current[to] = best + emission(logEmissions, row + to);
      backPointers[row + to] = argBest;
    }
    const swap = previous;
    previous = current;
    current = swap;
  }
  let last = 0;
  for (let s = 1; s < states; s++) if (previous[s]! > previous[last]!) last = s;
  const logProbability = previous[last]!;
  path[steps - 1] = last;
  for (let t = steps - 1; t > 0; t--) path[t - 1] = backPointers[t * states + path[t]!]!;
  return { path, logProbability };
}

function emission(logEmissions: ArrayLike<number>, index: number): number {
  const value = logEmissions[index]!;
  return Number.isNaN(value) ? 0 : value;
}
