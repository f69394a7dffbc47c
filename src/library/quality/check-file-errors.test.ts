import { describe, expect, it } from "vitest";
import { checkFileErrors } from "./check-file-errors.js";
import { checkContext } from "./test-helpers/check-context.js";
import { albumTracks, qualityTrack } from "./test-helpers/quality-library.js";

describe("checkFileErrors", () => {
  it("reports unreadable tags and failed decodes as errors, and nothing for unchecked or fine files", () => {
    const tracks = [
      ...albumTracks("A/Album", { artist: "A", album: "Album", overrides: { 1: { decodeError: "invalid frame" } } }),
      qualityTrack("broken.mp3", { readError: "not an MPEG stream" }),
      qualityTrack("fine.flac", { decodeError: null }),
    ];
    const issues = checkFileErrors(checkContext(tracks));
    expect(issues.map(({ kind, severity, paths }) => ({ kind, severity, paths }))).toEqual([
      { kind: "undecodable-file", severity: "error", paths: ["/music/A/Album/02.flac"] },
      { kind: "unreadable-file", severity: "error", paths: ["/music/broken.mp3"] },
    ]);
    expect(issues[0]!.albumIds).toHaveLength(1);
    expect(issues[1]!.message).toContain("not an MPEG stream");
  });
});
