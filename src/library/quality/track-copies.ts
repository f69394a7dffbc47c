/**
 * Shared by the duplicate track and recording checks: turning a group of copies of one track
 * into an issue. Copies are listed best first (describe-copy.ts) with their format, so the
 * user can keep the better one. Severity: warning when two copies sit in the same album or
 * folder (an accident), info when they are on different albums (often legitimate: an album
 * track again on a compilation). A group whose copies all belong to one set of duplicate
 * albums is left out: the duplicate-album finding already says it.
 * details: { best, copies: [{ path, albumId, title, durationSeconds, format, lossless,
 * sampleRate, bitsPerSample, bitrateKbps }] } plus what the caller adds.
 */
import { dirname, relative } from "node:path";
import { compareCopies, copyQuality, describeQuality } from "./describe-copy.js";
import type { QualityTrack } from "./quality-input.js";
import type { QualityDetailValue, QualityIssue, QualityKind } from "./quality-issue.js";

/** True when every copy lies in a distinct album of one duplicate-album set. */
export function explainedByAlbumCopies(tracks: readonly QualityTrack[], setOf: ReadonlyMap<string, number>): boolean {
  const albums = new Set<string>();
  let set: number | undefined;
  for (const track of tracks) {
    if (track.albumId === null || albums.has(track.albumId)) return false;
    albums.add(track.albumId);
    const trackSet = setOf.get(track.albumId);
    if (trackSet === undefined || (set !== undefined && trackSet !== set)) return false;
    set = trackSet;
  }
  return true;
}

function minutes(seconds: number | null): string {
  if (seconds === null) return "?:??";
  const rounded = Math.round(seconds);
  return `${Math.floor(rounded / 60)}:${String(rounded % 60).padStart(2, "0")}`;
}

export function trackCopiesIssue(
  kind: QualityKind,
  what: string,
  tracks: readonly QualityTrack[],
  root: string,
  extra: { readonly [key: string]: QualityDetailValue } = {},
): QualityIssue {
  const copies = tracks
    .map((track) => ({ track, quality: copyQuality([track]) }))
    .sort((a, b) => compareCopies(a.quality, b.quality) || (a.track.path < b.track.path ? -1 : 1));
  const sameAlbum =
    new Set(tracks.map((track) => track.albumId ?? dirname(track.path))).size < tracks.length ||
    new Set(tracks.map((track) => dirname(track.path))).size < tracks.length;
  const listed = copies.map(
    ({ track, quality }) =>
      `${relative(root, track.path)} (${describeQuality(quality)}, ${minutes(track.facts.durationSeconds)})`,
  );
  return {
    kind,
    severity: sameAlbum ? "warning" : "info",
    paths: tracks.map((track) => track.path).sort(),
    albumIds: [...new Set(tracks.flatMap((track) => (track.albumId === null ? [] : [track.albumId])))],
    message: `${what}: ${copies.length} copies: ${listed.join("; ")}`,
    details: {
      ...extra,
      best: copies[0]!.track.path,
      copies: copies.map(({ track, quality }) => ({
        path: track.path,
        albumId: track.albumId,
        title: track.tags.title,
        durationSeconds: track.facts.durationSeconds,
        format: quality.format,
        lossless: quality.lossless,
        sampleRate: quality.sampleRate,
        bitsPerSample: quality.bitsPerSample,
        bitrateKbps: quality.bitrateKbps,
      })),
    },
  };
}
