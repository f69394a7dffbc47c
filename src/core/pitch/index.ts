/**
 * Pitch (f0) tracking: YIN's difference function, pYIN's probabilistic candidates and
 * HMM smoothing, conversion to cents relative to a tonic, tonic estimation, and the
 * segmentation of a contour into notes and phrases.
 */
export { decodePitchHmm, type PitchCandidates, type PitchHmmOptions, type PitchHmmPath } from "./decode-pitch-hmm.js";
export { hzToCents } from "./hz-to-cents.js";
export { PHRASE_DEFAULTS, type Phrase, type PhraseOptions, segmentPhrases } from "./phrases.js";
export {
  POLYPHONIC_NOTE_DEFAULTS,
  type PolyphonicNote,
  type PolyphonicNoteOptions,
  trackPolyphonicNotes,
  transcribePolyphonic,
} from "./polyphonic-notes.js";
export {
  POLYPHONIC_SALIENCE_DEFAULTS,
  type PolyphonicSalience,
  type PolyphonicSalienceOptions,
  polyphonicSalience,
} from "./polyphonic-salience.js";
export { createPyin, type PitchTrack, PYIN_DEFAULTS, type PyinOptions, pyin, resolvePyinOptions } from "./pyin.js";
export {
  betaThresholdCdf,
  PYIN_ABSOLUTE_MINIMUM_WEIGHT,
  PYIN_THRESHOLD_COUNT,
  pyinCandidates,
} from "./pyin-candidates.js";
export {
  type PitchCurve,
  SEGMENT_NOTES_DEFAULTS,
  type SegmentNotesOptions,
  segmentNotes,
  type TranscribedPitchNote,
} from "./segment-notes.js";
export { frameLevelsDb } from "./segment-notes-onsets.js";
export { estimateTonic, TONIC_DEFAULTS, type TonicEstimate, type TonicKeyHint, type TonicOptions } from "./tonic.js";
export { droneSpectrumPeaks, type SpectralPeak } from "./tonic-drone-peaks.js";
export { createYinDifference, type YinDifference, type YinDifferenceOptions } from "./yin-difference.js";
