/**
 * Global tempo accuracy as the corpus scorer defines it (../shared/corpus/score.py):
 * Acc1 — the estimate lies within ±4 % of the reference tempo; Acc2 — within ±4 % of the
 * reference times 1, 2, ½, 3 or ⅓ (octave and triple/third errors forgiven); and the
 * absolute error in BPM. The tolerance test is written in score.py's exact arithmetic
 * (|t − r·f| ≤ 0.04·r·f) so values on the edge are decided identically. Also the meter
 * score: exact match of the time signature string ("3/4"), surrounding whitespace ignored.
 * Reference: F. Gouyon et al. (2006), "An experimental comparison of audio tempo induction
 *   algorithms", IEEE TASLP 14(5) (Accuracy 1 and 2).
 */

/** Relative tolerance of Acc1/Acc2. */
export const TEMPO_TOLERANCE = 0.04;
/** Metrical factors accepted by Acc2, in score.py's order. */
export const TEMPO_METRICAL_FACTORS: readonly number[] = [1, 2, 0.5, 3, 1 / 3];

export interface TempoAccuracy {
  /** 1 when within ±4 % of the reference, else 0. */
  readonly acc1: number;
  /** 1 when within ±4 % of the reference times 1, 2, ½, 3 or ⅓, else 0. */
  readonly acc2: number;
  /** |estimate − reference| in BPM. */
  readonly absoluteErrorBpm: number;
}

/** Acc1, Acc2 and absolute error of an estimated tempo (BPM) against the reference tempo (BPM). */
export function tempoAccuracy(
  referenceBpm: number,
  estimatedBpm: number,
  tolerance: number = TEMPO_TOLERANCE,
): TempoAccuracy {
  const acc1 = Math.abs(estimatedBpm - referenceBpm) <= tolerance * referenceBpm ? 1 : 0;
  const acc2 = TEMPO_METRICAL_FACTORS.some(
    (factor) => Math.abs(estimatedBpm - referenceBpm * factor) <= tolerance * referenceBpm * factor,
  )
    ? 1
    : 0;
  return { acc1, acc2, absoluteErrorBpm: Math.abs(estimatedBpm - referenceBpm) };
}

/** Exact-match accuracy of a time signature such as "3/4" (surrounding whitespace ignored). */
export function timeSignatureAccuracy(reference: string, estimated: string): number {
  return estimated.trim() === reference ? 1 : 0;
}
