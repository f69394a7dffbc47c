import { describe, expect, it } from "vitest";
import { aggregateGenres, proposeGenres, routeFor, type SourceGenres } from "./aggregate-genres.js";

const only = (source: string, ...genres: string[]): SourceGenres => ({
  source,
  genres: genres.map((genre, index) => ({ genre, weight: 1 - index * 0.2 })),
});

describe("aggregateGenres", () => {
  it("is confident when the major sources agree and routes to auto-apply", () => {
    const [top] = aggregateGenres([only("spotify", "Jazz"), only("musicbrainz", "Jazz"), only("discogs", "Jazz")]);
    expect(top).toMatchObject({ genre: "Jazz", sources: ["spotify", "musicbrainz", "discogs"] });
    expect(top!.confidence).toBeGreaterThanOrEqual(95);
    expect(routeFor(top!.confidence)).toBe("auto");
  });

  it("sends two agreeing sources to review and one source alone to a person", () => {
    const [two] = aggregateGenres([only("musicbrainz", "Rock"), only("lastfm", "Rock")]);
    expect(two!.confidence).toBeGreaterThanOrEqual(80);
    expect(two!.confidence).toBeLessThan(95);
    const [one] = aggregateGenres([only("spotify", "Rock")]);
    expect(one!.confidence).toBeCloseTo(77.7, 1);
    expect(routeFor(one!.confidence)).toBe("manual");
  });

  it("lowers confidence when sources disagree, and counts sources that did not answer as absent", () => {
    const ranked = aggregateGenres([
      only("spotify", "Pop"),
      only("musicbrainz", "Rock"),
      { source: "deezer", genres: [] },
    ]);
    expect(ranked.map((entry) => entry.genre)).toEqual(["Pop", "Rock"]);
    expect(ranked[0]!.confidence).toBeLessThan(50);
  });

  it("lets a sub-genre support its parent through the hierarchy", () => {
    const isA = (genre: string, ancestor: string) =>
      genre === ancestor || (genre === "Death Metal" && ancestor === "Metal");
    const ranked = aggregateGenres([only("spotify", "Death Metal"), only("discogs", "Metal")], { isA });
    expect(ranked[0]).toMatchObject({ genre: "Metal", sources: ["spotify", "discogs"] });
    expect(ranked[1]).toMatchObject({ genre: "Death Metal", sources: ["spotify"] });
  });

  it("answers nothing without evidence and ignores nonsense weights", () => {
    expect(aggregateGenres([])).toEqual([]);
    const [entry] = aggregateGenres([
      {
        source: "lastfm",
        genres: [
          { genre: "Folk", weight: Number.NaN },
          { genre: "Folk", weight: 5 },
        ],
      },
    ]);
    expect(entry!.evidence).toBeCloseTo(0.7, 6);
  });
});

describe("proposeGenres", () => {
  it("takes the best genre and those close to it, at most maxGenres", () => {
    const ranked = aggregateGenres([
      only("spotify", "Rock", "Alternative", "Indie Rock", "Pop"),
      only("musicbrainz", "Rock", "Alternative"),
    ]);
    const proposal = proposeGenres(ranked, { maxGenres: 2 });
    expect(proposal.genres).toEqual(["Rock", "Alternative"]);
    expect(proposal.confidence).toBe(ranked[0]!.confidence);
    expect(proposeGenres([])).toEqual({ genres: [], confidence: 0, route: "manual" });
  });
});
