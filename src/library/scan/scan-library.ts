/**
 * `scanLibrary(root, catalogue)`: an incremental scan of a music library folder.
 * 1. Walk the folder (walk-library.ts) and compare each audio file's size and modification
 *    time with what the catalogue knows: equal means unchanged, and nothing is read.
 * 2. A known file with a new modification time but the same size is hashed (first and last
 *    64 KiB): the same hash means only its time changed ("touched"). New files are hashed too,
 *    and one whose size and hash match a vanished track is that track, moved or renamed.
 * 3. New and changed files are read (tags and technical facts), several at a time.
 * 4. Gone files are removed, except under a folder the walk could not read (a permission
 *    problem must not look like a deletion); albums are regrouped (group-albums.ts).
 * 5. Everything is saved in one transaction. A scan that found no change saves nothing.
 */
import { stat } from "node:fs/promises";
import { resolve, sep } from "node:path";
import { TonearmError } from "../../analysis/errors.js";
import { groupAlbums } from "./group-albums.js";
import type { KnownTrack, LibraryCatalogue, ScanChanges, TrackMove } from "./library-catalogue.js";
import type { ScannedTrack, TrackFileState } from "./library-track.js";
import { quickContentHash } from "./quick-content-hash.js";
import { readTrack } from "./read-track-tags.js";
import { describeFsError, type WalkedFile, type WalkProblem, walkLibrary } from "./walk-library.js";

export type ScanPhase = "walking" | "reading" | "saving";

export interface ScanProgress {
  readonly phase: ScanPhase;
  /** Files walked (walking) or read (reading) so far. */
  readonly done: number;
  /** Files to read; during the walk, the files known from the last scan (a guess of the total). */
  readonly total: number;
  readonly path?: string;
}

export interface ScanOptions {
  /** Files read at once; default 8. */
  readonly concurrency?: number;
  readonly onProgress?: (progress: ScanProgress) => void;
  readonly signal?: AbortSignal;
}

export interface ScanSummary {
  readonly root: string;
  readonly files: number;
  readonly unchanged: number;
  readonly added: number;
  readonly changed: number;
  readonly touched: number;
  readonly moved: number;
  readonly removed: number;
  /** Files whose tags could not be read (kept, with their error, for quality control). */
  readonly unreadable: number;
  readonly albums: number;
  readonly problems: readonly WalkProblem[];
  readonly seconds: number;
}

