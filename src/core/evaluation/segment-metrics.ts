/**
 * Structural segmentation scores of `mir_eval.segment`:
 * - boundary detection hit rate: boundaries are the distinct interval edges rounded to 5
 *   decimals; with trim the first and last (track start and end) are dropped; precision and
 *   recall come from a maximum matching within ±window (0.5 s and 3 s are customary).
 * - pairwise frame clustering: both label sequences are sampled every 0.1 s (labels compared
 *   case-insensitively, uncovered frames get a shared "none" label); precision is the share
 *   of frame pairs labelled alike in the estimate that are alike in the reference, recall
 *   the converse. Counted from the label contingency table instead of n×n matrices.
 * Reference: D. Turnbull et al. (2007), "A supervised approach for detecting boundaries in
 *   music using difference features and boosting", ISMIR (hit rate); M. Levy and M. Sandler
 *   (2008), "Structural segmentation of musical audio by constrained clustering", IEEE TASLP
 *   16(2) (pairwise F); mir_eval 0.7 segment.detection / segment.pairwise.
 */
import { fMeasure, type PrecisionRecall, precisionRecallFromCounts } from "./f-measure.js";
import {
  type Interval,
  intervalsToBoundaries,
  type LabeledIntervals,
  sampleIntervalLabels,
} from "./labeled-intervals.js";
import { matchEvents } from "./match-events.js";

/** Frame length of the pairwise clustering metric in seconds (mir_eval default). */
export const PAIRWISE_FRAME_SECONDS = 0.1;

/** Boundary hit rate of estimated segments against reference segments (mir_eval.segment.detection). */
export function boundaryDetection(
  reference: readonly Interval[],
  estimated: readonly Interval[],
  windowSeconds: number,
  trim: boolean,
): PrecisionRecall {
  let referenceBoundaries = intervalsToBoundaries(reference);
  let estimatedBoundaries = intervalsToBoundaries(estimated);
  if (trim) {
    referenceBoundaries = referenceBoundaries.slice(1, -1);
    estimatedBoundaries = estimatedBoundaries.slice(1, -1);
  }
  if (referenceBoundaries.length === 0 || estimatedBoundaries.length === 0) return precisionRecallFromCounts(0, 0, 0);
  const matched = matchEvents(referenceBoundaries, estimatedBoundaries, windowSeconds).length;
  return precisionRecallFromCounts(matched, referenceBoundaries.length, estimatedBoundaries.length);
}

/**
 * Pairwise frame-clustering precision, recall and F (mir_eval.segment.pairwise). Both
 * segmentations should start at 0 and end at the same time. When no two estimated (or
 * reference) frames share a label the ratio is 0/0 and, as in mir_eval, the result is NaN.
 */
export function pairwiseClustering(
  reference: LabeledIntervals,
  estimated: LabeledIntervals,
  frameSeconds: number = PAIRWISE_FRAME_SECONDS,
): PrecisionRecall {
  if (reference.intervals.length === 0 || estimated.intervals.length === 0) return precisionRecallFromCounts(0, 0, 0);
  const referenceFrames = sampleIntervalLabels(reference, frameSeconds, "None").map(foldLabel);
  const estimatedFrames = sampleIntervalLabels(estimated, frameSeconds, "None").map(foldLabel);
  if (referenceFrames.length !== estimatedFrames.length) {
    throw new RangeError(
      `pairwiseClustering: reference and estimate must end together, got ${referenceFrames.length} and ${estimatedFrames.length} frames`,
    );
  }
  const referenceAgreeing = agreeingPairs(referenceFrames);
  const estimatedAgreeing = agreeingPairs(estimatedFrames);
  const bothAgreeing = agreeingPairs(referenceFrames.map((label, index) => `${label}\u0000${estimatedFrames[index]}`));
  const precision = bothAgreeing / estimatedAgreeing;
  const recall = bothAgreeing / referenceAgreeing;
  return { fMeasure: fMeasure(precision, recall), precision, recall };
}

/** mir_eval.util.index_labels compares str(label).lower(). */
function foldLabel(label: string): string {
  return label.toLowerCase();
}

/** Number of unordered pairs of distinct frames with equal labels: Σ c(c−1)/2 over label counts. */
function agreeingPairs(labels: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  let squares = 0;
  for (const count of counts.values()) squares += count * count;
  return (squares - labels.length) / 2;
}
