import { describe, expect, it } from "vitest";
import { type EvaluatedAlbum, scoreHoldOut } from "./leave-out-evaluation.js";

/**
 * Two genres on opposite sides of the space (dimensions 0–2), two artists each, apart in a
 * dimension of their own (3 for Rock, 4 for Jazz: an artist effect); an artist's second album
 * is a little off its first in dimension 5 and rendered with the other soundfont.
 */
function library(): EvaluatedAlbum[] {
  const albums: EvaluatedAlbum[] = [];
  const place = (genre: string, artist: string, base: readonly number[], soundfonts: readonly string[]) => {
    soundfonts.forEach((soundfont, index) => {
      albums.push({
        id: `${artist}-${index}`,
        artist,
        genre,
        soundfont,
        vector: Float32Array.from(base.map((value, dimension) => value + (dimension === 5 ? 0.3 * index : 0))),
      });
    });
  };
  place("Rock", "R1", [3, 3, 3, 1, 0, 0], ["a", "b"]);
  place("Rock", "R2", [3, 3, 3, -1, 0, 0], ["a", "b"]);
  place("Jazz", "J1", [-3, -3, -3, 0, 1, 0], ["a", "b"]);
  place("Jazz", "J2", [-3, -3, -3, 0, -1, 0], ["a", "b"]);
  return albums;
}

describe("scoreHoldOut", () => {
  it("scores every album right when genres are apart, with or without the artist", () => {
    for (const holdOut of ["album", "artist"] as const) {
      const score = scoreHoldOut(library(), holdOut, { k: 1, minSimilarity: 0 });
      expect(score.top1).toBe(1);
      expect(score.coverage).toBe(1);
      expect(score.nearestSameGenre).toBe(1);
      expect(score.confusion.get("Rock")?.get("Rock")).toBe(4);
      expect(score.routes.auto + score.routes.review).toBe(0);
      expect(score.routes.manual).toBe(8);
    }
  });

  it("finds the artist's other album nearest unless the artist is held out", () => {
    // The artist's other album has the other soundfont; the other artist's album with the same index shares it.
    expect(scoreHoldOut(library(), "album", { k: 1, minSimilarity: 0 }).nearestSameSoundfont).toBe(0);
    expect(scoreHoldOut(library(), "artist", { k: 1, minSimilarity: 0 }).nearestSameSoundfont).toBe(1);
  });

  it("with the genre unseen, every suggestion is wrong and a high minimum gives none", () => {
    const loose = scoreHoldOut(library(), "genre", { k: 1, minSimilarity: 0 });
    expect(loose.top1).toBe(0);
    const strict = scoreHoldOut(library(), "genre", { k: 1, minSimilarity: 0.5 });
    expect(strict.coverage).toBe(0);
    expect(strict.routes.none).toBe(8);
    expect(strict.confusion.get("Jazz")?.get("—")).toBe(4);
  });
});
