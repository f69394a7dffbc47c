import { describe, expect, it } from "vitest";
import { checkAlbumTags } from "./check-album-tags.js";
import { QUALITY_DEFAULTS } from "./quality-context.js";
import { checkContext } from "./test-helpers/check-context.js";
import { albumTracks } from "./test-helpers/quality-library.js";

function kinds(issues: ReturnType<typeof checkAlbumTags>) {
  return issues.map((issue) => [issue.kind, issue.severity, issue.paths.map((path) => path.slice(-7))]);
}

describe("checkAlbumTags", () => {
  it("finds nothing in a consistent album", () => {
    expect(checkAlbumTags(checkContext(albumTracks("A/B", { artist: "A", album: "B", tracks: 5 })))).toEqual([]);
  });

  it("reports the tracks that deviate from the album's year, genre and totals", () => {
    const tracks = albumTracks("A/B", {
      artist: "A",
      album: "B",
      tracks: 4,
      overrides: {
        1: { tags: { year: 1987, discTotal: 2 } },
        2: { tags: { genres: ["Jazz"], trackTotal: 12 } },
        3: { tags: { discTotal: 1 } },
      },
    });
    const issues = checkAlbumTags(checkContext(tracks));
    expect(kinds(issues)).toEqual([
      ["inconsistent-year", "warning", ["02.flac"]],
      ["inconsistent-genre", "warning", ["03.flac"]],
      // Two tracks say 2 and 1 discs (one each): the first seen wins the tie.
      ["inconsistent-disc-total", "warning", ["04.flac"]],
      ["inconsistent-track-total", "warning", ["03.flac"]],
    ]);
    expect(issues[0]!.message).toBe("A – B: year differs: 2000 (3 tracks), 1987 (1 track)");
    expect(issues[0]!.details).toEqual({
      values: [
        { value: "2000", tracks: 3 },
        { value: "1987", tracks: 1 },
      ],
    });
  });

  it("compares canonical genres: 'Hip-Hop' and 'hip hop' agree under the genre rules and the folded labels", () => {
    const tracks = albumTracks("A/B", {
      artist: "A",
      album: "B",
      tracks: 2,
      genres: ["Hip-Hop"],
      overrides: { 1: { tags: { genres: ["hip hop"] } } },
    });
    expect(checkAlbumTags(checkContext(tracks))).toEqual([]);
    expect(checkAlbumTags(checkContext(tracks, { normaliseGenre: QUALITY_DEFAULTS.normaliseGenre }))).toEqual([]);
  });

  it("reports genre differences on a compilation as info", () => {
    const tracks = albumTracks("VA/Hits", {
      artist: "Various Artists",
      album: "Hits",
      tracks: 2,
      overrides: { 1: { tags: { genres: ["Pop"], compilation: true } } },
    });
    expect(kinds(checkAlbumTags(checkContext(tracks)))).toEqual([["inconsistent-genre", "info", ["02.flac"]]]);
  });

  it("reports album artists spelled differently or set on some tracks only", () => {
    const tracks = albumTracks("A/B", {
      artist: "The Band",
      album: "B",
      tracks: 4,
      overrides: { 1: { tags: { albumArtist: "the band" } }, 2: { tags: { albumArtist: null } } },
    });
    const issues = checkAlbumTags(checkContext(tracks));
    expect(kinds(issues)).toEqual([["inconsistent-album-artist", "warning", ["02.flac", "03.flac"]]]);
    expect(issues[0]!.message).toContain("(none) (1 track)");
  });

  it("reports one folder and title split into albums by different album artists", () => {
    const tracks = albumTracks("X/Y", {
      artist: "Alpha",
      album: "Y",
      tracks: 3,
      overrides: { 2: { tags: { albumArtist: "Beta" } } },
    });
    const context = checkContext(tracks);
    expect(context.input.albums).toHaveLength(2);
    const issues = checkAlbumTags(context);
    expect(kinds(issues)).toEqual([["inconsistent-album-artist", "warning", ["03.flac"]]]);
    expect(issues[0]!.albumIds).toHaveLength(2);
    expect(issues[0]!.message).toBe("Y (/music/X/Y) is split by album artist: Alpha (2 tracks), Beta (1 track)");
  });

  it("compares track totals within each disc", () => {
    const tracks = albumTracks("A/B", {
      artist: "A",
      album: "B",
      tracks: 4,
      overrides: {
        0: { tags: { discNumber: 1, trackNumber: 1, trackTotal: 2 } },
        1: { tags: { discNumber: 1, trackNumber: 2, trackTotal: 2 } },
        2: { tags: { discNumber: 2, trackNumber: 1, trackTotal: 3 } },
        3: { tags: { discNumber: 2, trackNumber: 2, trackTotal: 3 } },
      },
    });
    expect(checkAlbumTags(checkContext(tracks))).toEqual([]);
  });
});
