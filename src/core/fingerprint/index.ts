/**
 * Chromaprint-compatible audio fingerprints (the algorithm behind AcoustID and fpcalc):
 * raw fingerprints from mono audio, the compressed base64 text form, and best-alignment
 * comparison for duplicate detection. Pure (no I/O, no dependencies).
 */
export { decodeBase64Url, encodeBase64Url } from "./base64url.js";
export { type ChromaFramer, type ChromaRowSink, createChromaFramer } from "./chroma-frames.js";
export {
  chromaprintFingerprint,
  createFingerprinter,
  FINGERPRINT_FRAMES_PER_SECOND,
  FINGERPRINTER_DEFAULTS,
  type Fingerprinter,
  type FingerprinterOptions,
} from "./chromaprint.js";
export {
  CHROMAPRINT_ALGORITHM_TEST2,
  CHROMAPRINT_FRAME_SIZE,
  CHROMAPRINT_HOP_SIZE,
  CHROMAPRINT_SAMPLE_RATE,
  CHROMAPRINT_TEST2_CLASSIFIERS,
  type Classifier,
  FPCALC_DEFAULT_SECONDS,
} from "./chromaprint-constants.js";
export {
  compressFingerprint,
  type DecompressedFingerprint,
  decompressFingerprint,
} from "./fingerprint-compression.js";
export {
  FINGERPRINT_SIMILARITY_DEFAULTS,
  type FingerprintMatch,
  type FingerprintSimilarityOptions,
  fingerprintSimilarity,
  isSameRecording,
  SAME_RECORDING_MIN_SCORE,
  SILENCE_SUBFINGERPRINT,
} from "./fingerprint-similarity.js";
export { createSubfingerprintCalculator, type SubfingerprintCalculator } from "./subfingerprint-classifier.js";
