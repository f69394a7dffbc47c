import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { checkDuplicateAlbums } from "./check-duplicate-albums.js";
import { checkContext } from "./test-helpers/check-context.js";
import { albumTracks, MP3_FACTS, qualityTrack } from "./test-helpers/quality-library.js";

describe("checkDuplicateAlbums", () => {
  it("finds the same album in two folders, edition suffix folded, best copy first", () => {
    const tracks = [
      ...albumTracks("MP3/Abbey Road", {
        artist: "The Beatles",
        album: "Abbey Road (Remastered 2009)",
        facts: MP3_FACTS,
      }),
      ...albumTracks("FLAC/Abbey Road", { artist: "Beatles", album: "Abbey Road" }),
      ...albumTracks("FLAC/Let It Be", { artist: "The Beatles", album: "Let It Be" }),
      ...albumTracks("Live/Abbey Road", { artist: "The Beatles", album: "Abbey Road (Live)" }),
    ];
    const context = checkContext(tracks);
    const { issues, setOf } = checkDuplicateAlbums(context);
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue).toMatchObject({ kind: "duplicate-album", severity: "warning" });
    expect(issue!.paths).toHaveLength(6);
    expect(issue!.message).toBe(
      "Beatles – Abbey Road: 2 copies: FLAC/Abbey Road (FLAC 16-bit 44.1 kHz 900 kbps, 3 tracks); " +
        "MP3/Abbey Road (MPEG 1 Layer 3 44.1 kHz 320 kbps, 3 tracks)",
    );
    const flac = context.input.albums.find((album) => album.folder === "/music/FLAC/Abbey Road")!;
    expect(issue!.details?.best).toBe(flac.id);
    expect(issue!.albumIds?.[0]).toBe(flac.id);
    expect(setOf.size).toBe(2);
    expect(setOf.get(flac.id)).toBe(0);
  });

  it("joins copies by MusicBrainz release id even when titles differ", () => {
    const release = { musicbrainzAlbumId: "b84ee12a-09ef-421b-82de-0441a926375b" };
    const tracks = [
      ...albumTracks("One", { artist: "A", album: "Title", overrides: { 0: { tags: release } } }),
      ...albumTracks("Two", { artist: "A", album: "Title, Retitled", overrides: { 2: { tags: release } } }),
    ];
    expect(checkDuplicateAlbums(checkContext(tracks)).issues).toHaveLength(1);
  });

  it("ignores untagged folders by an unknown artist and different artists with one title", () => {
    const tracks = [
      qualityTrack("x/New Folder/a.flac"),
      qualityTrack("y/New Folder/a.flac"),
      ...albumTracks("A/Greatest Hits", { artist: "A", album: "Greatest Hits" }),
      ...albumTracks("B/Greatest Hits", { artist: "B", album: "Greatest Hits" }),
    ];
    expect(checkDuplicateAlbums(checkContext(tracks)).issues).toEqual([]);
  });
});

describe("checkDuplicateAlbums and track titles", () => {
  it("requires copies found by name to share half of the smaller one's songs", () => {
    const first = albumTracks("PG/1977", {
      artist: "Peter Gabriel",
      album: "Peter Gabriel",
      titles: ["Moribund", "Solsbury Hill"],
    });
    const second = albumTracks("PG/1978", {
      artist: "Peter Gabriel",
      album: "Peter Gabriel",
      titles: ["On the Air", "D.I.Y."],
    });
    const deluxe = albumTracks("PG/1977 Deluxe", {
      artist: "Peter Gabriel",
      album: "Peter Gabriel [Deluxe Edition]",
      titles: ["Moribund", "Solsbury Hill (Remastered)", "Solsbury Hill (Demo)", "Here Comes the Flood (Live)"],
    });
    const issues = checkDuplicateAlbums(checkContext([...first, ...second, ...deluxe])).issues;
    expect(issues).toHaveLength(1);
    expect(new Set(issues[0]!.paths.map((path) => dirname(path)))).toEqual(
      new Set(["/music/PG/1977", "/music/PG/1977 Deluxe"]),
    );
    expect(issues[0]!.paths.filter((path) => path.includes("Deluxe"))).toHaveLength(4);
  });
});
