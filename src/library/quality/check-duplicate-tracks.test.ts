import { describe, expect, it } from "vitest";
import { checkDuplicateAlbums } from "./check-duplicate-albums.js";
import { checkDuplicateTracks } from "./check-duplicate-tracks.js";
import { checkContext } from "./test-helpers/check-context.js";
import { albumTracks, MP3_FACTS, qualityTrack } from "./test-helpers/quality-library.js";

const song = (path: string, title: string, seconds: number | null, extra: object = {}) =>
  qualityTrack(path, { tags: { artist: "Queen", title, ...extra }, facts: { durationSeconds: seconds } });

function findDuplicates(tracks: Parameters<typeof checkContext>[0]) {
  const context = checkContext(tracks);
  return checkDuplicateTracks(context, checkDuplicateAlbums(context).setOf);
}

describe("checkDuplicateTracks", () => {
  it("groups equal and near-identical titles by one artist within the duration tolerance", () => {
    const issues = findDuplicates([
      song("A/1.flac", "Bohemian Rhapsody", 355),
      song("B/1.flac", "Bohemian Rhapsdy (Remastered 2011)", 356.5),
      song("C/1.flac", "Bohemian Rhapsody", 361),
      song("D/1.flac", "Bohemian Rhapsody (Live)", 355),
      song("E/1.flac", "Love of My Life", 219),
    ]);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.paths).toEqual(["/music/A/1.flac", "/music/B/1.flac"]);
    expect(issues[0]!.severity).toBe("info");
  });

  it("is a warning when the copies share an album or folder, and names the better copy", () => {
    const issues = findDuplicates([
      qualityTrack("Q/A Night/07.mp3", {
        tags: { artist: "Queen feat. Guest", title: "Love of My Life", album: "A Night" },
        facts: { ...MP3_FACTS, durationSeconds: 219 },
      }),
      song("Q/A Night/07.flac", "love of my life", 219, { album: "A Night" }),
    ]);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.severity).toBe("warning");
    expect(issues[0]!.details?.best).toBe("/music/Q/A Night/07.flac");
    expect(issues[0]!.message).toMatch(/^Queen feat\. Guest – Love of My Life: 2 copies: Q\/A Night\/07\.flac \(FLAC/);
  });

  it("requires equal titles when a duration is unknown, and keeps different numbers apart", () => {
    const issues = findDuplicates([
      song("A/1.flac", "Part 1", 100),
      song("B/1.flac", "Part 2", 100),
      song("C/1.flac", "Part 1", null),
      song("D/1.flac", "Part 11", null),
    ]);
    expect(issues.map((issue) => issue.paths)).toEqual([["/music/A/1.flac", "/music/C/1.flac"]]);
  });

  it("leaves out tracks a duplicate album already explains, but not extra copies", () => {
    const album = { artist: "Queen", album: "Jazz", titles: ["Mustapha", "Fat Bottomed Girls"] };
    const compilation = qualityTrack("Hits/05.flac", {
      tags: { artist: "Queen", title: "Fat Bottomed Girls", album: "Greatest Hits" },
    });
    const issues = findDuplicates([...albumTracks("One/Jazz", album), ...albumTracks("Two/Jazz", album), compilation]);
    expect(issues.map((issue) => issue.paths)).toEqual([
      ["/music/Hits/05.flac", "/music/One/Jazz/02.flac", "/music/Two/Jazz/02.flac"],
    ]);
  });
});
