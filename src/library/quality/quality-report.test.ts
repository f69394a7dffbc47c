import { describe, expect, it } from "vitest";
import { isTonearmError } from "../../analysis/errors.js";
import { checkLibraryQuality } from "./quality-report.js";
import { problemLibrary } from "./test-helpers/quality-library.js";

describe("checkLibraryQuality", () => {
  it("runs every check and scores the library", () => {
    const report = checkLibraryQuality(problemLibrary());
    expect(report).toMatchObject({ root: "/music", tracks: 14, albums: 5 });
    const found = report.issues.map((issue) => `${issue.kind} ${issue.severity} ${issue.paths.length}`);
    expect(found).toEqual([
      "unreadable-file error 1",
      "missing-tags info 1",
      "inconsistent-year warning 1",
      "duplicate-track-number warning 2",
      "track-number-gap warning 3",
      "duplicate-album warning 6",
    ]);
    // Worst per track: broken.mp3 error; Abbey Road ×6 and Mess ×3 warning; 4 clean.
    expect(report.tracksBySeverity).toEqual({ error: 1, warning: 9, info: 0 });
    expect(report.cleanTracks).toBe(4);
    expect(report.score).toBe(Math.round(1000 * (1 - (1 + 9 * 0.5) / 14)) / 10);
    expect(report.counts["duplicate-album"]).toEqual({ issues: 1, tracks: 6 });
    expect(report.audioChecked).toEqual({ fingerprinted: 0, decoded: 0 });
  });

  it("is its own JSON form", () => {
    const report = checkLibraryQuality(problemLibrary());
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it("refuses out-of-range options with INVALID_OPTION", () => {
    const input = problemLibrary();
    for (const options of [
      { durationToleranceSeconds: -1 },
      { titleSimilarity: 0 },
      { artistGenreMinAlbums: 1.5 },
      { artistGenreMinShare: 2 },
      { recordingMinScore: Number.NaN },
    ]) {
      let error: unknown;
      try {
        checkLibraryQuality(input, options);
      } catch (caught) {
        error = caught;
      }
      expect(isTonearmError(error) && error.code).toBe("INVALID_OPTION");
    }
  });
});
