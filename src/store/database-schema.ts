/**
 * The tables of tonearm's database as Kysely sees them, one interface per table (the
 * migrations in ./migrations create them; this file and the latest migration change
 * together). Both dialects store the same values: ids are UUID text, timestamps ISO 8601
 * UTC text (they sort as strings), flags integers 0/1, numbers doubles. JSON columns are
 * `jsonb` on PostgreSQL and text on SQLite; `json-column.ts` writes and reads both.
 *
 * The reference tracks table is `reference_tracks`, not `references`: REFERENCES is a
 * reserved word in SQL and would need quoting in every hand-written query.
 */
import type { ColumnType, Insertable, Selectable } from "kysely";

/** A JSON column: written as text, read as text (SQLite) or a parsed value (PostgreSQL jsonb). */
export type JsonColumn = ColumnType<unknown, string, string>;
export type NullableJsonColumn = ColumnType<unknown, string | null, string | null>;

export interface JobsTable {
  id: string;
  kind: string;
  status: string;
  stage: string | null;
  progress: number;
  payload: JsonColumn;
  result: NullableJsonColumn;
  error_code: string | null;
  error_message: string | null;
  attempts: number;
  max_attempts: number;
  worker_id: string | null;
  heartbeat_at: string | null;
  analysis_id: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

export interface AnalysesTable {
  id: string;
  kind: string;
  file_name: string;
  audio_path: string;
  /** 1: tonearm owns the audio (an upload) and deletes it; 0: never touched. */
  owned: number;
  genre: string | null;
  level: string | null;
  /** The requested analysis names (JSON array), null for the default set. */
  analyses: NullableJsonColumn;
  job_id: string;
  created_at: string;
  /** When the retention sweep (or a delete) removed the owned audio; null while it exists. */
  audio_removed_at: string | null;
}

export interface ReportsTable {
  analysis_id: string;
  /** The analysis report (src/analysis/report.ts), as validated by analyze(). */
  report: JsonColumn;
  /** Mastering analyses: `{ target, recommendations }` of the MasteringResult. */
  mastering: NullableJsonColumn;
  /** The 128-dimension feature vector, base64 of Float32 little-endian (catalogue format). */
  feature_vector: string | null;
  created_at: string;
}

export interface BandMetricsTable {
  analysis_id: string;
  /** 0 = lowest band. */
  band_index: number;
  name: string;
  low_hz: number;
  high_hz: number;
  energy_share: number | null;
  rms_dbfs: number | null;
  peak_dbfs: number | null;
  crest_factor_db: number | null;
  centroid_hz: number | null;
  rolloff_hz: number | null;
  flatness: number | null;
  width: number | null;
  correlation: number | null;
}

export interface RecommendationsTable {
  analysis_id: string;
  /** Order in the report: overall findings first, then bands. */
  position: number;
  area: string;
  severity: string;
  measured: number | null;
  unit: string;
  delta: number | null;
  delta_unit: string;
  message: string;
}

export interface ReferenceTracksTable {
  id: string;
  name: string;
  artist: string | null;
  genre: string | null;
  year: number | null;
  /** Base64 of the unit-length Float32 feature vector. */
  feature_vector: string;
  /** FEATURE_VECTOR_VERSION the vector was measured with. */
  vector_version: number;
  analysis_id: string | null;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value: JsonColumn;
  updated_at: string;
}

export interface LibraryAlbumsTable {
  /** group-albums.ts's stable id (folder, album artist, title). */
  id: string;
  /** The scanned library folder the album lies under. */
  root: string;
  folder: string;
  artist: string;
  title: string;
  year: number | null;
  compilation: number;
  /** 1: the title is the folder's name, the tracks had no album tag. */
  inferred: number;
  disc_count: number;
  track_count: number;
  updated_at: string;
}

export interface LibraryTracksTable {
  id: string;
  /** Absolute path; unique. */
  path: string;
  /** Bytes (bigint: PostgreSQL answers it as a string, the repository converts). */
  size: ColumnType<number | string, number, number>;
  mtime_ms: number;
  /** src/library/scan/quick-content-hash.ts. */
  content_hash: string | null;
  album_id: string | null;
  container: string | null;
  codec: string | null;
  lossless: number | null;
  duration_seconds: number | null;
  sample_rate: number | null;
  channels: number | null;
  /** Bits per second. */
  bitrate: number | null;
  bits_per_sample: number | null;
  title: string | null;
  artist: string | null;
  album_artist: string | null;
  album: string | null;
  track_number: number | null;
  track_total: number | null;
  disc_number: number | null;
  disc_total: number | null;
  year: number | null;
  /** The genre values stored in the file (JSON array of strings). */
  genres: JsonColumn;
  compilation: number;
  musicbrainz_album_id: string | null;
  /** Why the tags could not be read; null when they were. */
  read_error: string | null;
  scanned_at: string;
}

export interface LibrarySuggestionsTable {
  id: string;
  album_id: string;
  /** src/library/review/genre-suggestion.ts SUGGESTION_STATUSES. */
  status: string;
  /** 0–100. */
  confidence: number;
  /** The genres proposed (JSON array). */
  proposal: JsonColumn;
  /** The genres decided on (JSON array); null while pending or rejected. */
  decided_genres: NullableJsonColumn;
  /** Every candidate genre with its confidence and sources (JSON). */
  ranked: JsonColumn;
  /** What each source answered (JSON). */
  evidence: JsonColumn;
  created_at: string;
  updated_at: string;
}

export interface LibraryDecisionsTable {
  id: string;
  suggestion_id: string;
  /** auto-approve | approve | edit | reject | skip. */
  action: string;
  genres: NullableJsonColumn;
  actor: string;
  note: string | null;
  created_at: string;
}

export interface LibraryApplyRunsTable {
  id: string;
  root: string;
  /** running | finished | undone. */
  status: string;
  files: number;
  written: number;
  failed: number;
  created_at: string;
  finished_at: string | null;
  undone_at: string | null;
}

export interface LibraryTagWritesTable {
  id: string;
  run_id: string;
  path: string;
  format: string | null;
  /** The genre values before the write (JSON array): what undo restores. */
  before_genres: JsonColumn;
  after_genres: JsonColumn;
  /** written | failed | restored | restore-failed. */
  status: string;
  error: string | null;
  created_at: string;
  restored_at: string | null;
}

export interface LibraryAudioVectorsTable {
  path: string;
  /** The track's quick content hash when the vector was measured: another hash means stale. */
  content_hash: string;
  /** src/library/suggest/audio-feature-vector.ts AudioVectorKind. */
  kind: string;
  /** Base64 of the Float32 little-endian vector. */
  vector: string;
  created_at: string;
}

export interface SourceCacheTable {
  /** Service and request (never credentials). */
  key: string;
  value: string;
  expires_at: string;
}

export interface IngestedFilesTable {
  /** SHA-256 (hex) of the file's whole content; one row per content, whatever its names. */
  content_hash: string;
  /** The analysis the first file with this content was submitted as. */
  analysis_id: string;
  /** Absolute path of that first file. */
  path: string;
  /** Bytes (bigint: PostgreSQL answers it as a string, the repository converts). */
  size: ColumnType<number | string, number, number>;
  /** Its modification time when hashed (whole ms since 1970). */
  mtime_ms: number;
  created_at: string;
}

export interface RecordingTonicsTable {
  analysis_id: string;
  /** The tonic (Sa) in Hz, in its octave. */
  hz: number;
  /** Nearest equal-tempered pitch class, 0 (C) … 11 (B), A4 = 440 Hz. */
  pitch_class: number;
  /** Scientific octave (C4 is middle C). */
  octave: number;
  /** Cents from that equal-tempered pitch, −50 … 50. */
  cents_offset: number;
  /** 0–1 for estimates (src/core/pitch/tonic.ts); null for a tonic set by hand. */
  confidence: number | null;
  /** "estimated" | "manual" (kept by re-estimation unless forced). */
  source: string;
  /** How it was found: "drone+melody", "melody", "drone", "key" (estimates), "manual". */
  method: string;
  /** JSON: the key hint used, the candidates, the decoder and settings (estimates); {} by hand. */
  details: JsonColumn;
  estimated_at: string;
}

export interface DatabaseSchema {
  jobs: JobsTable;
  analyses: AnalysesTable;
  reports: ReportsTable;
  band_metrics: BandMetricsTable;
  recommendations: RecommendationsTable;
  reference_tracks: ReferenceTracksTable;
  settings: SettingsTable;
  library_albums: LibraryAlbumsTable;
  library_tracks: LibraryTracksTable;
  library_suggestions: LibrarySuggestionsTable;
  library_decisions: LibraryDecisionsTable;
  library_apply_runs: LibraryApplyRunsTable;
  library_tag_writes: LibraryTagWritesTable;
  library_audio_vectors: LibraryAudioVectorsTable;
  source_cache: SourceCacheTable;
  ingested_files: IngestedFilesTable;
  recording_tonics: RecordingTonicsTable;
}

export type JobRow = Selectable<JobsTable>;
export type AnalysisRow = Selectable<AnalysesTable>;
export type NewAnalysisRow = Insertable<AnalysesTable>;
export type ReportRow = Selectable<ReportsTable>;
export type BandMetricRow = Selectable<BandMetricsTable>;
export type RecommendationRow = Selectable<RecommendationsTable>;
export type ReferenceTrackRow = Selectable<ReferenceTracksTable>;
export type LibraryTrackRow = Selectable<LibraryTracksTable>;
export type LibraryAlbumRow = Selectable<LibraryAlbumsTable>;
export type LibrarySuggestionRow = Selectable<LibrarySuggestionsTable>;
export type LibraryDecisionRow = Selectable<LibraryDecisionsTable>;
