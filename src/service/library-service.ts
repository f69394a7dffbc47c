/**
 * The music library in the service (`service.library`): scans and genre-suggestion batches
 * queued as jobs of kinds "library-scan" and "library-batch" (run on the job worker threads by
 * library-jobs.ts, with progress, cancel and retry like every job), the scanned albums, and the
 * review queue — suggestions listed, read with their evidence and decisions, and decided
 * (approve, edit, reject, skip), every decision recorded with who made it
 * (src/store/library-review-repository.ts). Which folders may be scanned is the caller's check
 * (the server's allowedRoots); here a root must be an absolute path to an existing folder.
 */
import { stat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { TonearmError } from "../analysis/errors.js";
import type { TonearmConfig } from "../config/load-config.js";
import type { JobRecord } from "../jobs/job-model.js";
import type { Decision, DecisionInput, GenreSuggestion, SuggestionStatus } from "../library/review/genre-suggestion.js";
import { findAlbum } from "../library/suggest/select-batch-albums.js";
import type { AlbumToSuggest } from "../library/suggest/suggest-library-genres.js";
import type { Store } from "../store/open-store.js";
import type { LibraryBatchPayload, LibraryScanPayload } from "./job-payloads.js";
import { checkBatchPayload } from "./library-jobs.js";
import type { JobView, Page } from "./service.js";
import { jobView } from "./views.js";

/** An album as the scan grouped it (its folder is under the scan's `root`), with its genres. */
export interface LibraryAlbumView extends Omit<AlbumToSuggest, "trackGenres"> {
  /** The genre tag values its tracks carry now, distinct, the most common first. */
  readonly genres: readonly string[];
  /** The genres of its newest approved or edited suggestion; null when none. */
  readonly decidedGenres: readonly string[] | null;
}

export interface LibraryBatchRequest {
  /** Only albums under this absolute folder; default every scanned album. */
  readonly root?: string;
  /** Approve automatically at or above it, 0–100; default the config's library.autoApplyConfidence. */
  readonly confidence?: number;
  /** Only this many albums, picked at random (seeded by `seed`, default 1). */
  readonly sampleSize?: number;
  readonly seed?: number;
  /** "Artist,Album": only this album (NOT_FOUND when the scan does not know it). */
  readonly specificAlbum?: string;
  /** Also albums already approved, edited or rejected. */
  readonly all?: boolean;
}

export interface SuggestionFilter {
  /** Default: every status. */
  readonly statuses?: readonly SuggestionStatus[];
  readonly offset?: number;
  /** Default 50, at most 500. */
  readonly limit?: number;
}

export interface SuggestionDetail extends GenreSuggestion {
  /** Every decision about it, oldest first. */
  readonly decisions: readonly Decision[];
}

export interface LibraryService {
  /** Queues a scan of `root` (absolute, an existing folder); CONFLICT while a scan of an overlapping folder is unfinished. */
  submitScan(request: { readonly root: string }): Promise<JobView>;
  /** Queues a genre-suggestion batch; INVALID_OPTION for bad numbers, NOT_FOUND for an unknown specific album. */
  submitBatch(request: LibraryBatchRequest): Promise<JobView>;
  /** Scanned albums (under `root`), by artist and title. */
  listAlbums(filter?: {
    readonly root?: string;
    readonly offset?: number;
    readonly limit?: number;
  }): Promise<Page<LibraryAlbumView>>;
  /** Oldest first. */
  listSuggestions(filter?: SuggestionFilter): Promise<Page<GenreSuggestion>>;
  /** NOT_FOUND for an unknown id. */
  getSuggestion(id: string): Promise<SuggestionDetail>;
  /** Records the decision; NOT_FOUND, CONFLICT (superseded), INVALID_OPTION (an edit without genres, …). */
  decide(id: string, decision: DecisionInput): Promise<SuggestionDetail>;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;
const UNFINISHED: readonly JobRecord["status"][] = ["queued", "running"];

export function createLibraryService(dependencies: {
  readonly store: Store;
  readonly config: TonearmConfig;
  /** Tells whoever runs jobs that the job is queued (open-service.ts). */
  readonly dispatch: (job: JobRecord) => Promise<void>;
}): LibraryService {
  const { store, config, dispatch } = dependencies;

  async function queue(kind: "library-scan" | "library-batch", payload: unknown): Promise<JobView> {
    const job = await store.jobs.insert({ kind, payload, maxAttempts: config.jobMaxAttempts });
    await dispatch(job);
    return jobView(job);
  }

  async function unfinishedScanRoots(): Promise<string[]> {
    const roots: string[] = [];
    for (const status of UNFINISHED) {
      const page = await store.jobs.list({ kind: "library-scan", status, limit: MAX_LIMIT });
      for (const job of page.items) roots.push((job.payload as LibraryScanPayload).root);
    }
    return roots;
  }

  async function suggestionDetail(suggestion: GenreSuggestion): Promise<SuggestionDetail> {
    return { ...suggestion, decisions: await store.review.decisions(suggestion.id) };
  }

  return {
    async submitScan(request) {
      const root = absoluteFolder(request.root, "root");
      const info = await stat(root).catch(() => undefined);
      if (info === undefined) throw new TonearmError("FILE_NOT_FOUND", `no such folder: ${root}`, { path: root });
      if (!info.isDirectory()) throw new TonearmError("INVALID_OPTION", `${root} is not a folder`, { path: root });
      const busy = (await unfinishedScanRoots()).find((other) => overlaps(other, root));
      if (busy !== undefined) {
        throw new TonearmError("CONFLICT", `a scan of ${busy} is queued or running; wait for it or cancel it`);
      }
      const payload: LibraryScanPayload = { root };
      return queue("library-scan", payload);
    },

    async submitBatch(request) {
      const root = request.root === undefined ? null : absoluteFolder(request.root, "root");
      const payload: LibraryBatchPayload = {
        root,
        confidence: request.confidence ?? null,
        sampleSize: request.sampleSize ?? null,
        seed: request.seed ?? null,
        specificAlbum: request.specificAlbum ?? null,
        all: request.all ?? false,
      };
      checkBatchPayload(payload);
      // Said now rather than by a failed job: the album must be known (the job looks it up again).
      if (payload.specificAlbum !== null) findAlbum(await store.library.albumsWithGenres(root), payload.specificAlbum);
      return queue("library-batch", payload);
    },

    async listAlbums(filter = {}) {
      const { offset, limit } = pageBounds(filter);
      const root = filter.root === undefined ? null : absoluteFolder(filter.root, "root");
      const albums = await store.library.albumsWithGenres(root);
      const decided = await store.review.decidedGenresByAlbum();
      const items = albums.slice(offset, offset + limit).map(
        (album): LibraryAlbumView => ({
          id: album.id,
          root: album.root,
          folder: album.folder,
          artist: album.artist,
          title: album.title,
          year: album.year,
          compilation: album.compilation,
          trackCount: album.trackCount,
          genres: byFrequency(album.trackGenres.flat()),
          decidedGenres: decided.get(album.id) ?? null,
        }),
      );
      return { items, total: albums.length, offset, limit };
    },

    async listSuggestions(filter = {}) {
      const { offset, limit } = pageBounds(filter);
      const page = await store.review.list({ statuses: filter.statuses, offset, limit });
      return { items: page.items, total: page.total, offset, limit };
    },

    async getSuggestion(id) {
      return suggestionDetail(await store.review.get(id));
    },

    async decide(id, decision) {
      const actor = decision.actor.trim();
      if (actor === "") throw new TonearmError("INVALID_OPTION", "a decision needs an actor");
      return suggestionDetail(await store.review.decide(id, { ...decision, actor }));
    },
  };
}

function absoluteFolder(path: string, name: string): string {
  if (!isAbsolute(path) || path.includes("\0")) {
    throw new TonearmError("INVALID_OPTION", `${name} must be an absolute path, got ${path.slice(0, 200)}`);
  }
  return resolve(path);
}

/** One folder is the other or inside it. */
function overlaps(a: string, b: string): boolean {
  const inside = (outer: string, inner: string) => {
    const path = relative(outer, inner);
    return path === "" || (!isAbsolute(path) && path.split(sep)[0] !== "..");
  };
  return inside(a, b) || inside(b, a);
}

function pageBounds(filter: { readonly offset?: number; readonly limit?: number }) {
  const limit = filter.limit ?? DEFAULT_LIMIT;
  const offset = filter.offset ?? 0;
  if (!(Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT)) {
    throw new TonearmError("INVALID_OPTION", `limit must be an integer from 1 to ${MAX_LIMIT}, got ${limit}`);
  }
  if (!(Number.isInteger(offset) && offset >= 0)) {
    throw new TonearmError("INVALID_OPTION", `offset must be an integer of at least 0, got ${offset}`);
  }
  return { offset, limit };
}

/** Distinct values, the most frequent first (ties in order of first appearance). */
function byFrequency(values: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([value]) => value);
}
