/**
 * Groups a library's tracks into albums. An album is what sits in one folder (a disc
 * sub-folder such as "CD1" or "Disc 2" counts as its parent) under one album title, by one
 * album artist:
 * - the album artist tag decides when present (tracks without it join the album when the
 *   folder holds only one album artist for that title);
 * - else a compilation flag, or several different artists under one title in one folder
 *   (after dropping "feat." guests), make it a "Various Artists" compilation;
 * - else the tracks' common artist; none at all gives "Unknown Artist".
 * A track without an album tag is grouped by its folder, whose name becomes the title
 * (`inferred`). " (Disc 2)", "[CD 1]" and " - Disc 1" suffixes are removed from titles so
 * that the discs of a set form one album. The same album in two folders (say an MP3 and a
 * FLAC copy) stays two albums, which quality control reports as duplicates.
 */
import { createHash } from "node:crypto";
import { basename, dirname } from "node:path";
import type { TrackTags } from "./library-track.js";

export const VARIOUS_ARTISTS = "Various Artists";
export const UNKNOWN_ARTIST = "Unknown Artist";

export interface GroupableTrack {
  readonly path: string;
  readonly tags: TrackTags;
}

export interface AlbumGroup {
  /** Stable for the same folder, album artist and title: sha-1 of the grouping key. */
  readonly id: string;
  readonly folder: string;
  readonly artist: string;
  readonly title: string;
  readonly year: number | null;
  readonly compilation: boolean;
  /** The title came from the folder name, not from tags. */
  readonly inferred: boolean;
  readonly discCount: number;
  readonly trackPaths: readonly string[];
}

const DISC_FOLDER = /^(?:cd|disc|disk)[\s._-]*\d{1,2}\b/i;
const DISC_SUFFIX =
  /\s*(?:[([]\s*(?:cd|disc|disk)\s*\d{1,2}(?:\s*of\s*\d{1,2})?\s*[)\]]|[-–:]\s*(?:cd|disc|disk)\s*\d{1,2})\s*$/i;
const FEATURING = /\s+(?:feat\.?|featuring|ft\.)\s+.*$|\s*[([](?:feat\.?|featuring|ft\.)\s+[^)\]]*[)\]]/i;

/** Lower-case, NFKC, single spaces: how names are compared. */
export function comparableName(name: string): string {
  return name.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** The album title without a disc suffix ("Mellon Collie (Disc 2)" → "Mellon Collie"). */
export function albumTitleWithoutDisc(title: string): string {
  const stripped = title.replace(DISC_SUFFIX, "").trim();
  return stripped === "" ? title : stripped;
}

function albumFolderOf(path: string): string {
  const folder = dirname(path);
  return DISC_FOLDER.test(basename(folder)) ? dirname(folder) : folder;
}

function primaryArtist(artist: string): string {
  return comparableName(artist.replace(FEATURING, ""));
}

export function groupAlbums(tracks: readonly GroupableTrack[]): AlbumGroup[] {
  // Step 1: folder and title.
  const byFolderTitle = new Map<
    string,
    { folder: string; title: string; inferred: boolean; tracks: GroupableTrack[] }
  >();
  for (const track of tracks) {
    const folder = albumFolderOf(track.path);
    const tagged = track.tags.album === null ? null : albumTitleWithoutDisc(track.tags.album);
    const title = tagged ?? basename(folder);
    const key = `${folder}\u0000${tagged === null ? "\u0001" : comparableName(title)}`;
    let group = byFolderTitle.get(key);
    if (group === undefined) {
      group = { folder, title, inferred: tagged === null, tracks: [] };
      byFolderTitle.set(key, group);
    }
    group.tracks.push(track);
  }
  // Step 2: album artist within each folder and title.
  const albums: AlbumGroup[] = [];
  for (const group of byFolderTitle.values()) {
    for (const part of splitByAlbumArtist(group.tracks)) {
      const { artist, compilation } = albumArtistOf(part);
      const key = `${comparableName(artist)}\u0000${comparableName(group.title)}\u0000${group.folder}`;
      albums.push({
        id: createHash("sha1").update(key).digest("hex").slice(0, 24),
        folder: group.folder,
        artist,
        title: group.title,
        year: mostCommon(part.map((track) => track.tags.year)),
        compilation,
        inferred: group.inferred,
        discCount: discCountOf(part),
        trackPaths: part.map((track) => track.path).sort(),
      });
    }
  }
  return albums.sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : a.title < b.title ? -1 : 1));
}

/** One part per album artist; tracks without one join the only part there is, else their own. */
function splitByAlbumArtist(tracks: readonly GroupableTrack[]): GroupableTrack[][] {
  const parts = new Map<string, GroupableTrack[]>();
  const without: GroupableTrack[] = [];
  for (const track of tracks) {
    if (track.tags.albumArtist === null) without.push(track);
    else {
      const key = comparableName(track.tags.albumArtist);
      parts.set(key, [...(parts.get(key) ?? []), track]);
    }
  }
  if (parts.size === 1) return [[...[...parts.values()][0]!, ...without]];
  return without.length === 0 ? [...parts.values()] : [...parts.values(), without];
}

function albumArtistOf(tracks: readonly GroupableTrack[]): { artist: string; compilation: boolean } {
  const albumArtist = mostCommon(tracks.map((track) => track.tags.albumArtist));
  const flagged = tracks.some((track) => track.tags.compilation);
  if (albumArtist !== null) {
    return { artist: albumArtist, compilation: flagged || comparableName(albumArtist) === "various artists" };
  }
  if (flagged) return { artist: VARIOUS_ARTISTS, compilation: true };
  const artists = tracks.map((track) => track.tags.artist).filter((artist): artist is string => artist !== null);
  if (artists.length === 0) return { artist: UNKNOWN_ARTIST, compilation: false };
  const primaries = new Set(artists.map(primaryArtist));
  if (primaries.size > 1) return { artist: VARIOUS_ARTISTS, compilation: true };
  // The common artist as most tracks spell it, without a guest's credit.
  const plain = artists.filter((artist) => !FEATURING.test(artist));
  return { artist: mostCommon(plain.length > 0 ? plain : artists) as string, compilation: false };
}

function discCountOf(tracks: readonly GroupableTrack[]): number {
  const discs = new Set<number>();
  let declared = 0;
  for (const { tags } of tracks) {
    if (tags.discNumber !== null) discs.add(tags.discNumber);
    if (tags.discTotal !== null) declared = Math.max(declared, tags.discTotal);
  }
  return Math.max(1, declared, discs.size);
}

/** The most frequent non-null value (the first seen on a tie); null when all are null. */
function mostCommon<T>(values: readonly (T | null)[]): T | null {
  const counts = new Map<T, number>();
  let best: T | null = null;
  let bestCount = 0;
  for (const value of values) {
    if (value === null) continue;
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}
