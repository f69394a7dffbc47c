/**
 * Which scanned albums a genre-suggestion batch looks up — the rule `tonearm library batch`
 * and the service's batch jobs apply, in one function so both choose alike:
 * - the albums under `root` (every album when it is null);
 * - `specificAlbum` "Artist,Album": that album alone (the artist may hold commas, so every
 *   split is tried; names compare as the scan grouped them, comparableName);
 * - otherwise albums already approved, edited or rejected are left out unless `all`, and
 *   `sampleSize` picks that many at random with a seeded Fisher–Yates shuffle (xorshift32,
 *   Marsaglia 2003, "Xorshift RNGs", J. Stat. Software 8(14)), kept in the library's order.
 *   The seed is scrambled first (MurmurHash3's fmix32 finaliser): xorshift's first outputs
 *   from small neighbouring seeds are nearly equal, so seeds 1, 2, 3… would pick alike.
 */
import { TonearmError } from "../../analysis/errors.js";
import type { SuggestionStatus } from "../review/genre-suggestion.js";
import { comparableName } from "../scan/group-albums.js";
import type { AlbumToSuggest } from "./suggest-library-genres.js";

export interface BatchSelection {
  /** Absolute folder; null for the whole library. */
  readonly root: string | null;
  /** "Artist,Album". */
  readonly specificAlbum?: string;
  /** Also albums already decided. */
  readonly all?: boolean;
  /** Pick this many albums at random (an integer ≥ 1). */
  readonly sampleSize?: number;
  /** The random pick's seed; default 1. */
  readonly seed?: number;
}

/** What the selection reads: the store's library and review repositories satisfy it. */
export interface BatchAlbumSource {
  albumsWithGenres(root: string | null): Promise<AlbumToSuggest[]>;
  albumIdsWithStatus(statuses: readonly SuggestionStatus[]): Promise<Set<string>>;
}

export const DECIDED_STATUSES: readonly SuggestionStatus[] = ["approved", "edited", "rejected"];

/**
 * The albums to look up, and every album (the artist's other albums are evidence).
 * NOT_FOUND for a specific album the scan does not know; INVALID_OPTION for one without a comma.
 */
export async function selectBatchAlbums(
  source: BatchAlbumSource,
  selection: BatchSelection,
): Promise<{ albums: AlbumToSuggest[]; every: AlbumToSuggest[] }> {
  const every = await source.albumsWithGenres(null);
  let albums = selection.root === null ? every : await source.albumsWithGenres(selection.root);
  if (selection.specificAlbum !== undefined) return { albums: [findAlbum(albums, selection.specificAlbum)], every };
  if (!selection.all) {
    const decided = await source.albumIdsWithStatus(DECIDED_STATUSES);
    albums = albums.filter((album) => !decided.has(album.id));
  }
  if (selection.sampleSize !== undefined) albums = seededSample(albums, selection.sampleSize, selection.seed ?? 1);
  return { albums, every };
}

/** The album "Artist,Album" names among `albums`. */
export function findAlbum(albums: readonly AlbumToSuggest[], text: string): AlbumToSuggest {
  for (let comma = text.indexOf(","); comma >= 0; comma = text.indexOf(",", comma + 1)) {
    const artist = comparableName(text.slice(0, comma));
    const title = comparableName(text.slice(comma + 1));
    const found = albums.find(
      (album) => comparableName(album.artist) === artist && comparableName(album.title) === title,
    );
    if (found !== undefined) return found;
  }
  if (!text.includes(",")) throw new TonearmError("INVALID_OPTION", 'a specific album is "Artist,Album"');
  throw new TonearmError("NOT_FOUND", `no scanned album "${text}" (artist and album as the scan grouped them)`);
}

/** A seeded pick of `count` items (xorshift32 Fisher–Yates), in their original order. */
export function seededSample<T>(items: readonly T[], count: number, seed: number): T[] {
  const wanted = Math.floor(count);
  if (wanted >= items.length) return [...items];
  let state = fmix32(seed >>> 0) || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const indices = items.map((_, index) => index);
  for (let index = indices.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [indices[index], indices[other]] = [indices[other] as number, indices[index] as number];
  }
  return indices
    .slice(0, Math.max(0, wanted))
    .sort((a, b) => a - b)
    .map((index) => items[index] as T);
}

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
function fmix32(value: number): number {
  let hash = value;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
