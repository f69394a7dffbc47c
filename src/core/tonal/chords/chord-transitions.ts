/**
 * The chord HMM's transition matrix (log probabilities, states × states, row = from):
 * staying on a chord has probability `stayProbability` per step; a change goes to N with
 * `noChordProbability` of the change mass, and to another chord in proportion to a weight
 * that favours common root motions: a fourth or fifth (V→I, I→IV) weighs `fifthWeight`,
 * a step or third `stepWeight`, a change of quality on the same root (C → C7, C → Cm)
 * `sameRootWeight`, anything else 1. From N, every chord is equally likely.
 * Cho & Bello found a strong self-transition to be most of what an HMM adds to chord
 * recognition; the root-motion weights are a mild musical prior on top.
 * Reference: Cho & Bello (2014), IEEE/ACM TASLP 22(2), §IV-C; Sheh & Ellis (2003), "Chord
 *   segmentation and recognition using EM-trained hidden Markov models", ISMIR.
 */
import type { ChordVocabulary } from "./chord-vocabulary.js";

export interface ChordTransitionOptions {
  /** Probability of keeping the chord from one step to the next; in (0, 1). */
  readonly stayProbability: number;
  /** Share of a change that goes to N (and of leaving N that stays N is `stayProbability`); in (0, 1). */
  readonly noChordProbability: number;
  /** Relative weight of a root motion by a fourth or fifth; > 0. */
  readonly fifthWeight: number;
  /** Relative weight of a root motion by a second or third; > 0. */
  readonly stepWeight: number;
  /** Relative weight of a quality change on the same root; > 0. */
  readonly sameRootWeight: number;
}

export const CHORD_TRANSITION_DEFAULTS: ChordTransitionOptions = {
  stayProbability: 0.95,
  noChordProbability: 0.02,
  fifthWeight: 1,
  stepWeight: 1,
  sameRootWeight: 5,
};

/** states × states log transition probabilities. */
export function chordTransitions(
  vocabulary: ChordVocabulary,
  options: Partial<ChordTransitionOptions> = {},
): Float64Array {
  const { stayProbability, noChordProbability, fifthWeight, stepWeight, sameRootWeight } = {
    ...CHORD_TRANSITION_DEFAULTS,
    ...options,
  };
  if (!(stayProbability > 0 && stayProbability < 1)) {
    throw new RangeError(`chordTransitions: stayProbability must be in (0, 1), got ${stayProbability}`);
  }
  if (!(noChordProbability > 0 && noChordProbability < 1)) {
    throw new RangeError(`chordTransitions: noChordProbability must be in (0, 1), got ${noChordProbability}`);
  }
  const { states, noChordState } = vocabulary;
  const matrix = new Float64Array(states * states);
  const weights = new Float64Array(states);
  const change = 1 - stayProbability;
  for (let from = 0; from < states; from++) {
    const row = from * states;
    if (from === noChordState) {
      for (let to = 0; to < states; to++) {
        matrix[row + to] = Math.log(to === from ? stayProbability : change / (states - 1));
      }
      continue;
    }
    let total = 0;
    for (let to = 0; to < noChordState; to++) {
      weights[to] = to === from ? 0 : motionWeight((to - from + 1200) % 12, fifthWeight, stepWeight, sameRootWeight);
      total += weights[to]!;
    }
    for (let to = 0; to < noChordState; to++) {
      matrix[row + to] =
        to === from ? Math.log(stayProbability) : Math.log((change * (1 - noChordProbability) * weights[to]!) / total);
    }
    matrix[row + noChordState] = Math.log(change * noChordProbability);
  }
  return matrix;
}

function motionWeight(interval: number, fifth: number, step: number, sameRoot: number): number {
  if (interval === 0) return sameRoot;
  if (interval === 5 || interval === 7) return fifth;
  return interval === 6 ? 1 : step;
}
