/**
 * Beat tracking F-measure and its preprocessing as in `mir_eval.beat`: beats before 5 s are
 * trimmed from both sequences (the listener needs time to find the beat), an estimated beat
 * is correct when it pairs with a reference beat within ±70 ms (maximum matching), and an
 * empty sequence scores 0. Downbeats use the same F-measure without trimming.
 * Also the metrical variations of the reference (off-beat, double, half odd, half even)
 * that the continuity metrics (AMLc/AMLt) accept.
 * Reference: M. E. P. Davies, N. Degara and M. D. Plumbley (2009), "Evaluation methods for
 *   musical audio beat tracking algorithms", QMUL tech. report C4DM-TR-09-06; mir_eval 0.7.
 */
import { type PrecisionRecall, precisionRecallFromCounts } from "./f-measure.js";
import { matchEvents } from "./match-events.js";

/** Beats before this time (seconds) are ignored by the trimmed beat metrics. */
export const BEAT_TRIM_SECONDS = 5;
/** F-measure tolerance for beats and downbeats in seconds (mir_eval.beat default). */
export const BEAT_WINDOW_SECONDS = 0.07;

/** The beats at or after `minBeatTime` seconds (mir_eval.beat.trim_beats). */
export function trimBeats(beats: readonly number[], minBeatTime: number = BEAT_TRIM_SECONDS): number[] {
  return beats.filter((time) => time >= minBeatTime);
}

/**
 * Precision, recall and F-measure of estimated beats against reference beats, both sorted,
 * not trimmed here (mir_eval.beat.f_measure returns only the F-measure).
 */
export function beatFMeasure(
  reference: readonly number[],
  estimated: readonly number[],
  windowSeconds: number = BEAT_WINDOW_SECONDS,
): PrecisionRecall {
  if (reference.length === 0 || estimated.length === 0) return precisionRecallFromCounts(0, 0, 0);
  const matched = matchEvents(reference, estimated, windowSeconds).length;
  return precisionRecallFromCounts(matched, reference.length, estimated.length);
}

/** The reference sequence and its metrical variations, in mir_eval's order. */
export interface BeatVariations {
  readonly original: readonly number[];
  readonly offBeat: readonly number[];
  readonly double: readonly number[];
  readonly halfOdd: readonly number[];
  readonly halfEven: readonly number[];
}

/**
 * Metrical variations of a reference beat sequence (mir_eval.beat._get_reference_beat_variations):
 * the double-tempo sequence interpolates a beat halfway between neighbours exactly as
 * `np.interp` does ((b − a)·0.5 + a); off-beat is its odd half; half tempo keeps every other beat.
 */
export function referenceBeatVariations(reference: readonly number[]): BeatVariations {
  const double: number[] = [];
  for (let index = 0; index < reference.length; index++) {
    double.push(reference[index]!);
    if (index + 1 < reference.length) {
      const current = reference[index]!;
      double.push((reference[index + 1]! - current) * 0.5 + current);
    }
  }
  return {
    original: reference,
    offBeat: double.filter((_, index) => index % 2 === 1),
    double,
    halfOdd: reference.filter((_, index) => index % 2 === 0),
    halfEven: reference.filter((_, index) => index % 2 === 1),
  };
}

/** The variations as a list in mir_eval's order: original first. */
export function beatVariationList(variations: BeatVariations): ReadonlyArray<readonly number[]> {
  return [variations.original, variations.offBeat, variations.double, variations.halfOdd, variations.halfEven];
}
