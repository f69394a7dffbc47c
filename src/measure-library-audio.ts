/**
 * The audio side of the library's genre evidence: measures the feature vector of every track
 * under a root that has none yet (or whose file changed since), by analysing it (the
 * "features" and "rhythm" analyses), stores it, and builds the whole library's audio
 * neighbour index from the stored vectors. A track that cannot be analysed is counted and
 * skipped. Vectors are kept by content hash, so a re-run measures only new or changed files.
 */
import { analyze } from "./analyze.js";
import {
  AUDIO_VECTOR_ANALYSES,
  audioFeatureVector,
  DEFAULT_AUDIO_VECTOR_KIND,
} from "./library/suggest/audio-feature-vector.js";
import { buildLibraryAudio, type LibraryAudio } from "./library/suggest/audio-library-index.js";
import type { OpenedLibrary } from "./open-library.js";

export interface AudioMeasurement {
  readonly audio: LibraryAudio | null;
  readonly measured: number;
  readonly failed: number;
}

export async function measureLibraryAudio(
  library: OpenedLibrary,
  root: string | null,
  onProgress?: (progress: { done: number; total: number; path: string }) => void,
  signal?: AbortSignal,
): Promise<AudioMeasurement> {
  const kind = DEFAULT_AUDIO_VECTOR_KIND;
  const { config, store } = library;
  const missing = (await store.library.tracksWithAudioVectors(root, kind)).filter(
    (track) => track.vector === null && track.contentHash !== null,
  );
  let measured = 0;
  let failed = 0;
  for (const [index, track] of missing.entries()) {
    signal?.throwIfAborted();
    try {
      const report = await analyze(track.path, {
        analyses: [...AUDIO_VECTOR_ANALYSES[kind]],
        decoder: config.decoder,
        ffmpegPath: config.ffmpegPath ?? undefined,
        maxDurationSeconds: config.maxDurationSeconds,
        signal,
      });
      const vector = audioFeatureVector(report, kind);
      if (vector === null) failed++;
      else {
        await store.library.saveAudioVector(track.path, track.contentHash as string, kind, vector);
        measured++;
      }
    } catch (error) {
      if (signal?.aborted) throw error;
      failed++;
    }
    onProgress?.({ done: index + 1, total: missing.length, path: track.path });
  }
  const tracks = await store.library.tracksWithAudioVectors(null, kind);
  const decided = await store.review.decidedGenresByAlbum();
  const albums = (await store.library.albumsWithGenres(null)).map((album) => ({
    id: album.id,
    artist: album.artist,
    genres: decided.get(album.id) ?? library.normaliseExisting([...new Set(album.trackGenres.flat())]),
  }));
  return { audio: buildLibraryAudio(tracks, albums), measured, failed };
}
