import { describe, expect, it } from "vitest";
import { TonearmError } from "../../analysis/errors.js";
import type { GenreSource, GenreSourceName, SourceAnswer } from "../sources/genre-source.js";
import { suggestAlbumGenres } from "./suggest-album-genres.js";

const NAMES: Record<string, string[]> = {
  "hip-hop": ["Hip Hop"],
  "hip hop": ["Hip Hop"],
  rap: ["Hip Hop"],
  "seen live": [],
  jazz: ["Jazz"],
  "jazz rap": ["Jazz Rap"],
};
const normalise = (label: string) => NAMES[label.toLowerCase()] ?? [label];
const isA = (genre: string, ancestor: string) => genre === ancestor || (genre === "Jazz Rap" && ancestor === "Hip Hop");

function source(name: GenreSourceName, answer: Omit<SourceAnswer, "source"> | Error): GenreSource {
  return {
    name,
    async lookupAlbum() {
      if (answer instanceof Error) throw answer;
      return { source: name, ...answer };
    },
  };
}

const found = (labels: [string, number, ("album" | "artist")?][]) => ({
  status: "found" as const,
  match: { scope: "album" as const, id: "x", artist: "A Tribe Called Quest", album: "The Low End Theory", score: 0.97 },
  genres: labels.map(([label, weight, scope = "album"]) => ({ label, weight, scope })),
});

describe("suggestAlbumGenres", () => {
  it("normalises every source's labels, keeps failures as evidence and routes by confidence", async () => {
    const suggestion = await suggestAlbumGenres(
      { artist: "A Tribe Called Quest", album: "The Low End Theory", year: 1991, trackCount: 14 },
      [{ source: "file-tags", genres: [{ genre: "Hip Hop", weight: 1 }] }],
      {
        sources: [
          source(
            "spotify",
            found([
              ["hip hop", 1],
              ["jazz rap", 1, "artist"],
            ]),
          ),
          source(
            "musicbrainz",
            found([
              ["Hip-Hop", 1],
              ["Jazz Rap", 0.5],
            ]),
          ),
          source(
            "lastfm",
            found([
              ["rap", 1],
              ["seen live", 0.8],
              ["jazz", 0.3],
            ]),
          ),
          source("discogs", { status: "no-credentials", genres: [] }),
          source("deezer", new TonearmError("TIMEOUT", "deezer did not answer within 10 s")),
        ],
        normalise,
        isA,
      },
    );
    expect(suggestion.genres[0]).toBe("Hip Hop");
    expect(suggestion.route).toBe("auto");
    expect(suggestion.confidence).toBeGreaterThanOrEqual(95);
    expect(suggestion.evidence.map((entry) => [entry.source, entry.status])).toEqual([
      ["spotify", "found"],
      ["musicbrainz", "found"],
      ["lastfm", "found"],
      ["discogs", "no-credentials"],
      ["deezer", "failed"],
      ["file-tags", "offline"],
    ]);
    const lastfm = suggestion.evidence[2]!;
    expect(lastfm.labels.find((label) => label.label === "seen live")?.genres).toEqual([]);
    expect(suggestion.evidence[4]!.error).toContain("did not answer");
    const jazzRap = suggestion.ranked.find((entry) => entry.genre === "Jazz Rap");
    expect(jazzRap?.sources).toEqual(["spotify", "musicbrainz"]);
  });

  it("gives a person the decision when only offline evidence exists", async () => {
    const suggestion = await suggestAlbumGenres(
      { artist: "Me", album: "Demos" },
      [
        { source: "file-tags", genres: [{ genre: "Jazz", weight: 1 }] },
        { source: "folder-names", genres: [{ genre: "Jazz", weight: 1 }] },
      ],
      { sources: [], normalise, isA },
    );
    expect(suggestion).toMatchObject({ genres: ["Jazz"], route: "manual" });
    expect(suggestion.confidence).toBeLessThan(80);
  });
});
