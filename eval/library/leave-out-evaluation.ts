/**
 * Held-out scoring of the "audio" genre evidence (src/library/suggest/audio-genre-neighbours.ts)
 * on a labelled test library. Each album in turn is the query against all the others:
 *   leave-one-album-out  its neighbours may include the same artist's other albums;
 *   leave-one-artist-out the same artist's albums are excluded too (no artist-effect leakage);
 *   leave-one-genre-out  every album of its genre is unlabelled: music unlike anything labelled,
 *                        where the right answer is no evidence at all.
 * Per run: top-1 accuracy (no evidence counts as wrong), coverage (share with any evidence),
 * accuracy where covered, the route the evidence alone reaches through aggregateGenres and
 * routeFor, and how often the nearest neighbour shares the query's genre, artist and soundfont.
 */
import {
  aggregateGenres,
  routeFor,
  type SourceGenres,
  type SuggestionRoute,
} from "../../src/library/suggest/aggregate-genres.js";
import {
  type AudioNeighbourOptions,
  audioGenreEvidence,
  createAudioGenreIndex,
  nearestAudioAlbums,
} from "../../src/library/suggest/audio-genre-neighbours.js";

export interface EvaluatedAlbum {
  readonly id: string;
  readonly artist: string;
  readonly genre: string;
  readonly soundfont: string;
  readonly vector: Float32Array;
}

export type HoldOut = "album" | "artist" | "genre";

export interface HoldOutScore {
  readonly albums: number;
  /** Share of albums whose strongest audio genre is the true one. */
  readonly top1: number;
  /** Share of albums with any audio evidence. */
  readonly coverage: number;
  /** top1 among the covered albums; null when none is covered. */
  readonly top1Covered: number | null;
  /** Albums per route of the evidence alone ("none": no evidence). */
  readonly routes: Readonly<Record<SuggestionRoute | "none", number>>;
  /** Highest confidence the evidence alone reached. */
  readonly maxConfidence: number;
  /** Share of albums whose nearest neighbour has the same genre / artist / soundfont. */
  readonly nearestSameGenre: number;
  readonly nearestSameArtist: number;
  readonly nearestSameSoundfont: number;
  /** Per true genre: predicted genre ("—" for none) → count. */
  readonly confusion: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

export function scoreHoldOut(
  albums: readonly EvaluatedAlbum[],
  holdOut: HoldOut,
  options: Partial<AudioNeighbourOptions>,
): HoldOutScore {
  const neighbourOptions = { ...options, excludeSameArtist: holdOut === "artist" };
  const fullIndex = createAudioGenreIndex(
    albums.map((album) => ({ id: album.id, artist: album.artist, vector: album.vector, genres: [album.genre] })),
  );
  const genreIndexes = new Map<string, ReturnType<typeof createAudioGenreIndex>>();
  const indexFor = (genre: string) => {
    if (holdOut !== "genre") return fullIndex;
    let index = genreIndexes.get(genre);
    if (index === undefined) {
      index = createAudioGenreIndex(
        albums.map((album) => ({
          id: album.id,
          artist: album.artist,
          vector: album.vector,
          genres: album.genre === genre ? [] : [album.genre],
        })),
      );
      genreIndexes.set(genre, index);
    }
    return index;
  };
  let correct = 0;
  let covered = 0;
  let maxConfidence = 0;
  let sameGenre = 0;
  let sameSoundfont = 0;
  let sameArtist = 0;
  const routes: Record<SuggestionRoute | "none", number> = { auto: 0, review: 0, manual: 0, none: 0 };
  const confusion = new Map<string, Map<string, number>>();
  const byId = new Map(albums.map((album) => [album.id, album]));
  for (const album of albums) {
    const index = indexFor(album.genre);
    const query = { id: album.id, artist: album.artist, vector: album.vector };
    const evidence: SourceGenres = audioGenreEvidence(index, query, neighbourOptions);
    const predicted = evidence.genres[0]?.genre;
    if (predicted !== undefined) covered++;
    if (predicted === album.genre) correct++;
    const row = confusion.get(album.genre) ?? new Map<string, number>();
    row.set(predicted ?? "—", (row.get(predicted ?? "—") ?? 0) + 1);
    confusion.set(album.genre, row);
    const confidence = aggregateGenres([evidence])[0]?.confidence;
    if (confidence === undefined) routes.none++;
    else {
      routes[routeFor(confidence)]++;
      maxConfidence = Math.max(maxConfidence, confidence);
    }
    const nearest = nearestAudioAlbums(index, query, { ...neighbourOptions, k: 1 })[0];
    const nearestAlbum = nearest === undefined ? undefined : byId.get(nearest.album.id);
    if (nearestAlbum?.genre === album.genre) sameGenre++;
    if (nearestAlbum?.soundfont === album.soundfont) sameSoundfont++;
    if (nearestAlbum?.artist === album.artist) sameArtist++;
  }
  const count = albums.length;
  return {
    albums: count,
    top1: count > 0 ? correct / count : 0,
    coverage: count > 0 ? covered / count : 0,
    top1Covered: covered > 0 ? correct / covered : null,
    routes,
    maxConfidence,
    nearestSameGenre: count > 0 ? sameGenre / count : 0,
    nearestSameArtist: count > 0 ? sameArtist / count : 0,
    nearestSameSoundfont: count > 0 ? sameSoundfont / count : 0,
    confusion,
  };
}
