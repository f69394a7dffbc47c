/**
 * Continuity-based beat tracking scores as `mir_eval.beat.continuity`: an estimated beat is
 * correct when its phase error relative to the reference inter-beat interval and its period
 * error relative to that interval are both below 17.5 %. CMLc is the longest run of correct
 * beats, CMLt the total fraction, at the correct metrical level; AMLc and AMLt take the best
 * over the variations (off-beat, double, half tempo odd/even). Both sequences should already
 * be trimmed (`trimBeats`); fewer than two beats in either scores 0.
 * The loop reproduces mir_eval step by step, including its choice of the nearest reference
 * (first index on ties), the look-forward rule at the first beat or first annotation, and
 * dividing by max(#reference, #estimated).
 * Reference: S. Hainsworth (2004), "Techniques for the automated analysis of musical audio",
 *   PhD thesis; A. Klapuri et al. (2006), IEEE TASLP 14(1); mir_eval 0.7 beat.continuity.
 */
import { beatVariationList, referenceBeatVariations } from "./beat-metrics.js";

/** Allowed phase and period errors as fractions of the inter-annotation interval (mir_eval defaults). */
export interface BeatContinuityOptions {
  readonly phaseThreshold: number;
  readonly periodThreshold: number;
}

export const BEAT_CONTINUITY_DEFAULTS: BeatContinuityOptions = { phaseThreshold: 0.175, periodThreshold: 0.175 };

export interface BeatContinuity {
  /** Correct metrical level, longest continuous run. */
  readonly cmlc: number;
  /** Correct metrical level, total. */
  readonly cmlt: number;
  /** Any metrical level, longest continuous run. */
  readonly amlc: number;
  /** Any metrical level, total. */
  readonly amlt: number;
}

/** CMLc, CMLt, AMLc, AMLt of estimated beats against reference beats (both sorted seconds). */
export function beatContinuity(
  reference: readonly number[],
  estimated: readonly number[],
  options: Partial<BeatContinuityOptions> = {},
): BeatContinuity {
  const { phaseThreshold, periodThreshold } = { ...BEAT_CONTINUITY_DEFAULTS, ...options };
  if (reference.length <= 1 || estimated.length <= 1) return { cmlc: 0, cmlt: 0, amlc: 0, amlt: 0 };
  const continuous: number[] = [];
  const total: number[] = [];
  for (const variation of beatVariationList(referenceBeatVariations(reference))) {
    const successes = beatSuccesses(variation, estimated, phaseThreshold, periodThreshold);
    let longest = 0;
    let run = 0;
    let count = 0;
    for (const success of successes) {
      run = success ? run + 1 : 0;
      if (run > longest) longest = run;
      if (success) count++;
    }
    continuous.push(longest / successes.length);
    total.push(count / successes.length);
  }
  return { cmlc: continuous[0]!, cmlt: total[0]!, amlc: Math.max(...continuous), amlt: Math.max(...total) };
}

/** Per-position success flags, length max(#reference, #estimated), as mir_eval computes them. */
function beatSuccesses(
  reference: readonly number[],
  estimated: readonly number[],
  phaseThreshold: number,
  periodThreshold: number,
): boolean[] {
  const annotationCount = Math.max(reference.length, estimated.length);
  const used = new Uint8Array(annotationCount);
  const successes = new Array<boolean>(annotationCount).fill(false);
  for (let m = 0; m < estimated.length; m++) {
    const beat = estimated[m]!;
    let nearest = 0;
    let minDifference = Math.abs(beat - reference[0]!);
    for (let index = 1; index < reference.length; index++) {
      const difference = Math.abs(beat - reference[index]!);
      if (difference < minDifference) {
        minDifference = difference;
        nearest = index;
      }
    }
    if (used[nearest] !== 0) continue;
    let phase: number;
    let period: number;
    if (m === 0 || nearest === 0) {
      // Look forward: no previous beat or annotation to measure the interval from.
      const referenceInterval =
        nearest + 1 < reference.length
          ? reference[nearest + 1]! - reference[nearest]!
          : reference[nearest]! - reference[nearest - 1]!;
      const estimatedInterval =
        m + 1 < estimated.length ? estimated[m + 1]! - estimated[m]! : estimated[m]! - estimated[m - 1]!;
      if (referenceInterval === 0) {
        phase = minDifference === 0 ? 1 : Number.POSITIVE_INFINITY;
        period = estimatedInterval === 0 ? 0 : Number.POSITIVE_INFINITY;
      } else {
        phase = Math.abs(minDifference / referenceInterval);
        period = Math.abs(1 - estimatedInterval / referenceInterval);
      }
    } else {
      const referenceInterval = reference[nearest]! - reference[nearest - 1]!;
      phase = Math.abs(minDifference / referenceInterval);
      period = Math.abs(1 - (estimated[m]! - estimated[m - 1]!) / referenceInterval);
    }
    if (phase < phaseThreshold && period < periodThreshold) {
      used[nearest] = 1;
      successes[m] = true;
    }
  }
  return successes;
}
