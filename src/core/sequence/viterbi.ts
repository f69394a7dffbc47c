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

/** Checks the shapes of an HMM's flat inputs and returns the number of steps. */
export function hmmSteps(
  name: string,
  logEmissions: ArrayLike<number>,
  logTransition: ArrayLike<number>,
  logInitial: ArrayLike<number>,
): number {
  const states = logInitial.length;
  if (states === 0) throw new RangeError(`${name}: logInitial must have at least one state`);
  if (logTransition.length !== states * states) {
    throw new RangeError(`${name}: logTransition must have ${states * states} values, got ${logTransition.length}`);
  }
  if (logEmissions.length % states !== 0) {
    throw new RangeError(`${name}: logEmissions length ${logEmissions.length} is not a multiple of ${states} states`);
  }
  return logEmissions.length / states;
}

/** Log emission at a flat index; NaN counts as uninformative (0). */
export function logEmissionAt(logEmissions: ArrayLike<number>, index: number): number {
  const value = logEmissions[index]!;
  return Number.isNaN(value) ? 0 : value;
}

/** Follows the back-pointers from the best final state; `finalScores` are the last step's. */
export function backtrace(finalScores: Float64Array, backPointers: Int32Array, steps: number): ViterbiResult {
  const states = finalScores.length;
  const path = new Int32Array(steps);
  let last = 0;
  for (let s = 1; s < states; s++) if (finalScores[s]! > finalScores[last]!) last = s;
  path[steps - 1] = last;
  for (let t = steps - 1; t > 0; t--) path[t - 1] = backPointers[t * states + path[t]!]!;
  return { path, logProbability: finalScores[last]! };
}

export function viterbi(
  logEmissions: ArrayLike<number>,
  logTransition: ArrayLike<number>,
  logInitial: ArrayLike<number>,
): ViterbiResult {
  const steps = hmmSteps("viterbi", logEmissions, logTransition, logInitial);
  const states = logInitial.length;
  if (steps === 0) return { path: new Int32Array(0), logProbability: 0 };
  const backPointers = new Int32Array(steps * states);
  let previous = new Float64Array(states);
  let current = new Float64Array(states);
  for (let s = 0; s < states; s++) previous[s] = logInitial[s]! + logEmissionAt(logEmissions, s);
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
      current[to] = best + logEmissionAt(logEmissions, row + to);
      backPointers[row + to] = argBest;
    }
    const swap = previous;
    previous = current;
    current = swap;
  }
  return backtrace(previous, backPointers, steps);
}
