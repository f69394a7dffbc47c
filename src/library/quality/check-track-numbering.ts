/**
 * Track numbering within each disc of an album (a track without a disc number is on disc 1):
 * two tracks with the same (disc, track) number ("duplicate-track-number", one issue per
 * clash), and numbers from 1 to the disc's track total that no track carries
 * ("track-number-gap": the album is incomplete or mis-numbered; only when a total is tagged,
 * the largest when they differ). details: { disc, trackNumber } and { disc, trackTotal, missing }.
 */

import { entryOf } from "./map-entry.js";
import { albumLabel, type QualityContext } from "./quality-context.js";
import type { QualityAlbum, QualityTrack } from "./quality-input.js";
import type { QualityIssue } from "./quality-issue.js";

/** At most this many missing numbers are listed in a message (details list them all). */
const LISTED_MISSING = 12;

function checkDisc(album: QualityAlbum, disc: number, tracks: readonly QualityTrack[], many: boolean): QualityIssue[] {
  const where = many ? `${albumLabel(album)}, disc ${disc}` : albumLabel(album);
  const issues: QualityIssue[] = [];
  const byNumber = new Map<number, string[]>();
  let total = 0;
  for (const track of tracks) {
    const { trackNumber, trackTotal } = track.tags;
    if (trackTotal !== null) total = Math.max(total, trackTotal);
    if (trackNumber === null) continue;
    const paths = entryOf(byNumber, trackNumber, () => []);
    paths.push(track.path);
  }
  for (const [trackNumber, paths] of [...byNumber].sort((a, b) => a[0] - b[0])) {
    if (paths.length < 2) continue;
    issues.push({
      kind: "duplicate-track-number",
      severity: "warning",
      paths,
      albumIds: [album.id],
      message: `${where}: ${paths.length} tracks are number ${trackNumber}`,
      details: { disc, trackNumber },
    });
  }
  if (total > 0 && byNumber.size > 0) {
    const missing: number[] = [];
    for (let number = 1; number <= total; number++) if (!byNumber.has(number)) missing.push(number);
    if (missing.length > 0) {
      const listed = missing.slice(0, LISTED_MISSING).join(", ") + (missing.length > LISTED_MISSING ? ", …" : "");
      issues.push({
        kind: "track-number-gap",
        severity: "warning",
        paths: tracks.map((track) => track.path),
        albumIds: [album.id],
        message: `${where}: ${missing.length} of ${total} track numbers missing (${listed})`,
        details: { disc, trackTotal: total, missing },
      });
    }
  }
  return issues;
}

export function checkTrackNumbering(context: QualityContext): QualityIssue[] {
  const issues: QualityIssue[] = [];
  for (const [albumId, all] of context.tracksByAlbum) {
    const album = context.albumsById.get(albumId)!;
    const discs = new Map<number, QualityTrack[]>();
    for (const track of all) {
      if (track.readError !== null) continue;
      const disc = track.tags.discNumber ?? 1;
      const list = entryOf(discs, disc, () => []);
      list.push(track);
    }
    for (const [disc, tracks] of [...discs].sort((a, b) => a[0] - b[0])) {
      issues.push(...checkDisc(album, disc, tracks, discs.size > 1));
    }
  }
  return issues;
}
