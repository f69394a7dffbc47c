/**
 * Mastering recommendations: genre target profiles (targets derived from published guidance, not
 * measurements of real tracks), streaming-platform loudness normalisation, and level-dependent
 * recommendations (informative, suggestive, prescriptive) from a narrow set of measured figures.
 */
export { BAND_MOVES } from "./assess-bands.js";
export { sideGainForWidthDb } from "./assess-stereo.js";
export { figuresFrom } from "./figures-from.js";
export {
  type GenreTarget,
  type LoudnessTarget,
  TARGET_BANDS,
  type TargetBandName,
  type ValueRange,
} from "./genre-target.js";
export { BALANCED_TARGET, findGenreTarget, GENRE_TARGETS, genreKey } from "./genre-targets.js";
export {
  type BandFigures,
  finiteOrNull,
  type MasteringFigures,
  sanitizeFigures,
  UNMEASURED_FIGURES,
} from "./mastering-figures.js";
export {
  type MasteringRecommendations,
  type RecommendOptions,
  recommendMastering,
} from "./recommend.js";
export {
  partialCorrectionDb,
  RECOMMENDATION_LEVELS,
  type Recommendation,
  type RecommendationArea,
  type RecommendationLevel,
  type RecommendationTarget,
  type Severity,
} from "./recommendation.js";
export {
  describePlayback,
  ENCODING_MARGIN_DB,
  encodingClipRisk,
  encodingMarginDb,
  findStreamingPlatform,
  LOUD_ENCODING_MARGIN_DB,
  LOUD_MASTER_LUFS,
  type PlatformPlayback,
  type PlaybackAction,
  platformPlayback,
  STREAMING_PLATFORMS,
  type StreamingPlatform,
  type TurnUpPolicy,
} from "./streaming-platforms.js";
