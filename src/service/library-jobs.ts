/**
 * The service's music-library jobs, as they run on a job worker thread:
 * - "library-scan": scanLibrary (src/library/scan/scan-library.ts) of the payload's root into
 *   the configured database; stages "walking" (0–0.1), "reading" (0.1–0.9, files read of those
 *   to read) and "saving" (0.9–1); the result is the scan summary. The scan saves everything in
 *   one transaction at its end, so a job stopped before then (its thread terminated) changes
 *   nothing, and one stopped during the save is rolled back with its connection.
 * - "library-batch": the albums library-batch-selection.ts selects, looked up by
 *   suggestLibraryGenres (src/library/suggest) with the configured sources, each suggestion
 *   stored as it is made (an interrupted batch keeps what it finished); stage "looking-up",
 *   fraction albums done of albums selected; the result counts auto/review/manual.
 * Each job opens the library (src/open-library.ts) on its own store — the same database as the
 * service, from the worker context — and closes it when done.
 */
import { TonearmError } from "../analysis/errors.js";
import type { JobTaskProgress } from "../jobs/job-runner.js";
import { type ScanProgress, scanLibrary } from "../library/scan/scan-library.js";
import { selectBatchAlbums } from "../library/suggest/select-batch-albums.js";
import { suggestLibraryGenres } from "../library/suggest/suggest-library-genres.js";
import { type OpenedLibrary, openLibrary } from "../open-library.js";
import type {
  JobWorkerContext,
  LibraryBatchOutput,
  LibraryBatchPayload,
  LibraryScanOutput,
  LibraryScanPayload,
} from "./job-payloads.js";
import { withJobStore } from "./job-store.js";

type Progress = (progress: JobTaskProgress) => void;

const WALK_END = 0.1;
const READ_END = 0.9;

/** The job fraction a scan's progress stands for. */
export function scanJobProgress(progress: ScanProgress): JobTaskProgress {
  switch (progress.phase) {
    case "walking":
      // The total is only a guess (the files known from the last scan): never past the walk's share.
      return {
        stage: "walking",
        fraction: progress.total > 0 ? WALK_END * Math.min(1, progress.done / progress.total) : 0,
      };
    case "reading":
      return {
        stage: "reading",
        fraction: WALK_END + (READ_END - WALK_END) * (progress.done / Math.max(1, progress.total)),
      };
    case "saving":
      return { stage: "saving", fraction: READ_END + (1 - READ_END) * (progress.done / Math.max(1, progress.total)) };
  }
}

async function withLibrary<T>(context: JobWorkerContext, work: (library: OpenedLibrary) => Promise<T>): Promise<T> {
  return withJobStore(context, async (store, { config }) => work(await openLibrary(config, { store })));
}

export function runLibraryScanJob(
  payload: LibraryScanPayload,
  context: JobWorkerContext,
  onProgress: Progress,
): Promise<LibraryScanOutput> {
  return withLibrary(context, async (library) => {
    onProgress({ stage: "walking", fraction: 0 });
    const summary = await scanLibrary(payload.root, library.store.library, {
      onProgress: (progress) => onProgress(scanJobProgress(progress)),
    });
    return { ...summary, problems: summary.problems.map((problem) => ({ ...problem })) };
  });
}

export function runLibraryBatchJob(
  payload: LibraryBatchPayload,
  context: JobWorkerContext,
  onProgress: Progress,
): Promise<LibraryBatchOutput> {
  checkBatchPayload(payload);
  return withLibrary(context, async (library) => {
    const { store } = library;
    const { albums, every } = await selectBatchAlbums(
      {
        albumsWithGenres: (root) => store.library.albumsWithGenres(root),
        albumIdsWithStatus: (statuses) => store.review.albumIdsWithStatus(statuses),
      },
      {
        root: payload.root,
        all: payload.all,
        ...(payload.specificAlbum === null ? {} : { specificAlbum: payload.specificAlbum }),
        ...(payload.sampleSize === null ? {} : { sampleSize: payload.sampleSize }),
        ...(payload.seed === null ? {} : { seed: payload.seed }),
      },
    );
    const counts = { albums: albums.length, auto: 0, review: 0, manual: 0 };
    onProgress({ stage: "looking-up", fraction: 0 });
    if (albums.length === 0) return counts;
    await suggestLibraryGenres(albums, every, {
      ...library.suggestion,
      recognise: library.recognise,
      autoApplyConfidence: payload.confidence ?? library.config.library.autoApplyConfidence,
      onSuggestion: async (album, suggestion) => {
        await store.review.createSuggestion({
          albumId: album.id,
          proposal: suggestion.genres,
          confidence: suggestion.confidence,
          route: suggestion.route,
          ranked: suggestion.ranked,
          evidence: suggestion.evidence,
        });
        counts[suggestion.route]++;
      },
      onProgress: ({ done, total }) => onProgress({ stage: "looking-up", fraction: done / total }),
    });
    return counts;
  });
}

/** Checks a batch payload's numbers (the service does before queueing; the worker again, as payloads are JSON). */
export function checkBatchPayload(payload: LibraryBatchPayload): void {
  const { confidence, sampleSize, seed } = payload;
  if (confidence !== null && !(Number.isFinite(confidence) && confidence >= 0 && confidence <= 100)) {
    throw new TonearmError("INVALID_OPTION", `confidence must be from 0 to 100, got ${confidence}`);
  }
  if (sampleSize !== null && !(Number.isInteger(sampleSize) && sampleSize >= 1)) {
    throw new TonearmError("INVALID_OPTION", `sampleSize must be an integer of at least 1, got ${sampleSize}`);
  }
  if (seed !== null && !(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)) {
    throw new TonearmError("INVALID_OPTION", `seed must be an integer from 0 to 2³²−1, got ${seed}`);
  }
}
