/**
 * The recommendation type and how its message is written at each level:
 * - informative states the fact ("Low end (20–200 Hz) is 3.1 dB above the Techno target");
 * - suggestive adds what to consider ("…: consider cutting 60–120 Hz by about 2 dB");
 * - prescriptive gives concrete settings ("…: low shelf at 120 Hz, −2.0 dB, Q 0.7").
 * A figure within the target says so only at the informative level; at the other levels it is
 * marked "ok". A figure that could not be measured gives "cannot assess" with the reason, at
 * every level, and severity "unknown" (never a message with NaN in it).
 */

export const RECOMMENDATION_LEVELS = ["informative", "suggestive", "prescriptive"] as const;
export type RecommendationLevel = (typeof RECOMMENDATION_LEVELS)[number];

/** "unknown": the figure was not measured (silence, too short, mono for stereo figures…). */
export type Severity = "ok" | "minor" | "major" | "unknown";

export type RecommendationArea =
  | "loudness"
  | "true-peak"
  | "dynamics"
  | "loudness-range"
  | "stereo-width"
  | "low-end-mono"
  | "clipping"
  | "dc-offset"
  | "spectral-balance"
  | `band:${string}`;

/** What a figure is compared with: a range, a single value (ideal), or both. */
export interface RecommendationTarget {
  readonly min: number | null;
  readonly max: number | null;
  readonly ideal: number | null;
}

export interface Recommendation {
  readonly area: RecommendationArea;
  readonly severity: Severity;
  /** The measured figure in `unit` (bands: level relative to the target, dB); null when unknown. */
  readonly measured: number | null;
  /** Unit of `measured` and `target`: "LUFS", "dBTP", "dB", "LU", "width", "correlation", "runs", "dBFS". */
  readonly unit: string;
  readonly target: RecommendationTarget;
  /** Signed deviation in `deltaUnit` (loudness: from the ideal; ranges: distance outside; bands: dB). */
  readonly delta: number | null;
  readonly deltaUnit: string;
  /** Bands only: the measured energy share and the target's, each in [0, 1]. */
  readonly shares?: { readonly measured: number; readonly target: number };
  readonly message: string;
}

/** The three wordings of one finding; `label` names the figure in "ok" and "cannot assess" lines. */
export interface Finding {
  readonly label: string;
  /** The fact, stated at every level. */
  readonly fact: string;
  /** What to consider, without the leading "consider". */
  readonly suggestion: string;
  /** Concrete settings. */
  readonly prescription: string;
}

/** The message of a finding that is off target, at `level`. */
export function issueMessage(level: RecommendationLevel, finding: Finding): string {
  if (level === "informative") return finding.fact;
  if (level === "suggestive") return `${finding.fact}: consider ${finding.suggestion}`;
  return `${finding.fact}: ${finding.prescription}`;
}

/** The message of a figure within its target: the fact at the informative level, else "<label>: ok". */
export function okMessage(level: RecommendationLevel, label: string, fact: string): string {
  return level === "informative" ? fact : `${label}: ok`;
}

/** A recommendation for a figure that could not be measured. */
export function cannotAssess(
  area: RecommendationArea,
  label: string,
  reason: string,
  unit: string,
  target: RecommendationTarget,
  deltaUnit = unit,
): Recommendation {
  return {
    area,
    severity: "unknown",
    measured: null,
    unit,
    target,
    delta: null,
    deltaUnit,
    message: `${label}: cannot assess (${reason})`,
  };
}

/** How far `value` lies outside [min, max]: negative below, positive above, 0 inside. */
export function outsideBy(value: number, min: number, max: number): number {
  if (value < min) return value - min;
  if (value > max) return value - max;
  return 0;
}

/** "ok" inside, "minor" up to `minorLimit` outside, "major" beyond. */
export function severityOutside(distance: number, minorLimit: number): Severity {
  if (distance === 0) return "ok";
  return Math.abs(distance) <= minorLimit ? "minor" : "major";
}

/**
 * The amount of a corrective move for a deviation of `deviationDb`: 60 % of it (within the
 * "half to two-thirds" of common mastering advice), rounded to 0.5 dB, at least 0.5 dB.
 * Partial because a shelf or bell moves only part of a band and spills into its neighbours,
 * the limiter after the EQ reacts to the change, and the targets are central values of a wide
 * spread of real masters; make the move, re-measure, and repeat if needed.
 */
export function partialCorrectionDb(deviationDb: number): number {
  return Math.max(0.5, Math.round(Math.abs(deviationDb) * 0.6 * 2) / 2);
}

/** 2 → "2", 1.5 → "1.5": amounts in suggestions ("by about 2 dB"). */
export function aboutAmount(amountDb: number): string {
  return Number.isInteger(amountDb) ? amountDb.toFixed(0) : amountDb.toFixed(1);
}
