/**
 * What library quality control reads: the tracks and albums the catalogue stores for one root
 * (scan/library-track.ts, scan/group-albums.ts), plus two results of optional audio checks the
 * caller may fill in when the user asks for them: a raw Chromaprint fingerprint
 * (core/fingerprint) and the decoder's error. Absent means "not checked", never "fine".
 */
import type { AlbumGroup } from "../scan/group-albums.js";
import type { TrackTags, TrackTechnicalFacts } from "../scan/library-track.js";

export interface QualityTrack {
  /** Absolute path. */
  readonly path: string;
  /** Bytes. */
  readonly size: number;
  readonly facts: TrackTechnicalFacts;
  readonly tags: TrackTags;
  /** Why the tags could not be read; null when they were. */
  readonly readError: string | null;
  /** The album the last scan put the track in; null when none. */
  readonly albumId: string | null;
  /** Raw Chromaprint fingerprint (chromaprintFingerprint); absent when not computed. */
  readonly fingerprint?: Uint32Array;
  /** Why the audio failed to decode; null when it decoded; absent when not tried. */
  readonly decodeError?: string | null;
}

/** An album as group-albums.ts makes it; membership comes from the tracks' `albumId`. */
export type QualityAlbum = Pick<
  AlbumGroup,
  "id" | "folder" | "artist" | "title" | "year" | "compilation" | "inferred" | "discCount"
>;

export interface QualityInput {
  /** The library root the tracks lie under (absolute); paths are shown relative to it. */
  readonly root: string;
  readonly tracks: readonly QualityTrack[];
  readonly albums: readonly QualityAlbum[];
}
