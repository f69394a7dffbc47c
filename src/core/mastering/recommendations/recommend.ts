/**
 * Mastering recommendations: the measured figures against a genre target (or the balanced house
 * target) at one of three levels — informative (facts), suggestive (what to consider),
 * prescriptive (concrete settings) — plus what each streaming platform's loudness normalisation
 * does to the track. Overall areas are always all listed (loudness, true peak, dynamics,
 * loudness range, stereo width, low-end mono, clipping, DC offset); bands only when off target
 * or not comparable (and, at the informative level, when within it too).
 * Inputs with nulls or non-finite numbers give "cannot assess" recommendations, never NaN text.
 */
import { assessBands } from "./assess-bands.js";
import {
  assessClipping,
  assessDcOffset,
  assessDynamics,
  assessLoudness,
  assessLoudnessRange,
  assessTruePeak,
} from "./assess-levels.js";
import { assessLowEndMono, assessStereoWidth } from "./assess-stereo.js";
import type { GenreTarget } from "./genre-target.js";
import { type MasteringFigures, sanitizeFigures } from "./mastering-figures.js";
import {
  RECOMMENDATION_LEVELS,
  type Recommendation,
  type RecommendationArea,
  type RecommendationLevel,
} from "./recommendation.js";
import {
  type PlatformPlayback,
  platformPlayback,
  STREAMING_PLATFORMS,
  type StreamingPlatform,
} from "./streaming-platforms.js";

export interface RecommendOptions {
  readonly target: GenreTarget;
  readonly level: RecommendationLevel;
  /** Platforms to simulate; default all of STREAMING_PLATFORMS. */
  readonly platforms?: readonly StreamingPlatform[];
}

export interface MasteringRecommendations {
  readonly targetId: string;
  readonly targetName: string;
  readonly level: RecommendationLevel;
  /** One per overall area, in a fixed order. */
  readonly overall: readonly Recommendation[];
  /** One per band that is off target or cannot be compared (informative: every band). */
  readonly bands: readonly Recommendation[];
  readonly platforms: readonly PlatformPlayback[];
  /** One line: counts of major and minor findings, the areas, and what normalisation does. */
  readonly summary: string;
}

type Assessment = (figures: MasteringFigures, target: GenreTarget, level: RecommendationLevel) => Recommendation;

const OVERALL: readonly Assessment[] = [
  assessLoudness,
  assessTruePeak,
  assessDynamics,
  assessLoudnessRange,
  assessStereoWidth,
  assessLowEndMono,
  assessClipping,
  assessDcOffset,
];

export function recommendMastering(figures: MasteringFigures, options: RecommendOptions): MasteringRecommendations {
  const { target, level } = options;
  if (!RECOMMENDATION_LEVELS.includes(level)) {
    throw new RangeError(
      `recommendMastering: level must be one of ${RECOMMENDATION_LEVELS.join(", ")}, got ${JSON.stringify(level)}`,
    );
  }
  const clean = sanitizeFigures(figures);
  const overall = OVERALL.map((assess) => assess(clean, target, level));
  const bands = assessBands(clean, target, level);
  const platforms = (options.platforms ?? STREAMING_PLATFORMS).map((platform) =>
    platformPlayback(clean.integratedLufs, clean.truePeakDbtp, platform),
  );
  return {
    targetId: target.id,
    targetName: target.name,
    level,
    overall,
    bands,
    platforms,
    summary: summarize(target, clean, [...overall, ...bands], platforms),
  };
}

const AREA_LABELS: Partial<Record<RecommendationArea, string>> = {
  "true-peak": "true peak",
  "loudness-range": "loudness range",
  "stereo-width": "stereo width",
  "low-end-mono": "low-end mono",
  "dc-offset": "DC offset",
  "spectral-balance": "spectral balance",
  "band:low": "low end",
  "band:low_mid": "low mids",
  "band:mid": "mids",
  "band:high_mid": "upper mids",
  "band:high": "highs",
};

function areaLabel(area: RecommendationArea): string {
  return AREA_LABELS[area] ?? area.replace(/^band:/, "band ");
}

function summarize(
  target: GenreTarget,
  figures: MasteringFigures,
  recommendations: readonly Recommendation[],
  platforms: readonly PlatformPlayback[],
): string {
  if (figures.integratedLufs === null && figures.truePeakDbtp === null) {
    return `Cannot assess against the ${target.name} target: no measurable loudness (silent, or shorter than 400 ms)`;
  }
  const labels = (severity: Recommendation["severity"]) =>
    recommendations.filter((item) => item.severity === severity).map((item) => areaLabel(item.area));
  const major = labels("major");
  const minor = labels("minor");
  const unknown = labels("unknown");
  const parts: string[] = [];
  if (major.length > 0) parts.push(`${major.length} major (${major.join(", ")})`);
  if (minor.length > 0) parts.push(`${minor.length} minor (${minor.join(", ")})`);
  if (unknown.length > 0) parts.push(`${unknown.length} not assessed`);
  const findings = parts.length > 0 ? parts.join(", ") : "everything within the target";
  return `${target.name} target: ${findings}${platformGist(platforms)}`;
}

/** What the first platform with a known gain does, and whether encoding may clip. */
function platformGist(platforms: readonly PlatformPlayback[]): string {
  const first = platforms.find((playback) => playback.gainDb !== null);
  if (first === undefined || first.gainDb === null) return "";
  const amount = Math.abs(first.gainDb).toFixed(1);
  const what =
    first.action === "turned-down"
      ? `turns it down by ${amount} dB`
      : first.action === "turned-up"
        ? `turns it up by ${amount} dB`
        : "plays it unchanged";
  const risky = platforms.filter((playback) => playback.clipRiskAfterEncoding === true).length;
  const where = risky === platforms.length ? "every platform" : `${risky} of ${platforms.length} platforms`;
  const clip = risky > 0 ? `; clip risk after lossy encoding on ${where}` : "";
  return `; ${first.platformName} ${what}${clip}`;
}
