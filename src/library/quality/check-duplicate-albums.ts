/**
 * Duplicate albums: albums in different folders with the same comparable album artist and
 * title (comparable-text.ts: case, punctuation, "The", guest credits and edition decorations
 * such as "(Remastered 2011)" or "[Deluxe]" folded), or whose tracks carry the same MusicBrainz
 * release id. Copies found by name must also share at least half of the smaller one's track
 * titles (when both have titled tracks), so that an artist's several self-titled albums are not
 * taken for copies while a deluxe edition with bonus tracks still is. Albums whose title was inferred from an untagged folder by an unknown artist are
 * left out (their names mean nothing). One warning per set of copies, listing every copy's
 * tracks and quality so the user can keep the better one.
 * details: { copies: [{ albumId, folder, title, format, lossless, sampleRate, bitsPerSample,
 * bitrateKbps, tracks, sizeBytes }] (best first), best: albumId }.
 * Also returns which set each duplicated album belongs to, so that the track duplicate checks
 * can leave out the track pairs such a finding already explains.
 */
import { relative } from "node:path";
import { UNKNOWN_ARTIST } from "../scan/group-albums.js";
import { artistKey, titleKey } from "./comparable-text.js";
import { compareCopies, copyQuality, describeQuality, qualityDetails } from "./describe-copy.js";
import { entryOf } from "./map-entry.js";
import type { QualityContext } from "./quality-context.js";
import type { QualityAlbum, QualityTrack } from "./quality-input.js";
import type { QualityIssue } from "./quality-issue.js";
import { createUnionFind } from "./union-find.js";

/** Share of the smaller copy's track titles the other must have too (bonus tracks allowed). */
const MIN_TITLE_OVERLAP = 0.5;

export interface DuplicateAlbums {
  readonly issues: QualityIssue[];
  /** Album id → index of its set of copies; albums without copies are absent. */
  readonly setOf: ReadonlyMap<string, number>;
}

function releaseIdOf(tracks: readonly QualityTrack[]): string | null {
  for (const track of tracks) if (track.tags.musicbrainzAlbumId) return track.tags.musicbrainzAlbumId;
  return null;
}

/** Share of the smaller album's comparable track titles the other album also has; null when one has none. */
function titleOverlap(left: ReadonlySet<string>, right: ReadonlySet<string>): number | null {
  if (left.size === 0 || right.size === 0) return null;
  const [smaller, larger] = left.size <= right.size ? [left, right] : [right, left];
  let shared = 0;
  for (const title of smaller) if (larger.has(title)) shared++;
  return shared / smaller.size;
}

export function checkDuplicateAlbums(context: QualityContext): DuplicateAlbums {
  const albums: QualityAlbum[] = [];
  const titles: Set<string>[] = [];
  const byKey = new Map<string, number[]>();
  for (const album of context.input.albums) {
    if (album.inferred && album.artist === UNKNOWN_ARTIST) continue;
    const tracks = context.tracksByAlbum.get(album.id);
    if (tracks === undefined) continue;
    const index = albums.length;
    albums.push(album);
    titles.push(new Set(tracks.flatMap((track) => (track.tags.title?.trim() ? [titleKey(track.tags.title)] : []))));
    entryOf(byKey, `t\u0000${artistKey(album.artist)}\u0000${titleKey(album.title)}`, () => []).push(index);
    const releaseId = releaseIdOf(tracks);
    if (releaseId !== null) entryOf(byKey, `m\u0000${releaseId}`, () => []).push(index);
  }
  const sets = createUnionFind(albums.length);
  for (const [key, members] of byKey) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const [left, right] = [members[i]!, members[j]!];
        // Same names but (mostly) other songs: e.g. several self-titled albums by one artist.
        const overlap = key.startsWith("t") ? titleOverlap(titles[left]!, titles[right]!) : null;
        if (overlap === null || overlap >= MIN_TITLE_OVERLAP) sets.union(left, right);
      }
    }
  }
  const issues: QualityIssue[] = [];
  const setOf = new Map<string, number>();
  for (const members of sets.groups()) {
    const copies = members.map((index) => {
      const album = albums[index]!;
      const tracks = context.tracksByAlbum.get(album.id)!;
      return { album, tracks, quality: copyQuality(tracks) };
    });
    if (new Set(copies.map((copy) => copy.album.folder)).size < 2) continue;
    copies.sort((a, b) => compareCopies(a.quality, b.quality) || (a.album.folder < b.album.folder ? -1 : 1));
    const setIndex = issues.length;
    for (const copy of copies) setOf.set(copy.album.id, setIndex);
    const first = copies[0]!.album;
    const where = copies.map(
      (copy) =>
        `${relative(context.input.root, copy.album.folder) || "."} (${describeQuality(copy.quality)}, ${copy.tracks.length} tracks)`,
    );
    issues.push({
      kind: "duplicate-album",
      severity: "warning",
      paths: copies.flatMap((copy) => copy.tracks.map((track) => track.path)).sort(),
      albumIds: copies.map((copy) => copy.album.id),
      message: `${first.artist} – ${first.title}: ${copies.length} copies: ${where.join("; ")}`,
      details: {
        best: first.id,
        copies: copies.map((copy) => ({
          albumId: copy.album.id,
          folder: copy.album.folder,
          title: copy.album.title,
          ...qualityDetails(copy.quality),
        })),
      },
    });
  }
  return { issues, setOf };
}
