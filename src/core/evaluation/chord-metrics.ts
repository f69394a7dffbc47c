/**
 * Weighted chord symbol recall (WCSR) over the reference span, as the corpus scorer computes
 * it with mir_eval: estimated labels mir_eval cannot parse become X; the estimate is cropped
 * and padded with N to the reference's [min, max] (mir_eval.util.adjust_intervals); both
 * sequences are cut at every boundary of either (merge_labeled_intervals — a gap between two
 * estimated chords takes the chord before it); each piece is compared with root, majmin and
 * sevenths and weighted by its duration. A comparison with no in-vocabulary piece scores 0.
 * Reference: mir_eval 0.7 chord module docs ("weighted_accuracy" example); score.py.
 */
import {
  CHORD_COMPARISONS,
  type ChordComparison,
  type ChordComparisonName,
  weightedAccuracy,
} from "./chord-comparison.js";
import { type EncodedChord, encodeChordLabel, NO_CHORD, UNKNOWN_CHORD_ENCODED } from "./chord-label.js";
import {
  adjustIntervals,
  intervalDurations,
  type LabeledIntervals,
  mergeLabeledIntervals,
} from "./labeled-intervals.js";

/** WCSR per comparison rule, each in [0, 1]. */
export type ChordScores = Readonly<Record<ChordComparisonName, number>>;

/** Chord recall of an estimated chord sequence against the reference (both sorted by start). */
export function chordScores(reference: LabeledIntervals, estimated: LabeledIntervals): ChordScores {
  const times = reference.intervals.flat();
  if (times.length === 0) return { root: 0, majmin: 0, sevenths: 0 };
  const spanStart = times.reduce((lowest, time) => Math.min(lowest, time));
  const spanEnd = times.reduce((highest, time) => Math.max(highest, time));
  const adjusted = adjustIntervals(estimated, spanStart, spanEnd, NO_CHORD, NO_CHORD);
  const merged = mergeLabeledIntervals(reference, adjusted);
  const durations = intervalDurations(merged.intervals);
  const referenceChords = merged.referenceLabels.map(encodeOrUnknown);
  const estimatedChords = merged.estimatedLabels.map(encodeOrUnknown);
  const score = (compare: ChordComparison): number => {
    const comparisons = referenceChords.map((chord, index) => compare(chord, estimatedChords[index]!));
    return weightedAccuracy(comparisons, durations);
  };
  return {
    root: score(CHORD_COMPARISONS.root),
    majmin: score(CHORD_COMPARISONS.majmin),
    sevenths: score(CHORD_COMPARISONS.sevenths),
  };
}

/** Encoded label, or X when mir_eval would not accept it. */
function encodeOrUnknown(label: string): EncodedChord {
  return encodeChordLabel(label) ?? UNKNOWN_CHORD_ENCODED;
}
