import { describe, expect, it } from "vitest";
import { checkTrackNumbering } from "./check-track-numbering.js";
import { checkContext } from "./test-helpers/check-context.js";
import { albumTracks } from "./test-helpers/quality-library.js";

describe("checkTrackNumbering", () => {
  it("finds nothing in a complete album", () => {
    expect(checkTrackNumbering(checkContext(albumTracks("A/B", { artist: "A", album: "B", tracks: 6 })))).toEqual([]);
  });

  it("reports clashing (disc, track) numbers and the numbers missing below the total", () => {
    const tracks = albumTracks("A/B", {
      artist: "A",
      album: "B",
      tracks: 4,
      overrides: {
        0: { tags: { trackTotal: 8 } },
        2: { tags: { trackNumber: 2 } },
        3: { tags: { trackNumber: 7 } },
      },
    });
    const issues = checkTrackNumbering(checkContext(tracks));
    expect(issues.map((issue) => [issue.kind, issue.paths.length, issue.details])).toEqual([
      ["duplicate-track-number", 2, { disc: 1, trackNumber: 2 }],
      ["track-number-gap", 4, { disc: 1, trackTotal: 8, missing: [3, 4, 5, 6, 8] }],
    ]);
    expect(issues[1]!.message).toBe("A – B: 5 of 8 track numbers missing (3, 4, 5, 6, 8)");
  });

  it("numbers each disc on its own: track 1 on two discs is no clash", () => {
    const tracks = albumTracks("A/B", {
      artist: "A",
      album: "B",
      tracks: 3,
      overrides: {
        0: { tags: { discNumber: 1, trackNumber: 1, trackTotal: 1 } },
        1: { tags: { discNumber: 2, trackNumber: 1, trackTotal: 2 } },
        2: { tags: { discNumber: 2, trackNumber: 1, trackTotal: 2 } },
      },
    });
    const issues = checkTrackNumbering(checkContext(tracks));
    expect(issues.map((issue) => [issue.kind, issue.details])).toEqual([
      ["duplicate-track-number", { disc: 2, trackNumber: 1 }],
      ["track-number-gap", { disc: 2, trackTotal: 2, missing: [2] }],
    ]);
    expect(issues[0]!.message).toBe("A – B, disc 2: 2 tracks are number 1");
  });

  it("reports no gap without a track total", () => {
    const tracks = albumTracks("A/B", {
      artist: "A",
      album: "B",
      tracks: 2,
      overrides: { 0: { tags: { trackTotal: null } }, 1: { tags: { trackNumber: 5, trackTotal: null } } },
    });
    expect(checkTrackNumbering(checkContext(tracks))).toEqual([]);
  });
});
