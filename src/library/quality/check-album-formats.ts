/**
 * Mixed technical formats within one album (info: often a patched-up album, e.g. one track
 * replaced by an MP3 in a FLAC album): several codecs ("mixed-formats", compared by codec,
 * else container) or several sample rates ("mixed-sample-rates"). Each issue lists the tracks
 * that deviate from the album's most common value. details: { values: [{ value, tracks }] }.
 */
import { albumLabel, type QualityContext } from "./quality-context.js";
import type { QualityTrack } from "./quality-input.js";
import type { QualityIssue, QualityKind } from "./quality-issue.js";
import { describeShares, type ValueSpread, valueSpread } from "./value-spread.js";

/** A track's format for people: "FLAC", "MPEG 1 Layer 3"; null when unknown. */
export function formatOf(track: QualityTrack): string | null {
  return track.facts.codec ?? track.facts.container;
}

function formatIssue(kind: QualityKind, what: string, albumId: string, label: string, spread: ValueSpread) {
  if (spread.shares.length < 2) return [];
  const issue: QualityIssue = {
    kind,
    severity: "info",
    paths: spread.deviating,
    albumIds: [albumId],
    message: `${label}: ${what}: ${describeShares(spread.shares)}`,
    details: { values: spread.shares.map((share) => ({ value: share.value, tracks: share.paths.length })) },
  };
  return [issue];
}

export function checkAlbumFormats(context: QualityContext): QualityIssue[] {
  const issues: QualityIssue[] = [];
  for (const [albumId, tracks] of context.tracksByAlbum) {
    const label = albumLabel(context.albumsById.get(albumId)!);
    const formats = valueSpread(tracks, formatOf, (value) => value.toLowerCase());
    const rates = valueSpread(tracks, (track) =>
      track.facts.sampleRate === null ? null : `${track.facts.sampleRate} Hz`,
    );
    issues.push(...formatIssue("mixed-formats", "several formats", albumId, label, formats));
    issues.push(...formatIssue("mixed-sample-rates", "several sample rates", albumId, label, rates));
  }
  return issues;
}