export async function scanLibrary(
  rootArgument: string,
  catalogue: LibraryCatalogue,
  options: ScanOptions = {},
): Promise<ScanSummary> {
  const started = performance.now();
  const root = resolve(rootArgument);
  await checkRoot(root);
  const { onProgress, signal } = options;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 8));

  const known = new Map((await catalogue.tracksUnder(root)).map((track) => [track.path, track]));
  const problems: WalkProblem[] = [];
  const seen = new Set<string>();
  const toRead: WalkedFile[] = [];
  const sameSize: { file: WalkedFile; was: KnownTrack }[] = [];
  let unchanged = 0;
  for await (const file of walkLibrary(root, (problem) => problems.push(problem))) {
    signal?.throwIfAborted();
    seen.add(file.path);
    const was = known.get(file.path);
    if (was !== undefined && was.size === file.size && was.mtimeMs === file.mtimeMs) unchanged++;
    else if (was !== undefined && was.size === file.size && was.contentHash !== null) sameSize.push({ file, was });
    else toRead.push(file);
    if (seen.size % 500 === 0) onProgress?.({ phase: "walking", done: seen.size, total: known.size, path: file.path });
  }

  const touched: TrackFileState[] = [];
  for (const { file, was } of sameSize) {
    const contentHash = await hashOrNull(file);
    if (contentHash === was.contentHash) touched.push({ ...file, contentHash });
    else toRead.push(file);
  }

  const unreadableFolders = problems.map((problem) => problem.path);
  const vanished = [...known.values()].filter(
    (track) => !seen.has(track.path) && !unreadableFolders.some((folder) => isUnder(track.path, folder)),
  );
  const vanishedByContent = new Map(vanished.map((track) => [`${track.size}:${track.contentHash}`, track]));

  const moves: TrackMove[] = [];
  const upserts: ScannedTrack[] = [];
  let added = 0;
  let changed = 0;
  let read = 0;
  await forEachConcurrently(toRead, concurrency, async (file) => {
    signal?.throwIfAborted();
    const contentHash = await hashOrNull(file);
    const state: TrackFileState = { ...file, contentHash };
    const movedFrom = known.has(file.path) ? undefined : vanishedByContent.get(`${file.size}:${contentHash}`);
    if (movedFrom !== undefined && contentHash !== null) {
      vanishedByContent.delete(`${file.size}:${contentHash}`);
      moves.push({ from: movedFrom.path, to: state });
    } else {
      upserts.push(await readTrack(state));
      if (known.has(file.path)) changed++;
      else added++;
    }
    read++;
    onProgress?.({ phase: "reading", done: read, total: toRead.length, path: file.path });
  });
  const movedAway = new Set(moves.map((move) => move.from));
  const removals = vanished.filter((track) => !movedAway.has(track.path)).map((track) => track.path);

  const summary = {
    root,
    files: seen.size,
    unchanged,
    added,
    changed,
    touched: touched.length,
    moved: moves.length,
    removed: removals.length,
    unreadable: upserts.filter((track) => track.readError !== null).length,
    problems,
  };
  const anyChange = upserts.length + touched.length + moves.length + removals.length > 0;
  if (!anyChange) {
    return { ...summary, albums: countAlbums(known.values()), seconds: secondsSince(started) };
  }
  signal?.throwIfAborted();
  onProgress?.({ phase: "saving", done: 0, total: 1 });
  const changes: ScanChanges = { upserts, touched, moves, removals, albums: [] };
  const albums = groupAlbums(tracksAfter(known, changes));
  await catalogue.saveScan(root, { ...changes, albums });
  onProgress?.({ phase: "saving", done: 1, total: 1 });
  return { ...summary, albums: albums.length, seconds: secondsSince(started) };
}

async function checkRoot(root: string): Promise<void> {
  let facts: Awaited<ReturnType<typeof stat>>;
  try {
    facts = await stat(root);
  } catch (error) {
    throw new TonearmError("FILE_NOT_FOUND", `cannot scan ${root}: ${describeFsError(error)}`, { path: root });
  }
  if (!facts.isDirectory()) throw new TonearmError("INVALID_OPTION", `${root} is not a folder`, { path: root });
}

async function hashOrNull(file: WalkedFile): Promise<string | null> {
  try {
    return await quickContentHash(file.path, file.size);
  } catch {
    return null;
  }
}

/** The tracks under the root once `changes` are applied, for regrouping albums. */
function tracksAfter(known: ReadonlyMap<string, KnownTrack>, changes: ScanChanges): KnownTrack[] {
  const after = new Map(known);
  for (const path of changes.removals) after.delete(path);
  for (const move of changes.moves) {
    const track = after.get(move.from);
    after.delete(move.from);
    if (track !== undefined) after.set(move.to.path, { ...track, ...move.to });
  }
  for (const track of changes.upserts) after.set(track.path, { ...track, albumId: null });
  return [...after.values()];
}

function countAlbums(tracks: Iterable<KnownTrack>): number {
  const albums = new Set<string>();
  for (const track of tracks) if (track.albumId !== null) albums.add(track.albumId);
  return albums.size;
}

function isUnder(path: string, folder: string): boolean {
  return path.startsWith(folder.endsWith(sep) ? folder : `${folder}${sep}`);
}

function secondsSince(started: number): number {
  return Math.round(performance.now() - started) / 1000;
}

async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(lanes);
}
