/**
 * master(): a file's mastering report: the loudness and mastering analyses, then
 * recommendations against a genre target (or the balanced house target) at the chosen level,
 * and what each streaming platform's loudness normalisation will do to the track.
 * `import { master } from "tonearm"`; the CLI's `tonearm master` prints it.
 */
import type { Loudness } from "./analysis/analyses/loudness.js";
import type { Mastering } from "./analysis/analyses/mastering.js";
import { TonearmError } from "./analysis/errors.js";
import type { Report } from "./analysis/report.js";
import { type AnalyzeOptions, analyze } from "./analyze.js";
import {
  BALANCED_TARGET,
  findGenreTarget,
  type GenreTarget,
  type MasteringFigures,
  type MasteringRecommendations,
  RECOMMENDATION_LEVELS,
  type RecommendationLevel,
  recommendMastering,
  sanitizeFigures,
} from "./core/mastering/recommendations/index.js";
import type { AudioSignal } from "./core/types.js";

export interface MasterOptions extends Omit<AnalyzeOptions, "analyses"> {
  /** Genre target id or alias (e.g. "techno", "drum and bass"); default the balanced house target. */
  readonly genre?: string;
  /** How the recommendations speak: informative, suggestive (default) or prescriptive. */
  readonly level?: RecommendationLevel;
}

export interface MasteringResult {
  /** The analysis report, holding the `loudness` and `mastering` analyses. */
  readonly report: Report;
  readonly target: GenreTarget;
  readonly recommendations: MasteringRecommendations;
}

/** The target for `genre` (INVALID_OPTION naming the valid ids when unknown); balanced when absent. */
export function resolveGenreTarget(genre: string | undefined): GenreTarget {
  if (genre === undefined || genre.trim() === "") return BALANCED_TARGET;
  try {
    return findGenreTarget(genre);
  } catch (error) {
    throw new TonearmError("INVALID_OPTION", (error as Error).message.replace(/^findGenreTarget: /, ""));
  }
}

export function resolveLevel(level: string | undefined): RecommendationLevel {
  if (level === undefined) return "suggestive";
  if ((RECOMMENDATION_LEVELS as readonly string[]).includes(level)) return level as RecommendationLevel;
  throw new TonearmError(
    "INVALID_OPTION",
    `the recommendation level must be one of ${RECOMMENDATION_LEVELS.join(", ")}, got "${level}"`,
  );
}

/** The figures recommendations read, from the (rounded) report of the two analyses. */
export function figuresFromReport(loudness: Loudness, mastering: Mastering, channelCount: number): MasteringFigures {
  const low = mastering.bands.find((band) => band.name === "low");
  return sanitizeFigures({
    integratedLufs: loudness.integratedLufs,
    loudnessRangeLu: loudness.loudnessRangeLu,
    truePeakDbtp: loudness.truePeakDbtp,
    channelCount,
    stereoWidth: mastering.stereo.width,
    lowEndCorrelation: low?.correlation ?? null,
    bands: mastering.bands.map(({ name, lowHz, highHz, energyShare }) => ({ name, lowHz, highHz, energyShare })),
    clippingEvents: mastering.clipping.events,
    clippedSamples: mastering.clipping.samples,
    dcOffset: mastering.dcOffset,
  });
}

/** Analyse a file (or samples) for mastering and recommend against a target. */
export async function master(input: string | AudioSignal, options: MasterOptions = {}): Promise<MasteringResult> {
  const target = resolveGenreTarget(options.genre);
  const level = resolveLevel(options.level);
  const report = await analyze(input, { ...options, analyses: ["loudness", "mastering"] });
  const { loudness, mastering } = report.analyses;
  if (!loudness || !mastering) throw new Error("master: the report lacks the loudness or mastering analysis");
  const figures = figuresFromReport(loudness, mastering, report.audio.channels);
  return { report, target, recommendations: recommendMastering(figures, { target, level }) };
}
