import { describe, expect, it } from "vitest";
import { canonicalGenreName, genreAncestors, impliedGenres, isA, mostSpecificGenres } from "./genre-hierarchy.js";

describe("genre hierarchy", () => {
  it("lists ancestors nearest first, through any spelling or alias", () => {
    expect(genreAncestors("Melodic Death Metal")).toEqual(["Death Metal", "Metal"]);
    expect(genreAncestors("melodeath")).toEqual(["Death Metal", "Metal"]);
    expect(genreAncestors("Synthpop")).toEqual(["Electronic", "Pop"]);
    expect(genreAncestors("Rock")).toEqual([]);
    expect(genreAncestors("Unheard-Of Genre")).toEqual([]);
  });

  it("answers isA for a genre, its ancestors and unrelated genres", () => {
    expect(isA("Death Metal", "Metal")).toBe(true);
    expect(isA("Melodic Death Metal", "metal")).toBe(true);
    expect(isA("Metal", "Metal")).toBe(true);
    expect(isA("Metal", "Death Metal")).toBe(false);
    expect(isA("Deep House", "Rock")).toBe(false);
    expect(isA("Unheard-Of Genre", "Rock")).toBe(false);
  });

  it("adds implied genres after the given ones, each once", () => {
    expect(impliedGenres(["Melodic Death Metal", "Synthpop"])).toEqual([
      "Melodic Death Metal",
      "Synthpop",
      "Death Metal",
      "Metal",
      "Electronic",
      "Pop",
    ]);
    expect(impliedGenres(["Metal", "Death Metal", "death metal"])).toEqual(["Metal", "Death Metal"]);
    expect(impliedGenres(["Mystery Wave"])).toEqual(["Mystery Wave"]);
  });

  it("reduces a list to its most specific genres", () => {
    expect(mostSpecificGenres(["Rock", "Metal", "Death Metal", "Alternative", "Indie Rock", "Jazz"])).toEqual([
      "Death Metal",
      "Indie Rock",
      "Jazz",
    ]);
    expect(mostSpecificGenres(["hip-hop", "Hip Hop", "Mystery Wave"])).toEqual(["Hip Hop", "Mystery Wave"]);
  });

  it("gives canonical display names", () => {
    expect(canonicalGenreName("r&b")).toBe("Rhythm and Blues");
    expect(canonicalGenreName(" Mystery Wave ")).toBe("Mystery Wave");
  });
});
