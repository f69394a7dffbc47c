import { describe, expect, it } from "vitest";
import { checkLibraryQuality, formatQualityReport } from "./quality-report.js";
import { albumTracks, problemLibrary, qualityLibrary } from "./test-helpers/quality-library.js";

describe("formatQualityReport", () => {
  it("prints the score, a summary table and the issues by kind", () => {
    const text = formatQualityReport(checkLibraryQuality(problemLibrary()));
    const lines = text.split("\n");
    expect(lines[0]).toBe("Library quality — /music");
    expect(lines[1]).toBe("  14 tracks in 5 albums; health 60.7 / 100");
    expect(lines[2]).toBe("  tracks with errors 1, warnings 9, info 0; clean 4");
    expect(text).toContain("  audio not checked");
    const header = lines.findIndex((line) => line.startsWith("  check"));
    expect(lines[header]).toMatch(/^ {2}check +kind +severity +issues +tracks$/);
    expect(lines[header + 1]).toMatch(/^ {2}Files whose tags cannot be read +unreadable-file +error +1 +1$/);
    expect(lines[header + 6]).toMatch(/^ {2}Duplicate albums +duplicate-album +warning +1 +6$/);
    expect(text).toContain(
      "\nFiles whose tags cannot be read (unreadable-file, 1)\n  error    broken.mp3: tags cannot be read: no frame sync\n",
    );
    expect(text).toContain("\nMissing tags (missing-tags, 1)\n  info     Mess – Album: genre 1/3\n");
    expect(text).toContain("  warning  The Beatles – Abbey Road: 2 copies: Beatles/Abbey Road [FLAC] (FLAC");
  });

  it("shows one line per album for missing tags and caps each kind unless detailed", () => {
    const tracks = Array.from({ length: 15 }, (_, index) =>
      albumTracks(`A/Album ${index}`, {
        artist: "A",
        album: `Album ${index}`,
        year: null,
        genres: [],
        titles: [`Opening ${index}`, `Closing ${index}`],
      }),
    ).flat();
    const report = checkLibraryQuality(qualityLibrary(tracks));
    expect(report.issues).toHaveLength(30);
    const capped = formatQualityReport(report, { maxPerKind: 4 });
    expect(capped).toContain("Missing tags (missing-tags, 30)\n  info     A – Album 0: genre 2/2, year 2/2\n");
    expect(capped.split("\n").filter((line) => line.startsWith("  info     A – Album"))).toHaveLength(4);
    expect(capped).toContain("  … and 11 more (show all with --detailed)");
    const detailed = formatQualityReport(report, { detailed: true });
    expect(detailed.split("\n").filter((line) => line.startsWith("  info     A – Album"))).toHaveLength(15);
    expect(detailed).not.toContain("more (show all");
  });

  it("says so when nothing is wrong", () => {
    const report = checkLibraryQuality(qualityLibrary(albumTracks("A/B", { artist: "A", album: "B" })));
    expect(report.score).toBe(100);
    expect(formatQualityReport(report)).toContain("health 100.0 / 100");
    expect(formatQualityReport(report)).toContain("\nNo issues found.\n");
  });
});
