import { describe, expect, it } from "vitest";
import { genreKey, splitCompoundLabel } from "./genre-key.js";

describe("genreKey", () => {
  it("merges case, punctuation, whitespace and underscore variants", () => {
    const keys = ["hip-hop", "Hip Hop", "hiphop", "hip_hop", "HIP–HOP".replace("–", "-"), " Hip  Hop "].map(genreKey);
    expect(new Set(keys)).toEqual(new Set(["hiphop"]));
  });

  it("merges &, and, 'n', n' and n between words", () => {
    const keys = ["Rock & Roll", "rock and roll", "Rock 'n' Roll", "Rock’n’Roll", "rock n roll", "Rock n' Roll"];
    expect(new Set(keys.map(genreKey))).toEqual(new Set(["rockandroll"]));
  });

  it("applies NFKC and removes Latin diacritics but not other scripts' marks", () => {
    expect(genreKey("Ｒｏｃｋ")).toBe("rock");
    expect(genreKey("Música Popular Brasileira")).toBe("musicapopularbrasileira");
    expect(genreKey("Raï")).toBe("rai");
    expect(genreKey("ロック")).toBe("ロック");
    expect(genreKey("ガ")).not.toBe(genreKey("カ"));
  });

  it("keeps list separators as / so compounds stay apart from their fusions", () => {
    expect(genreKey("Funk / Soul")).toBe("funk/soul");
    expect(genreKey("Rock, Pop; Jazz")).toBe("rock/pop/jazz");
    expect(genreKey("Pop/Rock")).not.toBe(genreKey("Pop Rock"));
  });
});

describe("splitCompoundLabel", () => {
  const known = new Set(["rock", "pop", "drum & bass", "soul", "funk", "folk", "world", "country"]);
  const isKnown = (part: string): boolean => known.has(part.toLowerCase());

  it("splits on list punctuation, then on conjunctions inside unknown parts", () => {
    expect(splitCompoundLabel("Rock/Pop", isKnown)).toEqual(["Rock", "Pop"]);
    expect(splitCompoundLabel("Rock, Drum & Bass", isKnown)).toEqual(["Rock", "Drum & Bass"]);
    expect(splitCompoundLabel("Soul & Funk", isKnown)).toEqual(["Soul", "Funk"]);
    expect(splitCompoundLabel("Folk, World, & Country", isKnown)).toEqual(["Folk", "World", "Country"]);
    expect(splitCompoundLabel("Rock\u0000Pop", isKnown)).toEqual(["Rock", "Pop"]);
  });

  it("returns undefined for one part or any unknown part", () => {
    expect(splitCompoundLabel("Rock", isKnown)).toBeUndefined();
    expect(splitCompoundLabel("AC/DC", isKnown)).toBeUndefined();
    expect(splitCompoundLabel("Rock/AC", isKnown)).toBeUndefined();
    expect(splitCompoundLabel("Rock & Roll", isKnown)).toBeUndefined();
  });
});
