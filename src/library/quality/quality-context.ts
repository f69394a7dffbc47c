/**
 * The options of library quality control and the indexed view of its input that every check
 * shares: albums by id, each album's tracks (sorted by path), the tracks outside any known
 * album, and each track's normalised genres (memoised per stored value). Genre labels are
 * split and normalised by the genre rules (genres/split-genre-value.ts, normalise-genre.ts),
 * so "Hip-Hop" and "hip hop" agree; for an artist's albums, genres also count as their
 * ancestors (genres/genre-hierarchy.ts), so "Hard Rock" agrees with "Rock".
 */
import { impliedGenres } from "../genres/genre-hierarchy.js";
import { normaliseGenre } from "../genres/normalise-genre.js";
import { splitGenreValue } from "../genres/split-genre-value.js";
import { entryOf } from "./map-entry.js";
import type { QualityAlbum, QualityInput, QualityTrack } from "./quality-input.js";

export interface QualityOptions {
  /** Canonical genres of one stored genre value; [] drops it. Default: the genre rules. */
  readonly normaliseGenre: (label: string) => readonly string[];
  /** A genre list with the genres it implies (ancestors). Default: the genre hierarchy. */
  readonly impliedGenres: (genres: readonly string[]) => readonly string[];
  /** Largest duration difference of duplicate tracks and recordings, seconds ≥ 0. Default 2. */
  readonly durationToleranceSeconds: number;
  /** Lowest similarity (0..1) of two comparable titles of duplicate tracks. Default 0.9. */
  readonly titleSimilarity: number;
  /** Fewest genre-tagged albums an artist needs before an outlier is reported; ≥ 2. Default 3. */
  readonly artistGenreMinAlbums: number;
  /** Share (0..1] of an artist's albums the dominant genre needs before others are outliers. Default 0.6. */
  readonly artistGenreMinShare: number;
  /** Lowest fingerprint score of duplicate recordings (core/fingerprint). Default SAME_RECORDING_MIN_SCORE. */
  readonly recordingMinScore: number;
}

function defaultNormaliseGenre(label: string): readonly string[] {
  return splitGenreValue(label).flatMap((part) => normaliseGenre(part).genres);
}

export const QUALITY_DEFAULTS: QualityOptions = {
  normaliseGenre: defaultNormaliseGenre,
  impliedGenres: (genres) => impliedGenres(genres),
  durationToleranceSeconds: 2,
  titleSimilarity: 0.9,
  artistGenreMinAlbums: 3,
  artistGenreMinShare: 0.6,
  recordingMinScore: 0.5,
};

export interface QualityContext {
  readonly input: QualityInput;
  readonly options: QualityOptions;
  readonly albumsById: ReadonlyMap<string, QualityAlbum>;
  /** Each known album's tracks, sorted by path; albums without tracks are absent. */
  readonly tracksByAlbum: ReadonlyMap<string, readonly QualityTrack[]>;
  /** Tracks whose albumId is null or names no album of the input, sorted by path. */
  readonly looseTracks: readonly QualityTrack[];
  /** The track's canonical genres, each once, in tag order. */
  genresOf(track: QualityTrack): readonly string[];
}

function byPath(a: QualityTrack, b: QualityTrack): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

export function createQualityContext(input: QualityInput, options: QualityOptions): QualityContext {
  const albumsById = new Map(input.albums.map((album) => [album.id, album]));
  const tracksByAlbum = new Map<string, QualityTrack[]>();
  const looseTracks: QualityTrack[] = [];
  for (const track of input.tracks) {
    if (track.albumId === null || !albumsById.has(track.albumId)) {
      looseTracks.push(track);
      continue;
    }
    entryOf(tracksByAlbum, track.albumId, () => []).push(track);
  }
  for (const list of tracksByAlbum.values()) list.sort(byPath);
  looseTracks.sort(byPath);
  const labelCache = new Map<string, readonly string[]>();
  const normalised = (label: string): readonly string[] =>
    entryOf(labelCache, label, () => [...new Set(options.normaliseGenre(label))]);
  return {
    input,
    options,
    albumsById,
    tracksByAlbum,
    looseTracks,
    genresOf(track) {
      if (track.tags.genres.length === 1) return normalised(track.tags.genres[0]!);
      return [...new Set(track.tags.genres.flatMap(normalised))];
    },
  };
}

/** "Artist – Title" of an album, for messages. */
export function albumLabel(album: QualityAlbum): string {
  return `${album.artist} – ${album.title}`;
}
