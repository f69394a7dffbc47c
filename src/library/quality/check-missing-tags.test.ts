import { describe, expect, it } from "vitest";
import { checkMissingTags } from "./check-missing-tags.js";
import { QUALITY_DEFAULTS } from "./quality-context.js";
import { checkContext } from "./test-helpers/check-context.js";
import { albumTracks, qualityTrack } from "./test-helpers/quality-library.js";

describe("checkMissingTags", () => {
  it("reports one issue per album and tag, with counts, essential tags as warnings", () => {
    const tracks = albumTracks("A/Album", {
      artist: "A",
      album: "Album",
      year: null,
      tracks: 4,
      overrides: { 2: { tags: { title: "  ", trackNumber: null } }, 3: { tags: { genres: [] } } },
    });
    const issues = checkMissingTags(checkContext(tracks));
    expect(issues.map((issue) => [issue.details?.tag, issue.severity, issue.paths.length])).toEqual([
      ["title", "warning", 1],
      ["trackNumber", "warning", 1],
      ["genre", "info", 1],
      ["year", "info", 4],
    ]);
    expect(issues[3]!.message).toBe("A – Album: year missing on 4 of 4 tracks");
    expect(issues.every((issue) => issue.albumIds?.length === 1)).toBe(true);
  });

  it("counts genres that normalise to nothing as missing (default genre rules)", () => {
    const tracks = albumTracks("A/Album", { artist: "A", album: "Album", genres: ["favorites"], tracks: 2 });
    const issues = checkMissingTags(checkContext(tracks, { normaliseGenre: QUALITY_DEFAULTS.normaliseGenre }));
    expect(issues.map((issue) => issue.details?.tag)).toEqual(["genre"]);
  });

  it("groups tracks outside albums by folder and skips unreadable files", () => {
    const tracks = [
      qualityTrack("Loose/a.mp3", { tags: { title: "a", artist: "x", album: "y", trackNumber: 1, year: 1990 } }),
      qualityTrack("Loose/b.mp3", { readError: "bad header" }),
    ];
    const context = checkContext(tracks);
    // Grouped by album anyway; make the tracks loose as a catalogue without albums would.
    const loose = { ...context, tracksByAlbum: new Map(), looseTracks: context.input.tracks };
    const issues = checkMissingTags(loose);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toBe("Loose: genre missing on 1 of 1 tracks");
    expect(issues[0]!.albumIds).toBeUndefined();
  });

  it("finds nothing in a fully tagged album", () => {
    expect(checkMissingTags(checkContext(albumTracks("A/B", { artist: "A", album: "B" })))).toEqual([]);
  });
});
