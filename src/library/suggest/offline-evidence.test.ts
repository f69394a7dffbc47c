import { describe, expect, it } from "vitest";
import { offlineEvidence } from "./offline-evidence.js";

const KNOWN: Record<string, string[]> = {
  jazz: ["Jazz"],
  "hip-hop": ["Hip Hop"],
  "hip hop": ["Hip Hop"],
  "funk / soul": ["Funk", "Soul"],
};
const known = (label: string) => KNOWN[label.toLowerCase()] ?? [];
const recognise = { tag: known, folder: known };

describe("offlineEvidence", () => {
  it("weighs file tags by the share of tracks, sibling albums by the share of albums, and reads folder names", () => {
    const evidence = offlineEvidence(
      {
        id: "a",
        folder: "/music/Jazz/Miles/Kind of Blue",
        artist: "Miles",
        trackGenres: [["Jazz"], ["jazz", "2005"], [], ["Hip-Hop"]],
      },
      "/music",
      [
        { id: "a", genres: ["Jazz"] },
        { id: "b", genres: ["Funk / Soul"] },
        { id: "c", genres: ["Jazz"] },
        { id: "d", genres: [] },
      ],
      recognise,
    );
    expect(evidence).toEqual([
      {
        source: "file-tags",
        genres: [
          { genre: "Jazz", weight: 2 / 3 },
          { genre: "Hip Hop", weight: 1 / 3 },
        ],
      },
      {
        source: "artist-albums",
        genres: [
          { genre: "Funk", weight: 0.5 },
          { genre: "Soul", weight: 0.5 },
          { genre: "Jazz", weight: 0.5 },
        ],
      },
      { source: "folder-names", genres: [{ genre: "Jazz", weight: 1 }] },
    ]);
  });

  it("gives no evidence for an album at the root or outside it", () => {
    const album = { id: "x", folder: "/music", artist: "A", trackGenres: [] };
    expect(offlineEvidence(album, "/music", [], recognise).every((source) => source.genres.length === 0)).toBe(true);
    expect(offlineEvidence({ ...album, folder: "/elsewhere/Jazz" }, "/music", [], recognise)[2]!.genres).toEqual([]);
  });
});
