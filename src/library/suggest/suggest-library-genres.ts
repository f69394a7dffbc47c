/**
 * Genre suggestions for many albums (`tonearm library batch`, the service's batch jobs): each
 * album's offline evidence (its files, the artist's other albums, genre folder names) plus the
 * online sources, one album after another (the sources' rate limits pace the run: MusicBrainz
 * allows one request a second), each suggestion handed to `onSuggestion` as soon as it is made
 * so an interrupted run keeps what it finished. A source failing again and again is set aside
 * for the rest of the run (source-circuit-breaker.ts); "Unknown Artist" albums are not looked
 * up online. With the library's audio index, the album's nearest labelled albums by sound vote
 * too (source "audio").
 */
import { UNKNOWN_ARTIST } from "../scan/group-albums.js";
import { audioGenreEvidence } from "./audio-genre-neighbours.js";
import type { LibraryAudio } from "./audio-library-index.js";
import { type GenreRecognisers, offlineEvidence } from "./offline-evidence.js";
import { withCircuitBreaker } from "./source-circuit-breaker.js";
import { type AlbumSuggestion, type SuggestionDependencies, suggestAlbumGenres } from "./suggest-album-genres.js";

export interface AlbumToSuggest {
  readonly id: string;
  readonly root: string;
  readonly folder: string;
  readonly artist: string;
  readonly title: string;
  readonly year: number | null;
  readonly compilation: boolean;
  readonly trackCount: number;
  readonly trackGenres: readonly (readonly string[])[];
}

export interface LibrarySuggestionOptions extends SuggestionDependencies {
  readonly recognise: GenreRecognisers;
  /** Suggestions at or above it are routed "auto" (default 95). */
  readonly autoApplyConfidence?: number;
  /** The library's audio neighbour index, when track feature vectors were measured. */
  readonly audio?: LibraryAudio | null;
  readonly onSuggestion: (album: AlbumToSuggest, suggestion: AlbumSuggestion) => Promise<void>;
  readonly onProgress?: (progress: { done: number; total: number; album: AlbumToSuggest }) => void;
  readonly signal?: AbortSignal;
}

export async function suggestLibraryGenres(
  albums: readonly AlbumToSuggest[],
  everyAlbum: readonly AlbumToSuggest[],
  options: LibrarySuggestionOptions,
): Promise<{ suggested: number }> {
  const byArtist = new Map<string, AlbumToSuggest[]>();
  for (const album of everyAlbum) {
    const key = album.artist.toLowerCase();
    byArtist.set(key, [...(byArtist.get(key) ?? []), album]);
  }
  const auto = options.autoApplyConfidence ?? 95;
  const sources = options.sources.map((source) => withCircuitBreaker(source));
  let done = 0;
  for (const album of albums) {
    options.signal?.throwIfAborted();
    // A compilation's "artist" is Various Artists: its other albums say nothing.
    const siblings = album.compilation
      ? []
      : (byArtist.get(album.artist.toLowerCase()) ?? []).map((other) => ({
          id: other.id,
          genres: other.trackGenres.flat(),
        }));
    const offline = offlineEvidence(album, album.root, siblings, options.recognise);
    const vector = options.audio?.albumVectors.get(album.id);
    if (options.audio && vector !== undefined) {
      offline.push(audioGenreEvidence(options.audio.index, { id: album.id, artist: album.artist, vector }));
    }
    const query = {
      artist: album.artist,
      album: album.title,
      ...(album.year === null ? {} : { year: album.year }),
      trackCount: album.trackCount,
    };
    // "Unknown Artist" matches nothing online: such an album is suggested from the library alone.
    const online = album.artist === UNKNOWN_ARTIST ? [] : sources;
    const suggestion = await suggestAlbumGenres(query, offline, { ...options, sources: online }, options.signal);
    const route = suggestion.confidence >= auto ? "auto" : suggestion.route === "auto" ? "review" : suggestion.route;
    await options.onSuggestion(album, { ...suggestion, route });
    done++;
    options.onProgress?.({ done, total: albums.length, album });
  }
  return { suggested: done };
}
