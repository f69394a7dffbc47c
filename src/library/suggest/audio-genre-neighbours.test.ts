import { describe, expect, it } from "vitest";
import { TonearmError } from "../../analysis/errors.js";
import { createGaussianRandom } from "../../core/test-helpers/seeded-random.js";
import { aggregateGenres, routeFor } from "./aggregate-genres.js";
import {
  type AudioAlbum,
  audioGenreEvidence,
  createAudioGenreIndex,
  nearestAudioAlbums,
} from "./audio-genre-neighbours.js";

const DIMENSIONS = 12;

/** Albums around well-separated cluster centres (one genre each), seeded noise of `spread`. */
function clusteredLibrary(genres: readonly string[], perGenre: number, spread: number, seed: number): AudioAlbum[] {
  const noise = createGaussianRandom(seed);
  const centres = genres.map(() => Float32Array.from({ length: DIMENSIONS }, () => 4 * noise()));
  return genres.flatMap((genre, genreIndex) =>
    Array.from({ length: perGenre }, (_, index) => ({
      id: `${genre}-${index}`,
      artist: `${genre} artist ${index % 2}`,
      vector: (centres[genreIndex] as Float32Array).map((value) => value + spread * noise()),
      genres: [genre],
    })),
  );
}

const GENRES = ["Rock", "Jazz", "Techno", "Folk"];

