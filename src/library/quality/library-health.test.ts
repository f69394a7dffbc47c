import { describe, expect, it } from "vitest";
import { libraryHealth } from "./library-health.js";
import type { QualityIssue } from "./quality-issue.js";

const paths = Array.from({ length: 10 }, (_, index) => `/m/${index}.flac`);

function issue(kind: QualityIssue["kind"], severity: QualityIssue["severity"], ...indices: number[]): QualityIssue {
  return { kind, severity, paths: indices.map((index) => paths[index]!), message: "" };
}

describe("libraryHealth", () => {
  it("weighs each track once at its worst severity: 100 · (1 − (1 + 0.5 + 2 · 0.1) / 10) = 83", () => {
    const health = libraryHealth(paths, [
      issue("unreadable-file", "error", 0),
      issue("duplicate-album", "warning", 0, 1),
      issue("missing-tags", "info", 2, 3),
      issue("missing-tags", "info", 3),
      { ...issue("mixed-formats", "info"), paths: ["/elsewhere.mp3"] },
    ]);
    expect(health.score).toBe(83);
    expect(health.cleanTracks).toBe(6);
    expect(health.tracksBySeverity).toEqual({ error: 1, warning: 1, info: 2 });
    expect(health.issuesBySeverity).toEqual({ error: 1, warning: 1, info: 3 });
    expect(health.counts["missing-tags"]).toEqual({ issues: 2, tracks: 2 });
    expect(health.counts["duplicate-track"]).toEqual({ issues: 0, tracks: 0 });
    expect(health.counts["mixed-formats"]).toEqual({ issues: 1, tracks: 0 });
  });

  it("scores 100 for a clean or empty library, 0 when every file is broken, 90 when all lack only info tags", () => {
    expect(libraryHealth(paths, []).score).toBe(100);
    expect(libraryHealth([], []).score).toBe(100);
    const all = paths.map((_, index) => index);
    expect(libraryHealth(paths, [issue("unreadable-file", "error", ...all)]).score).toBe(0);
    expect(libraryHealth(paths, [issue("missing-tags", "info", ...all)]).score).toBe(90);
  });
});
