import { describe, expect, it } from "vitest";
import { checkAlbumFormats } from "./check-album-formats.js";
import { checkContext } from "./test-helpers/check-context.js";
import { albumTracks, MP3_FACTS } from "./test-helpers/quality-library.js";

describe("checkAlbumFormats", () => {
  it("reports the MP3 in a FLAC album and the 48 kHz track as info", () => {
    const tracks = albumTracks("A/B", {
      artist: "A",
      album: "B",
      tracks: 4,
      overrides: { 1: { facts: MP3_FACTS }, 3: { facts: { sampleRate: 48000 } } },
    });
    const issues = checkAlbumFormats(checkContext(tracks));
    expect(issues.map((issue) => [issue.kind, issue.severity, issue.paths.map((path) => path.slice(-7))])).toEqual([
      ["mixed-formats", "info", ["02.flac"]],
      ["mixed-sample-rates", "info", ["04.flac"]],
    ]);
    expect(issues[0]!.message).toBe("A – B: several formats: FLAC (3 tracks), MPEG 1 Layer 3 (1 track)");
  });

  it("finds nothing when formats agree or are unknown", () => {
    const tracks = albumTracks("A/B", {
      artist: "A",
      album: "B",
      tracks: 3,
      overrides: { 2: { facts: { codec: null, container: null, sampleRate: null } } },
    });
    expect(checkAlbumFormats(checkContext(tracks))).toEqual([]);
  });
});