describe("audioGenreEvidence", () => {
  it("names the cluster's genre for every held-out album of well-separated clusters", () => {
    const albums = clusteredLibrary(GENRES, 6, 0.5, 11);
    const index = createAudioGenreIndex(albums);
    for (const album of albums) {
      for (const metric of ["cosine", "euclidean"] as const) {
        const evidence = audioGenreEvidence(index, album, { k: 3, metric });
        expect(evidence.source).toBe("audio");
        expect(evidence.genres[0]?.genre).toBe(album.genres[0]);
      }
    }
  });

  it("never lets the album vote for itself, even as its own nearest copy", () => {
    const albums: AudioAlbum[] = [
      { id: "a", vector: Float32Array.of(1, 0, 0), genres: ["Rock"] },
      { id: "b", vector: Float32Array.of(0, 1, 0), genres: ["Jazz"] },
      { id: "c", vector: Float32Array.of(0.1, 0.9, 0), genres: ["Jazz"] },
      { id: "d", vector: Float32Array.of(0, 0, 1), genres: ["Folk"] },
    ];
    const index = createAudioGenreIndex(albums);
    const query = { id: "a", vector: Float32Array.of(1, 0, 0) };
    const neighbours = nearestAudioAlbums(index, query, { k: 4 });
    expect(neighbours.map((neighbour) => neighbour.album.id)).not.toContain("a");
    expect(neighbours).toHaveLength(3);
    expect(audioGenreEvidence(index, query, { k: 1, minSimilarity: 0 }).genres.map((g) => g.genre)).not.toContain(
      "Rock",
    );
  });

  it("excludes the same artist's albums only when asked", () => {
    const albums: AudioAlbum[] = [
      { id: "x1", artist: "The Xs", vector: Float32Array.of(1, 1), genres: ["Rock"] },
      { id: "x2", artist: " the xs ", vector: Float32Array.of(1, 0.9), genres: ["Rock"] },
      { id: "y1", artist: "Y", vector: Float32Array.of(0.8, 1), genres: ["Pop"] },
      { id: "z1", artist: "Z", vector: Float32Array.of(-1, -1), genres: ["Jazz"] },
      { id: "w1", artist: "W", vector: Float32Array.of(-1, 1), genres: ["Folk"] },
    ];
    const index = createAudioGenreIndex(albums);
    const query = albums[0] as AudioAlbum;
    expect(nearestAudioAlbums(index, query, { k: 1 })[0]?.album.id).toBe("x2");
    const excluded = nearestAudioAlbums(index, query, { k: 4, excludeSameArtist: true });
    expect(excluded.map((neighbour) => neighbour.album.id)).toEqual(["y1", "w1", "z1"]);
    expect(audioGenreEvidence(index, query, { k: 1, excludeSameArtist: true }).genres[0]?.genre).toBe("Pop");
    expect(audioGenreEvidence(index, query, { k: 1 }).genres[0]?.genre).toBe("Rock");
  });

  it("gives no evidence when no labelled album is similar enough", () => {
    // Two labelled clusters; the query points away from both.
    const albums: AudioAlbum[] = [
      { id: "r1", vector: Float32Array.of(1, 0, 0, 0), genres: ["Rock"] },
      { id: "r2", vector: Float32Array.of(0.9, 0.1, 0, 0), genres: ["Rock"] },
      { id: "j1", vector: Float32Array.of(0, 1, 0, 0), genres: ["Jazz"] },
      { id: "j2", vector: Float32Array.of(0.1, 0.9, 0, 0), genres: ["Jazz"] },
      { id: "q", vector: Float32Array.of(0, 0, 1, 1), genres: [] },
    ];
    const index = createAudioGenreIndex(albums);
    const query = { id: "q", vector: Float32Array.of(0, 0, 1, 1) };
    expect(Math.max(...nearestAudioAlbums(index, query, { k: 4 }).map((n) => n.similarity))).toBeLessThan(0.2);
    expect(audioGenreEvidence(index, query, { minSimilarity: 0.2 }).genres).toEqual([]);
  });

  it("lets only neighbours at or above the minimum similarity vote", () => {
    const albums = clusteredLibrary(GENRES, 4, 2, 31);
    const index = createAudioGenreIndex(albums);
    const query = albums[0] as AudioAlbum;
    const best = nearestAudioAlbums(index, query, { k: 1 })[0]?.similarity ?? 0;
    expect(best).toBeGreaterThan(0.05);
    expect(audioGenreEvidence(index, query, { k: 3, minSimilarity: best - 0.01 }).genres).toHaveLength(1);
    expect(audioGenreEvidence(index, query, { k: 3, minSimilarity: best + 0.01 }).genres).toEqual([]);
  });

  it("weights are in 0..1, ordered, and weaker when part of the neighbourhood is unrelated", () => {
    const albums = clusteredLibrary(GENRES, 5, 1.5, 23);
    const index = createAudioGenreIndex(albums);
    for (const album of albums) {
      const { genres } = audioGenreEvidence(index, album, { k: 7, minSimilarity: 0 });
      const weights = genres.map((entry) => entry.weight);
      for (const weight of weights) expect(weight).toBeGreaterThan(0);
      for (const weight of weights) expect(weight).toBeLessThanOrEqual(1);
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
      // Single-genre albums: the shares of the positively similar neighbours add up to 1.
      expect(weights.reduce((sum, weight) => sum + weight, 0)).toBeCloseTo(1, 5);
    }
    const query = albums[0] as AudioAlbum;
    const all = audioGenreEvidence(index, query, { k: 7, minSimilarity: 0 });
    const strict = audioGenreEvidence(index, query, { k: 7, minSimilarity: 0.6 });
    const total = (evidence: typeof all) => evidence.genres.reduce((sum, entry) => sum + entry.weight, 0);
    expect(total(strict)).toBeLessThan(total(all));
  });

  it("unlabelled albums shape the scaling but never vote", () => {
    const albums: AudioAlbum[] = [
      { id: "u", vector: Float32Array.of(5, 5), genres: [] },
      { id: "r", vector: Float32Array.of(1, 0), genres: ["Rock"] },
      { id: "j", vector: Float32Array.of(0, 1), genres: ["Jazz"] },
    ];
    const index = createAudioGenreIndex(albums);
    const neighbours = nearestAudioAlbums(index, { id: "q", vector: Float32Array.of(5, 5) }, { k: 3 });
    expect(neighbours.map((neighbour) => neighbour.album.id).sort()).toEqual(["j", "r"]);
  });

  it("alone never reaches the automatic or review route", () => {
    const albums = clusteredLibrary(GENRES, 6, 0.2, 5);
    const index = createAudioGenreIndex(albums);
    const evidence = audioGenreEvidence(index, albums[0] as AudioAlbum, { k: 5 });
    expect(evidence.genres[0]?.weight).toBeCloseTo(1, 5);
    const confidence = aggregateGenres([evidence])[0]?.confidence ?? 0;
    expect(confidence).toBeGreaterThan(30);
    expect(routeFor(confidence)).toBe("manual");
  });

  it("gives no evidence from an empty library or one without labels", () => {
    const empty = createAudioGenreIndex([]);
    expect(nearestAudioAlbums(empty, { id: "q", vector: new Float32Array(0) })).toEqual([]);
    expect(audioGenreEvidence(empty, { id: "q", vector: new Float32Array(0) })).toEqual({
      source: "audio",
      genres: [],
    });
    const unlabelled = createAudioGenreIndex([
      { id: "a", vector: Float32Array.of(1, 2), genres: [] },
      { id: "b", vector: Float32Array.of(2, 1), genres: [] },
    ]);
    expect(audioGenreEvidence(unlabelled, { id: "q", vector: Float32Array.of(1, 2) }).genres).toEqual([]);
  });

  it("ignores constant dimensions and missing values", () => {
    const albums: AudioAlbum[] = [
      { id: "r", vector: Float32Array.of(1, 7, Number.NaN), genres: ["Rock"] },
      { id: "j", vector: Float32Array.of(-1, 7, 3), genres: ["Jazz"] },
      { id: "j2", vector: Float32Array.of(-0.8, 7, 2), genres: ["Jazz"] },
    ];
    const index = createAudioGenreIndex(albums);
    expect(index.usedDimensions).toBe(2);
    const evidence = audioGenreEvidence(index, { id: "q", vector: Float32Array.of(0.9, 7, Number.NaN) }, { k: 1 });
    expect(evidence.genres[0]?.genre).toBe("Rock");
  });

  it("refuses invalid options and vectors of another length", () => {
    const index = createAudioGenreIndex(clusteredLibrary(GENRES, 2, 1, 3));
    const query = { id: "q", vector: new Float32Array(DIMENSIONS) };
    expect(() => audioGenreEvidence(index, query, { k: 0 })).toThrow(TonearmError);
    expect(() => audioGenreEvidence(index, query, { k: 2.5 })).toThrow(/k must be an integer/);
    expect(() => audioGenreEvidence(index, query, { minSimilarity: 1 })).toThrow(/minSimilarity/);
    expect(() => audioGenreEvidence(index, { id: "q", vector: new Float32Array(3) })).toThrow(RangeError);
  });
});
