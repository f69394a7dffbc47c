/**
 * A trained-classifier baseline for the audio genre evidence: nearest genre centroid (Tibshirani
 * et al. 2002, "Diagnosis of multiple cancer types by shrunken centroids of gene expression",
 * PNAS 99(10), without the shrinkage). Each genre's centroid is the mean of its eligible albums'
 * z-scored vectors (the same z-scores as the neighbour index); the album gets the genre whose
 * centroid is most cosine-similar. Eligible: every other album (album out), or every album by
 * another artist (artist out), so the classifier is retrained for each held-out album.
 */
import { createAudioGenreIndex } from "../../src/library/suggest/audio-genre-neighbours.js";
import type { EvaluatedAlbum } from "./leave-out-evaluation.js";

/** Top-1 accuracy of the nearest centroid with the album, or its artist, held out. */
export function scoreNearestCentroid(albums: readonly EvaluatedAlbum[], holdOut: "album" | "artist"): number {
  const index = createAudioGenreIndex(
    albums.map((album) => ({ id: album.id, artist: album.artist, vector: album.vector, genres: [album.genre] })),
  );
  const { dimensions, rows } = index;
  const genres = [...new Set(albums.map((album) => album.genre))];
  let correct = 0;
  albums.forEach((query, queryRow) => {
    const queryVector = rows.subarray(queryRow * dimensions, (queryRow + 1) * dimensions);
    let bestGenre: string | null = null;
    let bestSimilarity = Number.NEGATIVE_INFINITY;
    for (const genre of genres) {
      const centroid = new Float64Array(dimensions);
      let members = 0;
      albums.forEach((album, row) => {
        if (album.genre !== genre || album.id === query.id) return;
        if (holdOut === "artist" && album.artist === query.artist) return;
        members++;
        for (let dimension = 0; dimension < dimensions; dimension++) {
          centroid[dimension] = (centroid[dimension] as number) + (rows[row * dimensions + dimension] as number);
        }
      });
      if (members === 0) continue;
      let dot = 0;
      let centroidSquares = 0;
      let querySquares = 0;
      for (let dimension = 0; dimension < dimensions; dimension++) {
        const value = (centroid[dimension] as number) / members;
        const other = queryVector[dimension] as number;
        dot += value * other;
        centroidSquares += value * value;
        querySquares += other * other;
      }
      const similarity = dot / Math.sqrt(centroidSquares * querySquares || 1);
      if (similarity > bestSimilarity) {
        bestSimilarity = similarity;
        bestGenre = genre;
      }
    }
    if (bestGenre === query.genre) correct++;
  });
  return albums.length > 0 ? correct / albums.length : 0;
}
