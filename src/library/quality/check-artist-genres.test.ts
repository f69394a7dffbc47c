import { describe, expect, it } from "vitest";
import { checkArtistGenres } from "./check-artist-genres.js";
import { QUALITY_DEFAULTS } from "./quality-context.js";
import type { QualityTrack } from "./quality-input.js";
import { checkContext } from "./test-helpers/check-context.js";
import { albumTracks } from "./test-helpers/quality-library.js";

function discography(artist: string, genres: readonly (readonly string[])[]): QualityTrack[] {
  return genres.flatMap((albumGenres, index) =>
    albumTracks(`${artist}/Album ${index + 1}`, {
      artist,
      album: `Album ${index + 1}`,
      genres: albumGenres,
      tracks: 2,
    }),
  );
}

describe("checkArtistGenres", () => {
  it("reports the Jazz album of an artist with Rock on 4 of 5 albums", () => {
    const tracks = discography("Band", [["Rock"], ["rock"], ["Jazz"], ["Rock", "Pop"], ["ROCK"]]);
    const issues = checkArtistGenres(checkContext(tracks));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ kind: "artist-genre-outlier", severity: "info" });
    expect(issues[0]!.paths.map((path) => path.slice(-15))).toEqual(["Album 3/01.flac", "Album 3/02.flac"]);
    expect(issues[0]!.details).toEqual({
      artist: "Band",
      genres: ["jazz"],
      dominantGenre: "rock",
      dominantAlbums: 4,
      artistAlbums: 5,
    });
  });

  it("gives no verdict without a dominant genre, with too few albums, or when all agree", () => {
    const check = (genres: string[][]) => checkArtistGenres(checkContext(discography("Band", genres)));
    expect(check([["Rock"], ["Jazz"], ["Rock"], ["Jazz"]])).toEqual([]);
    expect(check([["Rock"], ["Jazz"]])).toEqual([]);
    expect(check([["Rock"], ["Rock"], ["Rock"]])).toEqual([]);
    expect(check([["Rock"], ["Rock"], ["Jazz"]])).toHaveLength(1);
  });

  it("counts a subgenre as its parent under the genre hierarchy, and leaves compilations out", () => {
    const tracks = [
      ...discography("Band", [["Rock"], ["Rock"], ["Hard Rock"], ["Rock"]]),
      ...albumTracks("Band/Live Jazz", { artist: "Band", album: "Live Jazz", genres: ["Jazz"] }).map((track) => ({
        ...track,
        tags: { ...track.tags, compilation: true },
      })),
    ];
    const defaults = { normaliseGenre: QUALITY_DEFAULTS.normaliseGenre, impliedGenres: QUALITY_DEFAULTS.impliedGenres };
    expect(checkArtistGenres(checkContext(tracks, defaults))).toEqual([]);
    // Without the hierarchy, Hard Rock is an outlier.
    expect(checkArtistGenres(checkContext(tracks)).map((issue) => issue.details?.genres)).toEqual([["hard rock"]]);
  });
});
