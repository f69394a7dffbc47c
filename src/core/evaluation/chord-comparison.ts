/**
 * Chord label comparisons of `mir_eval.chord` on encoded chords, one score per pair:
 * 1 (equal under the rule), 0 (different) or −1 (reference outside the rule's vocabulary,
 * left out of the weighted accuracy).
 * - root: same root pitch class; only X references are out of vocabulary.
 * - majmin: same root and the same first 8 semitones (up to the fifth); references other
 *   than major, minor or N are out of vocabulary.
 * - sevenths: same root and the same full 12-semitone bitmap; references other than maj,
 *   min, maj7, 7, min7 or N are out of vocabulary (MIREX "sevenths").
 * Reference: mir_eval 0.7 chord.root / majmin / sevenths / weighted_accuracy; J. Pauwels and
 *   G. Peeters (2013), "Evaluating automatically estimated chord sequences", ICASSP.
 */
import { CHORD_QUALITIES, type EncodedChord } from "./chord-label.js";

/** Compares one reference chord with one estimated chord: 1, 0, or −1 for out of vocabulary. */
export type ChordComparison = (reference: EncodedChord, estimated: EncodedChord) => number;

const SEVENTHS_VOCABULARY = ["maj", "min", "maj7", "7", "min7", ""].map((quality) => CHORD_QUALITIES[quality]!);

export const compareRoot: ChordComparison = (reference, estimated) => {
  if (reference.bitmap.some((bit) => bit < 0)) return -1;
  return reference.root === estimated.root ? 1 : 0;
};

export const compareMajmin: ChordComparison = (reference, estimated) => {
  const isMajor = equalBits(reference.bitmap, CHORD_QUALITIES.maj!, 8);
  const isMinor = equalBits(reference.bitmap, CHORD_QUALITIES.min!, 8);
  const isNone = reference.root < 0 && reference.bitmap.every((bit) => bit === 0);
  if (!isMajor && !isMinor && !isNone) return -1;
  return reference.root === estimated.root && equalBits(reference.bitmap, estimated.bitmap, 8) ? 1 : 0;
};

export const compareSevenths: ChordComparison = (reference, estimated) => {
  if (!SEVENTHS_VOCABULARY.some((bitmap) => equalBits(reference.bitmap, bitmap, 12))) return -1;
  return reference.root === estimated.root && equalBits(reference.bitmap, estimated.bitmap, 12) ? 1 : 0;
};

/** The comparisons the corpus scores, by name. */
export const CHORD_COMPARISONS = { root: compareRoot, majmin: compareMajmin, sevenths: compareSevenths } as const;

export type ChordComparisonName = keyof typeof CHORD_COMPARISONS;

/**
 * Duration-weighted mean of the comparisons that are in vocabulary (≥ 0)
 * (mir_eval.chord.weighted_accuracy); 0 when all weights are 0 or nothing is comparable.
 */
export function weightedAccuracy(comparisons: readonly number[], weights: readonly number[]): number {
  if (comparisons.length !== weights.length) {
    throw new RangeError(
      `weightedAccuracy: weights must match comparisons in length, got ${weights.length} and ${comparisons.length}`,
    );
  }
  let totalWeight = 0;
  for (const weight of weights) totalWeight += weight;
  if (totalWeight === 0) return 0;
  let validWeight = 0;
  let anyValid = false;
  comparisons.forEach((comparison, index) => {
    if (comparison >= 0) {
      validWeight += weights[index]!;
      anyValid = true;
    }
  });
  if (!anyValid) return 0;
  let score = 0;
  comparisons.forEach((comparison, index) => {
    if (comparison >= 0) score += comparison * (weights[index]! / validWeight);
  });
  return score;
}

function equalBits(left: readonly number[], right: readonly number[], count: number): boolean {
  for (let index = 0; index < count; index++) if (left[index] !== right[index]) return false;
  return true;
}
