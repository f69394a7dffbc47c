/**
 * Precision, recall and F-measure of a matching, with mir_eval's conventions
 * (`mir_eval.util.f_measure`): F = (1 + β²)·P·R / (β²·P + R), and 0 when P = R = 0.
 * Reference: van Rijsbergen (1979), Information Retrieval, ch. 7.
 */

/** Scores of a set of estimated events against reference events. */
export interface PrecisionRecall {
  /** Harmonic mean of precision and recall (β = 1 unless stated), in [0, 1]. */
  readonly fMeasure: number;
  /** Matched estimates / all estimates. */
  readonly precision: number;
  /** Matched references / all references. */
  readonly recall: number;
}

/** The all-zero score mir_eval returns for an empty reference or estimate. */
export const ZERO_PRECISION_RECALL: PrecisionRecall = Object.freeze({ fMeasure: 0, precision: 0, recall: 0 });

/** F-measure from precision and recall (mir_eval.util.f_measure). */
export function fMeasure(precision: number, recall: number, beta = 1): number {
  if (precision === 0 && recall === 0) return 0;
  const betaSquared = beta ** 2;
  return ((1 + betaSquared) * precision * recall) / (betaSquared * precision + recall);
}

/** Precision, recall and F-measure of `matched` pairs among `estimatedCount` and `referenceCount` items. */
export function precisionRecallFromCounts(
  matched: number,
  referenceCount: number,
  estimatedCount: number,
): PrecisionRecall {
  if (referenceCount === 0 || estimatedCount === 0) return ZERO_PRECISION_RECALL;
  const precision = matched / estimatedCount;
  const recall = matched / referenceCount;
  return { fMeasure: fMeasure(precision, recall), precision, recall };
}
