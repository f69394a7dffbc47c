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
  const change = 1 - stayProbability;
  const logStay = Math.log(stayProbability);
  const logToNoChord = Math.log(change * noChordProbability);
  // From N: every other state alike.
  matrix.fill(Math.log(change / (states - 1)), noChordState * states);
  matrix[noChordState * states + noChordState] = logStay;
  // From a chord, a change weighs by the root motion alone, so each row is made of one block
  // of 12 values per quality, rotated to the row's root (filled natively, with `set`).
  const blocks = Array.from({ length: 12 }, () => new Float64Array(12));
  const total = integerTotal(noChordState, fifthWeight, stepWeight, sameRootWeight);
  for (let from = 0; from < noChordState; from++) {
    const row = from * states;
    const root = from % 12;
    // The row's total weight: one sum per row in state order, unless every partial sum is an
    // integer below 2^53, which no order can round (then one value serves every row).
    const rowTotal = total ?? rowWeightTotal(from, noChordState, fifthWeight, stepWeight, sameRootWeight);
    if (total === null || from < 12) {
      const block = blocks[root]!;
      for (let k = 0; k < 12; k++) {
        const weight = motionWeight((k - root + 1200) % 12, fifthWeight, stepWeight, sameRootWeight);
        block[k] = Math.log((change * (1 - noChordProbability) * weight) / rowTotal);
      }
    }
    for (let block = 0; block < noChordState; block += 12) matrix.set(blocks[root]!, row + block);
    matrix[row + from] = logStay;
    matrix[row + noChordState] = logToNoChord;
  }
  return matrix;
}

/**
 * The total change weight of any chord row when every weight is a non-negative integer (then
 * every partial sum is an exact integer, whatever the order); null otherwise.
 */
function integerTotal(chords: number, fifth: number, step: number, sameRoot: number): number | null {
  if (![fifth, step, sameRoot].every(Number.isInteger)) return null;
  const qualities = chords / 12;
  let perRoot = 0;
  for (let interval = 1; interval < 12; interval++) perRoot += motionWeight(interval, fifth, step, sameRoot);
  const total = qualities * perRoot + (qualities - 1) * sameRoot;
  // Weights ≥ 0: no partial sum exceeds the total.
  return Math.min(fifth, step, sameRoot) >= 0 && Number.isSafeInteger(total) ? total : null;
}

/** The total change weight of row `from`, summed in state order. */
function rowWeightTotal(from: number, chords: number, fifth: number, step: number, sameRoot: number): number {
  let total = 0;
  for (let to = 0; to < chords; to++) {
    total += to === from ? 0 : motionWeight((to - from + 1200) % 12, fifth, step, sameRoot);
  }
  return total;
}

function motionWeight(interval: number, fifth: number, step: number, sameRoot: number): number {
  if (interval === 0) return sameRoot;
  if (interval === 5 || interval === 7) return fifth;
  return interval === 6 ? 1 : step;
}
