/**
 * Onset detection F-measure as `mir_eval.onset.f_measure`: an estimated onset is correct
 * when it can be paired (maximum matching, each onset used once) with a reference onset
 * within ±window (50 ms by default). Empty reference or estimate scores 0.
 * Reference: mir_eval 0.7, onset.f_measure; S. Böck, F. Krebs and M. Schedl (2012),
 *   "Evaluating the online capabilities of onset detection methods", ISMIR.
 */
import { type PrecisionRecall, precisionRecallFromCounts } from "./f-measure.js";
import { matchEvents } from "./match-events.js";

/** Tolerance of onset matching in seconds (mir_eval.onset default). */
export const ONSET_WINDOW_SECONDS = 0.05;

/** Precision, recall and F-measure of estimated onsets (sorted seconds) against reference onsets. */
export function onsetFMeasure(
  reference: readonly number[],
  estimated: readonly number[],
  windowSeconds: number = ONSET_WINDOW_SECONDS,
): PrecisionRecall {
  if (reference.length === 0 || estimated.length === 0) return precisionRecallFromCounts(0, 0, 0);
  const matched = matchEvents(reference, estimated, windowSeconds).length;
  return precisionRecallFromCounts(matched, reference.length, estimated.length);
}
