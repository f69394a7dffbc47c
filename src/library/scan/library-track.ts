/**
 * What the library knows of one audio file: where it is and how to tell that it changed
 * (size, modification time, a quick content hash), its technical facts and the tags the
 * library works with. A file whose tags could not be read keeps its `readError` and null tags,
 * so quality control can report it and a later scan retries it when it changes.
 */

export interface TrackFileState {
  /** Absolute path. */
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** quick-content-hash.ts of the file as last read; null when never hashed. */
  readonly contentHash: string | null;
}

export interface TrackTechnicalFacts {
  /** The container, as music-metadata names it ("MPEG", "FLAC", "Ogg", "MPEG-4", "WAVE"…). */
  readonly container: string | null;
  readonly codec: string | null;
  readonly lossless: boolean | null;
  readonly durationSeconds: number | null;
  readonly sampleRate: number | null;
  readonly channels: number | null;
  /** Bits per second. */
  readonly bitrate: number | null;
  readonly bitsPerSample: number | null;
}

export interface TrackTags {
  readonly title: string | null;
  readonly artist: string | null;
  readonly albumArtist: string | null;
  readonly album: string | null;
  readonly trackNumber: number | null;
  readonly trackTotal: number | null;
  readonly discNumber: number | null;
  readonly discTotal: number | null;
  readonly year: number | null;
  /** The genre values as stored in the file, in order. */
  readonly genres: readonly string[];
  /** The file says it belongs to a compilation (TCMP, cpil, COMPILATION=1). */
  readonly compilation: boolean;
  readonly musicbrainzAlbumId: string | null;
}

export interface ScannedTrack extends TrackFileState {
  readonly facts: TrackTechnicalFacts;
  readonly tags: TrackTags;
  /** Why the tags could not be read; null when they were. */
  readonly readError: string | null;
}

export const EMPTY_TAGS: TrackTags = {
  title: null,
  artist: null,
  albumArtist: null,
  album: null,
  trackNumber: null,
  trackTotal: null,
  discNumber: null,
  discTotal: null,
  year: null,
  genres: [],
  compilation: false,
  musicbrainzAlbumId: null,
};

export const UNKNOWN_FACTS: TrackTechnicalFacts = {
  container: null,
  codec: null,
  lossless: null,
  durationSeconds: null,
  sampleRate: null,
  channels: null,
  bitrate: null,
  bitsPerSample: null,
};
