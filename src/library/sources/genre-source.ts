/**
 * The contract every online genre source implements, after beets' `MetadataSource`: one
 * interface, one adapter per service (MusicBrainz, Last.fm, Discogs, Deezer, Spotify).
 *
 * A source answers one album query with the service's RAW genre/tag labels and a weight per
 * label (0..1 within that source). It does not normalise genres: src/library/genres does.
 * Album genres are preferred; when the album has none (or, for services that can, when the
 * album is not found), the artist's genres are returned with scope "artist", as the old
 * Music Library Genre Tagger did.
 *
 * Failures of the service (timeouts, rate limits that outlast the retries, refused
 * credentials, malformed answers) throw TonearmError TIMEOUT / NOT_AVAILABLE / CANCELLED;
 * "the service does not know this album" is an answer (`not-found`), not an error.
 */

export const GENRE_SOURCE_NAMES = ["musicbrainz", "lastfm", "discogs", "deezer", "spotify"] as const;

export type GenreSourceName = (typeof GENRE_SOURCE_NAMES)[number];

/** What the library knows about one album, read from its files' tags. */
export interface AlbumQuery {
  readonly artist: string;
  readonly album: string;
  /** Release year from the tags, when known. */
  readonly year?: number;
  /** Number of tracks in the album folder, when known. */
  readonly trackCount?: number;
}

/** The service's entity the answer was taken from. */
export interface SourceMatch {
  /** "album" when an album matched; "artist" when only the artist was found (fallback). */
  readonly scope: "album" | "artist";
  /** The service's own id (MBID, Discogs master id, Deezer/Spotify album id, Last.fm URL). */
  readonly id: string;
  readonly artist: string;
  /** Absent when scope is "artist". */
  readonly album?: string;
  readonly year?: number;
  readonly trackCount?: number;
  /** Match confidence 0..1 from fuzzy-match.ts. */
  readonly score: number;
  /** A page a person can open. */
  readonly url?: string;
}

/** One raw label as the service gave it. */
export interface SourceGenre {
  /** Verbatim, e.g. "Rock", "psychedelic rock", "Pop Rock" (never normalised here). */
  readonly label: string;
  /** 0..1 within this source: count / highest count, or 1 where the service gives no counts. */
  readonly weight: number;
  /** The service's raw count (MusicBrainz votes, Last.fm 0..100), when it gives one. */
  readonly count?: number;
  readonly scope: "album" | "artist";
}

export type SourceStatus = "found" | "not-found" | "no-credentials";

export interface SourceAnswer {
  readonly source: GenreSourceName;
  readonly status: SourceStatus;
  readonly match?: SourceMatch;
  /** Highest weight first; empty unless status is "found" (and possibly empty then too). */
  readonly genres: readonly SourceGenre[];
}

export interface GenreSource {
  readonly name: GenreSourceName;
  /** Looks one album up. Answers `no-credentials` without any request when the service needs keys it lacks. */
  lookupAlbum(query: AlbumQuery, signal?: AbortSignal): Promise<SourceAnswer>;
}

/** Labels with counts → weights count/max, highest first; labels with a count ≤ 0 are kept with weight 0. */
export function weighCounts(
  entries: readonly { readonly name: string; readonly count: number }[],
  scope: "album" | "artist",
): SourceGenre[] {
  const max = entries.reduce((highest, entry) => Math.max(highest, entry.count), 0);
  return entries
    .map((entry) => ({
      label: entry.name,
      weight: max > 0 ? Math.max(0, entry.count) / max : 0,
      count: entry.count,
      scope,
    }))
    .sort((left, right) => right.weight - left.weight);
}

/** Labels without counts (Discogs, Deezer, Spotify): weight 1 each, duplicates dropped, order kept. */
export function unweightedLabels(labels: readonly string[], scope: "album" | "artist"): SourceGenre[] {
  const seen = new Set<string>();
  const genres: SourceGenre[] = [];
  for (const label of labels) {
    if (label.trim() === "" || seen.has(label)) continue;
    seen.add(label);
    genres.push({ label, weight: 1, scope });
  }
  return genres;
}

export function notFound(source: GenreSourceName): SourceAnswer {
  return { source, status: "not-found", genres: [] };
}

export function noCredentials(source: GenreSourceName): SourceAnswer {
  return { source, status: "no-credentials", genres: [] };
}
