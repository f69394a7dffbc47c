/**
 * Tags that contradict each other within one album: album artist (spelled differently, or
 * set on some tracks only; and albums that group-albums.ts split apart because one folder
 * holds one title under several album artists), year, genre (compared as canonical genre
 * sets, so "Hip-Hop" and "hip hop" agree), track total (within each disc) and disc total.
 * Each issue lists the tracks that deviate from the album's most common value, the ones a fix
 * most likely touches. Genre differences on a compilation are info, the rest warnings.
 * details: { values: [{ value, tracks }] } ("(none)" for a missing album artist), plus
 * { disc } for track totals.
 */
import { comparableName } from "../scan/group-albums.js";
import { entryOf } from "./map-entry.js";
import { albumLabel, type QualityContext } from "./quality-context.js";
import type { QualityAlbum, QualityTrack } from "./quality-input.js";
import type { QualityIssue, QualityKind, QualitySeverity } from "./quality-issue.js";
import { describeShares, type ValueSpread, valueSpread } from "./value-spread.js";

const NONE = "(none)";

function spreadIssue(
  kind: QualityKind,
  severity: QualitySeverity,
  album: QualityAlbum,
  what: string,
  spread: ValueSpread,
  extra: { readonly disc?: number } = {},
): QualityIssue[] {
  if (spread.shares.length < 2) return [];
  return [
    {
      kind,
      severity,
      paths: spread.deviating,
      albumIds: [album.id],
      message: `${albumLabel(album)}: ${what} differs: ${describeShares(spread.shares)}`,
      details: {
        ...extra,
        values: spread.shares.map((share) => ({ value: share.value, tracks: share.paths.length })),
      },
    },
  ];
}

function numberText(value: number | null): string | null {
  return value === null ? null : String(value);
}

function checkAlbum(album: QualityAlbum, all: readonly QualityTrack[], context: QualityContext): QualityIssue[] {
  const tracks = all.filter((track) => track.readError === null);
  const albumArtists = valueSpread(
    tracks,
    (track) => (track.tags.albumArtist?.trim() ? track.tags.albumArtist.trim() : NONE),
    (value) => (value === NONE ? "" : value),
  );
  const genres = valueSpread(tracks, (track) => {
    const list = context.genresOf(track);
    return list.length === 0 ? null : [...list].sort().join(", ");
  });
  const issues = [
    ...spreadIssue("inconsistent-album-artist", "warning", album, "album artist", albumArtists),
    ...spreadIssue(
      "inconsistent-year",
      "warning",
      album,
      "year",
      valueSpread(tracks, (t) => numberText(t.tags.year)),
    ),
    ...spreadIssue("inconsistent-genre", album.compilation ? "info" : "warning", album, "genre", genres),
    ...spreadIssue(
      "inconsistent-disc-total",
      "warning",
      album,
      "disc total",
      valueSpread(tracks, (t) => numberText(t.tags.discTotal)),
    ),
  ];
  const discs = new Map<number, QualityTrack[]>();
  for (const track of tracks) {
    const disc = track.tags.discNumber ?? 1;
    const list = entryOf(discs, disc, () => []);
    list.push(track);
  }
  for (const [disc, discTracks] of [...discs].sort((a, b) => a[0] - b[0])) {
    const totals = valueSpread(discTracks, (t) => numberText(t.tags.trackTotal));
    const what = discs.size > 1 ? `track total of disc ${disc}` : "track total";
    issues.push(...spreadIssue("inconsistent-track-total", "warning", album, what, totals, { disc }));
  }
  return issues;
}

/** One folder, one title, several album artists: group-albums.ts made several albums of it. */
function checkSplitAlbums(context: QualityContext): QualityIssue[] {
  const byFolderTitle = new Map<string, QualityAlbum[]>();
  for (const album of context.input.albums) {
    if (album.inferred) continue;
    const key = `${album.folder}\u0000${comparableName(album.title)}`;
    const list = entryOf(byFolderTitle, key, () => []);
    list.push(album);
  }
  const issues: QualityIssue[] = [];
  for (const albums of byFolderTitle.values()) {
    if (albums.length < 2) continue;
    const shares = albums.map((album) => ({
      album,
      paths: (context.tracksByAlbum.get(album.id) ?? []).map((track) => track.path),
    }));
    shares.sort((a, b) => b.paths.length - a.paths.length);
    issues.push({
      kind: "inconsistent-album-artist",
      severity: "warning",
      paths: shares
        .slice(1)
        .flatMap((share) => share.paths)
        .sort(),
      albumIds: shares.map((share) => share.album.id),
      message: `${albums[0]!.title} (${albums[0]!.folder}) is split by album artist: ${shares
        .map((share) => `${share.album.artist} (${share.paths.length} track${share.paths.length === 1 ? "" : "s"})`)
        .join(", ")}`,
      details: { values: shares.map((share) => ({ value: share.album.artist, tracks: share.paths.length })) },
    });
  }
  return issues;
}

export function checkAlbumTags(context: QualityContext): QualityIssue[] {
  const issues: QualityIssue[] = [];
  for (const [albumId, tracks] of context.tracksByAlbum) {
    issues.push(...checkAlbum(context.albumsById.get(albumId)!, tracks, context));
  }
  issues.push(...checkSplitAlbums(context));
  return issues;
}
