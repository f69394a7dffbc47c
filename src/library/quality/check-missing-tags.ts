/**
 * Missing tags: title, artist, album, track number, genre and year, checked per track and
 * reported per album and tag (one issue "year missing on 12 of 12 tracks" rather than twelve),
 * so a large library's report stays readable. Tracks outside any album are grouped by folder
 * (named relative to the root).
 * Title, artist, album and track number are essential (warning); genre and year are info,
 * since filling them is what the genre tagger is for. Tracks whose tags could not be read are
 * left to check-file-errors.ts.
 * details: { where (album label or folder), tag, missingTracks, albumTracks }.
 */
import { dirname, relative } from "node:path";
import { entryOf } from "./map-entry.js";
import type { QualityContext } from "./quality-context.js";
import { albumLabel } from "./quality-context.js";
import type { QualityTrack } from "./quality-input.js";
import type { QualityIssue, QualitySeverity } from "./quality-issue.js";

export const CHECKED_TAGS = ["title", "artist", "album", "trackNumber", "genre", "year"] as const;
export type CheckedTag = (typeof CHECKED_TAGS)[number];

const TAG_SEVERITY: Readonly<Record<CheckedTag, QualitySeverity>> = {
  title: "warning",
  artist: "warning",
  album: "warning",
  trackNumber: "warning",
  genre: "info",
  year: "info",
};

const TAG_NAMES: Readonly<Record<CheckedTag, string>> = {
  title: "title",
  artist: "artist",
  album: "album",
  trackNumber: "track number",
  genre: "genre",
  year: "year",
};

function blank(value: string | null): boolean {
  return value === null || value.trim() === "";
}

/** The checked tags a track lacks (genres that normalise to nothing count as missing). */
export function missingTags(track: QualityTrack, context: QualityContext): CheckedTag[] {
  const { tags } = track;
  const missing: CheckedTag[] = [];
  if (blank(tags.title)) missing.push("title");
  if (blank(tags.artist)) missing.push("artist");
  if (blank(tags.album)) missing.push("album");
  if (tags.trackNumber === null) missing.push("trackNumber");
  if (context.genresOf(track).length === 0) missing.push("genre");
  if (tags.year === null) missing.push("year");
  return missing;
}

function checkGroup(
  tracks: readonly QualityTrack[],
  where: string,
  albumId: string | null,
  context: QualityContext,
): QualityIssue[] {
  const readable = tracks.filter((track) => track.readError === null);
  const byTag = new Map<CheckedTag, string[]>();
  for (const track of readable) {
    for (const tag of missingTags(track, context)) {
      const paths = entryOf(byTag, tag, () => []);
      paths.push(track.path);
    }
  }
  return CHECKED_TAGS.filter((tag) => byTag.has(tag)).map((tag) => {
    const paths = byTag.get(tag)!;
    return {
      kind: "missing-tags",
      severity: TAG_SEVERITY[tag],
      paths,
      ...(albumId === null ? {} : { albumIds: [albumId] }),
      message: `${where}: ${TAG_NAMES[tag]} missing on ${paths.length} of ${readable.length} tracks`,
      details: { where, tag, missingTracks: paths.length, albumTracks: readable.length },
    };
  });
}

export function checkMissingTags(context: QualityContext): QualityIssue[] {
  const issues: QualityIssue[] = [];
  for (const [albumId, tracks] of context.tracksByAlbum) {
    issues.push(...checkGroup(tracks, albumLabel(context.albumsById.get(albumId)!), albumId, context));
  }
  const byFolder = new Map<string, QualityTrack[]>();
  for (const track of context.looseTracks) {
    const folder = dirname(track.path);
    const tracks = entryOf(byFolder, folder, () => []);
    tracks.push(track);
  }
  for (const [folder, tracks] of byFolder) {
    issues.push(...checkGroup(tracks, relative(context.input.root, folder) || ".", null, context));
  }
  return issues;
}
