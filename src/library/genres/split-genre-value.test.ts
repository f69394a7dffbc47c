import { describe, expect, it } from "vitest";
import { formatGenres } from "./format-genres.js";
import { buildGenreVocabulary } from "./genre-vocabulary.js";
import { splitGenreValue } from "./split-genre-value.js";

describe("splitGenreValue", () => {
  it("splits on ; and NUL always", () => {
    expect(splitGenreValue("Rock; Pop")).toEqual(["Rock", "Pop"]);
    expect(splitGenreValue("Rock\u0000Pop\u0000Weird Thing")).toEqual(["Rock", "Pop", "Weird Thing"]);
    expect(splitGenreValue(["Rock; Jazz", "Pop"])).toEqual(["Rock", "Jazz", "Pop"]);
    expect(splitGenreValue(" ; ;")).toEqual([]);
  });

  it("splits on / and , only where every part is a known label", () => {
    expect(splitGenreValue("Rock/Pop")).toEqual(["Rock", "Pop"]);
    expect(splitGenreValue("Rock, Pop")).toEqual(["Rock", "Pop"]);
    expect(splitGenreValue("AC/DC")).toEqual(["AC/DC"]);
    expect(splitGenreValue("Rock/AC/DC")).toEqual(["Rock/AC/DC"]);
    expect(splitGenreValue("Drum & Bass")).toEqual(["Drum & Bass"]);
    expect(splitGenreValue("Rock, Drum & Bass")).toEqual(["Rock", "Drum & Bass"]);
    expect(splitGenreValue("Soul & Funk")).toEqual(["Soul", "Funk"]);
    expect(splitGenreValue("Folk, World, & Country")).toEqual(["Folk, World, & Country"]);
    expect(splitGenreValue("Funk / Soul")).toEqual(["Funk / Soul"]);
  });

  it("splits on a custom output separator", () => {
    expect(splitGenreValue("Rock · Pop · AC/DC", { separator: " · " })).toEqual(["Rock", "Pop", "AC/DC"]);
    expect(splitGenreValue("Rock // Pop", { separator: " // " })).toEqual(["Rock", "Pop"]);
  });

  it("keeps a bare / conditional even when it is the output separator", () => {
    expect(splitGenreValue("Rock/AC/DC", { separator: "/" })).toEqual(["Rock/AC/DC"]);
    expect(splitGenreValue("Rock/Pop", { separator: "/" })).toEqual(["Rock", "Pop"]);
    expect(splitGenreValue("Folk, World, & Country", { separator: ", " })).toEqual(["Folk", "World", "Country"]);
  });

  it("round-trips formatted values", () => {
    const vocabulary = buildGenreVocabulary({ parents: { "AC/DC Core": ["Hard Rock"] } });
    const ranked = ["Indie Rock", "Drum and Bass", "Rhythm and Blues", "AC/DC Core", "Rock and Roll"];
    for (const separator of ["; ", " / ", ", ", "\u0000", " | ", " + "]) {
      const value = formatGenres(ranked, { separator }, vocabulary);
      expect(splitGenreValue(value, { separator }, vocabulary)).toEqual(ranked);
    }
  });
});
