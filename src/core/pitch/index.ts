/**
 * Pitch (f0) tracking: YIN's difference function, pYIN's probabilistic candidates and
 * HMM smoothing, and conversion to cents relative to a tonic.
 */
export { decodePitchHmm, type PitchCandidates, type PitchHmmOptions, type PitchHmmPath } from "./decode-pitch-hmm.js";
export { hzToCents } from "./hz-to-cents.js";
export { createPyin, type PitchTrack, PYIN_DEFAULTS, type PyinOptions, pyin, resolvePyinOptions } from "./pyin.js";
export {
  betaThresholdCdf,
  PYIN_ABSOLUTE_MINIMUM_WEIGHT,
  PYIN_THRESHOLD_COUNT,
  pyinCandidates,
} from "./pyin-candidates.js";
export { createYinDifference, type YinDifference, type YinDifferenceOptions } from "./yin-difference.js";
