/**
 * The audio neighbour index of a whole library: each album's vector is the mean of its tracks'
 * stored feature vectors (audio-album-vector.ts), labelled with the album's genres (decided
 * ones, else the normalised genres its files carry; none leaves it unlabelled: it shapes the
 * z-scores but never votes).
 */
import { albumAudioVector } from "./audio-album-vector.js";
import { type AudioAlbum, type AudioGenreIndex, createAudioGenreIndex } from "./audio-genre-neighbours.js";

export interface LibraryAudio {
  readonly index: AudioGenreIndex;
  /** Album id → its vector, for the albums that have any track vector. */
  readonly albumVectors: ReadonlyMap<string, Float32Array>;
}

export function buildLibraryAudio(
  tracks: readonly { readonly albumId: string | null; readonly vector: Float32Array | null }[],
  albums: readonly { readonly id: string; readonly artist: string; readonly genres: readonly string[] }[],
): LibraryAudio | null {
  const byAlbum = new Map<string, Float32Array[]>();
  for (const track of tracks) {
    if (track.albumId === null || track.vector === null) continue;
    byAlbum.set(track.albumId, [...(byAlbum.get(track.albumId) ?? []), track.vector]);
  }
  const albumVectors = new Map<string, Float32Array>();
  const entries: AudioAlbum[] = [];
  for (const album of albums) {
    const vector = albumAudioVector(byAlbum.get(album.id) ?? []);
    if (vector === null) continue;
    albumVectors.set(album.id, vector);
    entries.push({ id: album.id, artist: album.artist, vector, genres: album.genres });
  }
  if (entries.length === 0) return null;
  return { index: createAudioGenreIndex(entries), albumVectors };
}
