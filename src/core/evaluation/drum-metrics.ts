/**
 * Drum transcription scores as the corpus scorer defines them: for each scored class
 * (kick, snare, hihat — open and closed hi-hat merged) the onset F-measure at ±50 ms
 * (mir_eval.onset.f_measure, maximum matching), and their mean. A class without reference
 * hits is not scored; a missing estimated class counts as no hits (F = 0).
 * Reference: score.py; C.-W. Wu et al. (2018), "A review of automatic drum transcription",
 *   IEEE/ACM TASLP 26(9) (per-instrument onset F at 50 ms).
 */
import { ONSET_WINDOW_SECONDS, onsetFMeasure } from "./onset-metrics.js";

/** The drum classes the corpus scores, in score.py's order. */
export const SCORED_DRUM_CLASSES = ["kick", "snare", "hihat"] as const;

export type ScoredDrumClass = (typeof SCORED_DRUM_CLASSES)[number];

/** Hit times (sorted seconds) per drum class. */
export type DrumHits = Readonly<Record<string, readonly number[] | undefined>>;

export interface DrumScores {
  /** F-measure of each class that has reference hits. */
  readonly perClass: Readonly<Partial<Record<ScoredDrumClass, number>>>;
  /** Mean over the scored classes; null when no class has reference hits. */
  readonly meanFMeasure: number | null;
}

/** Per-class onset F-measures and their mean. */
export function drumScores(
  reference: DrumHits,
  estimated: DrumHits,
  windowSeconds: number = ONSET_WINDOW_SECONDS,
): DrumScores {
  const perClass: Partial<Record<ScoredDrumClass, number>> = {};
  const values: number[] = [];
  for (const drumClass of SCORED_DRUM_CLASSES) {
    const truth = reference[drumClass] ?? [];
    if (truth.length === 0) continue;
    const score = onsetFMeasure(truth, estimated[drumClass] ?? [], windowSeconds).fMeasure;
    perClass[drumClass] = score;
    values.push(score);
  }
  const meanFMeasure = values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
  return { perClass, meanFMeasure };
}
