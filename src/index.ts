/**
 * tonearm's library API. `import { analyze } from "tonearm"`.
 */

export { AnalysisContext } from "./analysis/analysis-context.js";
export {
  type AnalyzeAudioOptions,
  analyzeAudio,
  analyzeIngested,
  createIngestFor,
  type ProgressEvent,
  resolveAnalyses,
} from "./analysis/analyze-audio.js";
export { ERROR_CODES, type ErrorCode, isTonearmError, TonearmError } from "./analysis/errors.js";
export type { IngestedTrack, TrackIngest } from "./analysis/ingest/track-ingest.js";
export { ANALYSIS_NAMES, type AnalysisName } from "./analysis/registry.js";
export { type Report, ReportSchema } from "./analysis/report.js";
export type { SpectralResolution } from "./analysis/resolutions.js";
export { type AnalyzeOptions, analyze } from "./analyze.js";
export { loadConfig, type TonearmConfig } from "./config/load-config.js";
export type { AudioSink } from "./core/audio-sink.js";
export { DRUM_CLASSES, type DrumBeatGrid, type DrumClass, type DrumHit, GM_DRUM_KEY } from "./core/drums/drum-hit.js";
export {
  chromaprintFingerprint,
  compressFingerprint,
  decompressFingerprint,
  fingerprintSimilarity,
  isSameRecording,
} from "./core/fingerprint/index.js";
export { type LoudnessResult, measureLoudness } from "./core/loudness/index.js";
export { type MasteringMetrics, masteringMetrics } from "./core/mastering/index.js";
export {
  findGenreTarget,
  GENRE_TARGETS,
  type GenreTarget,
  type MasteringRecommendations,
  type RecommendationLevel,
  STREAMING_PLATFORMS,
} from "./core/mastering/recommendations/index.js";
export {
  droneSpectrumPeaks,
  estimateTonic,
  hzToCents,
  type PitchTrack,
  pyin,
  segmentNotes,
  segmentPhrases,
  type TonicEstimate,
  type TranscribedPitchNote,
} from "./core/pitch/index.js";
export { FEATURE_DIMENSIONS, ReferenceCatalogue } from "./core/similarity/index.js";
export { createSpectrogram } from "./core/spectrogram/create-spectrogram.js";
export type { AudioSignal, Dbfs, Hz, Seconds } from "./core/types.js";
export {
  DRUM_ARTIFACT_FORMATS,
  DRUM_ARTIFACTS,
  type DrumArtifact,
  type DrumTranscriptionDocument,
  drumTranscriptionDocument,
  writeDrumTranscriptionFiles,
} from "./drums/drum-transcription-files.js";
export {
  DRUM_TRANSCRIPTION_STAGES,
  type DrumFileTranscription,
  type DrumFileTranscriptionOptions,
  type DrumTranscriptionProgress,
  type DrumTranscriptionStage,
  transcribeDrumsFromFile,
} from "./drums/transcribe-drums-from-file.js";
export { type DecodedAudio, type DecodeOptions, decodeAudio, decodeAudioTo } from "./io/decode-audio.js";
export { fingerprintAudioFile } from "./io/fingerprint-audio-file.js";
export { writeSpectrogramImage } from "./io/images/encode-spectrogram-image.js";
export { writeIdtapSpectrogram } from "./io/images/idtap-spectrogram.js";
export { writeMelographImage } from "./io/images/melograph-image.js";
export { type AudioFileInfo, probeAudio } from "./io/probe-audio.js";
export { readWav } from "./io/wav-reader.js";
export { encodeWav, type WavSampleFormat, writeWav } from "./io/wav-writer.js";
export { formatGenres, selectGenres } from "./library/genres/format-genres.js";
export { genreAncestors, isA } from "./library/genres/genre-hierarchy.js";
export { buildGenreVocabulary, type GenreVocabulary, loadGenreVocabulary } from "./library/genres/genre-vocabulary.js";
export { type NormalisedGenre, normaliseGenre } from "./library/genres/normalise-genre.js";
export { splitGenreValue } from "./library/genres/split-genre-value.js";
export { checkLibraryQuality, formatQualityReport } from "./library/quality/index.js";
export { type ScanOptions, type ScanSummary, scanLibrary } from "./library/scan/scan-library.js";
export { readGenresOf, writeGenresSafely } from "./library/tags/safe-tag-writer.js";
export { type MasteringResult, type MasterOptions, master } from "./master.js";
export { type OpenedLibrary, openLibrary } from "./open-library.js";
export {
  addReference,
  defaultCatalogueFile,
  findSimilar,
  listReferences,
  measureVector,
  type NewReference,
  type ReferenceOptions,
  removeReference,
  type SimilarResult,
} from "./references.js";
export { TONEARM_VERSION } from "./version.js";
