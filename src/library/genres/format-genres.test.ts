import { describe, expect, it } from "vitest";
import { TonearmError } from "../../analysis/errors.js";
import { formatGenres, selectGenres } from "./format-genres.js";
import { buildGenreVocabulary } from "./genre-vocabulary.js";

describe("formatGenres", () => {
  it("joins ranked genres with the default separator", () => {
    expect(formatGenres(["Rock", "Alternative", "Indie Rock"])).toBe("Rock; Alternative; Indie Rock");
    expect(formatGenres([])).toBe("");
  });

  it("removes duplicates in any spelling and canonicalises aliases", () => {
    expect(formatGenres(["hip-hop", "Hip Hop", "rap", "r&b"])).toBe("Hip Hop; Rhythm and Blues");
  });

  it("honours separator and maximum count", () => {
    expect(formatGenres(["Rock", "Pop", "Jazz"], { separator: " / ", maxCount: 2 })).toBe("Rock / Pop");
  });

  it("adds implied parents, after the given genres or parents first", () => {
    expect(formatGenres(["Indie Rock"], { includeImplied: true })).toBe("Indie Rock; Alternative; Indie; Rock");
    expect(formatGenres(["Indie Rock"], { includeImplied: true, order: "general-first" })).toBe(
      "Rock; Alternative; Indie; Indie Rock",
    );
    expect(formatGenres(["Indie Rock", "Rock"], { includeImplied: true })).toBe("Indie Rock; Rock; Alternative; Indie");
  });

  it("keeps a genre together with its parents within the maximum count", () => {
    // Death Metal + Metal fit in 3; Synthpop would bring Electronic and Pop (5 > 3).
    expect(selectGenres(["Death Metal", "Synthpop"], { includeImplied: true, maxCount: 3 })).toEqual([
      "Death Metal",
      "Metal",
    ]);
  });

  it("keeps only the most specific genres when asked", () => {
    expect(formatGenres(["Metal", "Rock", "Death Metal", "Indie Rock"], { mostSpecific: true })).toBe(
      "Death Metal; Indie Rock",
    );
  });

  it("orders parents before children, or alphabetically", () => {
    expect(selectGenres(["Melodic Death Metal", "Jazz", "Metal"], { order: "general-first" })).toEqual([
      "Metal",
      "Melodic Death Metal",
      "Jazz",
    ]);
    expect(selectGenres(["Rock", "Jazz", "Ambient"], { order: "alphabetical" })).toEqual(["Ambient", "Jazz", "Rock"]);
  });

  it("uses the given vocabulary's spelling and hierarchy", () => {
    const vocabulary = buildGenreVocabulary({ parents: { "Hip-Hop": [], Zeuhl: ["Progressive Rock", "Jazz"] } });
    expect(formatGenres(["hip hop", "zeuhl"], { includeImplied: true }, vocabulary)).toBe(
      "Hip-Hop; Zeuhl; Progressive Rock; Jazz; Rock",
    );
  });

  it("refuses contradictory or impossible options", () => {
    for (const options of [
      { separator: "" },
      { separator: " and " },
      { separator: "&" },
      { maxCount: 0 },
      { maxCount: 1.5 },
      { includeImplied: true, mostSpecific: true },
    ]) {
      expect(() => formatGenres(["Rock"], options)).toThrow(TonearmError);
    }
  });
});
