import { describe, expect, it } from "vitest";
import {
  closestName,
  damerauLevenshtein,
  nameSimilarity,
  normaliseName,
  parseYear,
  pickBestCandidate,
  scoreCandidate,
  searchName,
  stripDecorations,
} from "./fuzzy-match.js";

describe("normaliseName", () => {
  it("folds case, diacritics, punctuation, '&' and the article", () => {
    expect(normaliseName("The Beatles")).toBe("beatles");
    expect(normaliseName("Beatles, The")).toBe("beatles");
    expect(normaliseName("Simon & Garfunkel")).toBe("simon and garfunkel");
    expect(normaliseName("Motörhead")).toBe("motorhead");
    expect(normaliseName("Sigur Rós")).toBe("sigur ros");
    expect(normaliseName("AC/DC")).toBe("ac dc");
    expect(normaliseName("Don't Look Back")).toBe("dont look back");
    expect(normaliseName("The The")).toBe("the");
  });
});

describe("stripDecorations and searchName", () => {
  it("drops bracketed edition suffixes, dash editions and featured artists", () => {
    expect(stripDecorations("Abbey Road (Remastered 2019)")).toBe("Abbey Road");
    expect(stripDecorations("Rumours [Deluxe Edition] (Remastered)")).toBe("Rumours");
    expect(stripDecorations("Let It Be - Remastered 2009")).toBe("Let It Be");
    expect(stripDecorations("Jay-Z feat. Alicia Keys")).toBe("Jay-Z");
    expect(stripDecorations("(What's the Story) Morning Glory?")).toBe("(What's the Story) Morning Glory?");
    expect(stripDecorations("(Untitled)")).toBe("(Untitled)");
  });
  it("turns a sort-form name back into the credited one", () => {
    expect(searchName("Beatles, The")).toBe("The Beatles");
    expect(searchName("Abbey Road (Remastered)")).toBe("Abbey Road");
  });
});

describe("damerauLevenshtein and nameSimilarity", () => {
  it("counts an adjacent transposition as one edit", () => {
    expect(damerauLevenshtein("kitten", "sitting")).toBe(3);
    expect(damerauLevenshtein("abcd", "acbd")).toBe(1);
    expect(damerauLevenshtein("", "abc")).toBe(3);
    expect(damerauLevenshtein("radiohead", "radiohead")).toBe(0);
  });
  it("rates equivalent spellings 1 and a typo close to 1", () => {
    expect(nameSimilarity("The Beatles", "Beatles, The")).toBe(1);
    expect(nameSimilarity("Abbey Road (Remastered)", "Abbey Road")).toBe(1);
    expect(nameSimilarity("Radiohead", "Radiohaed")).toBeCloseTo(1 - 1 / 9, 6);
    expect(nameSimilarity("Abbey Road", "Let It Be")).toBeLessThan(0.4);
  });
});

describe("scoreCandidate and pickBestCandidate", () => {
  const query = { artist: "The Beatles", album: "Abbey Road", year: 1969, trackCount: 17 };

  it("scores an exact match 1 and tolerates a year off by one", () => {
    expect(
      scoreCandidate(query, { artist: "Beatles, The", album: "Abbey Road (Remastered)", year: 1969, trackCount: 17 }),
    ).toBe(1);
    expect(scoreCandidate(query, { artist: "The Beatles", album: "Abbey Road", year: 1970 })).toBeCloseTo(0.98, 6);
  });

  it("rejects the right names with a wrong year", () => {
    const wrongYear = { artist: "The Beatles", album: "Abbey Road", year: 1999 };
    expect(scoreCandidate(query, wrongYear)).toBeCloseTo(0.5, 6);
    expect(pickBestCandidate(query, [wrongYear])).toBeUndefined();
  });

  it("rejects another album by the same artist and the same title by another artist", () => {
    expect(pickBestCandidate(query, [{ artist: "The Beatles", album: "Let It Be", year: 1970 }])).toBeUndefined();
    expect(
      pickBestCandidate(query, [{ artist: "The Rolling Stones", album: "Abbey Road", year: 1969 }]),
    ).toBeUndefined();
  });

  it("penalises a track-count difference in proportion", () => {
    expect(scoreCandidate(query, { artist: "The Beatles", album: "Abbey Road", trackCount: 34 })).toBeCloseTo(0.875, 6);
  });

  it("picks the closest candidate among several", () => {
    const candidates = [
      { id: "deluxe", artist: "The Beatles", album: "Abbey Road (Super Deluxe)", year: 2019, trackCount: 40 },
      { id: "original", artist: "The Beatles", album: "Abbey Road", year: 1969, trackCount: 17 },
      { id: "tribute", artist: "The Beatles Revival Band", album: "Abbey Road", year: 1969 },
    ];
    expect(pickBestCandidate(query, candidates)?.candidate.id).toBe("original");
  });
});

describe("closestName", () => {
  it("picks the credited artist closest to the query", () => {
    const names = ["The Beatles & George Martin", "The Beatles", "George Martin"];
    expect(closestName("Beatles", names)).toBe("The Beatles");
    expect(closestName("The Beatles and George Martin", names)).toBe("The Beatles & George Martin");
    expect(closestName("anyone", [])).toBe("");
  });
});

describe("parseYear", () => {
  it("reads the year of full, partial and bare dates", () => {
    expect(parseYear("1969-09-26")).toBe(1969);
    expect(parseYear("1969-09")).toBe(1969);
    expect(parseYear("1969")).toBe(1969);
    expect(parseYear(1969)).toBe(1969);
    expect(parseYear("")).toBeUndefined();
    expect(parseYear(undefined)).toBeUndefined();
    expect(parseYear("0000")).toBeUndefined();
  });
});
