/**
 * Ingesting one file (`TonearmService.ingestFile`, for `tonearm ingest`): submit it as an
 * analysis job unless its content was ingested before. Content means the SHA-256 of every
 * byte (./ingest-content-hash.ts), so a copy under another name or folder is a duplicate and
 * an edited file is new. The record (store/ingested-file-repository.ts) is claimed in the
 * transaction that creates the analysis and its job, so two ingests of the same content at
 * once, in one process or several, make one job: the loser's transaction rolls back and it
 * answers "duplicate". Deleting the analysis deletes the record, and the file can come again.
 *
 * A file whose path, size and modification time match a record is known without reading it
 * (re-running ingest over an unchanged folder costs one stat per file). A file that changes
 * while it is read is refused with CONFLICT (it is still being written: try again later).
 *
 * An upload handed over with `owned: true` (POST /api/ingest) becomes its analysis's file; one
 * whose content is a duplicate is deleted at once, the earlier analysis answering for it.
 */
import { rm, stat } from "node:fs/promises";
import { isAbsolute } from "node:path";
import type { Kysely } from "kysely";
import { TonearmError } from "../analysis/errors.js";
import type { JobRecord, JobStatus } from "../jobs/job-model.js";
import type { DatabaseSchema } from "../store/database-schema.js";
import type { IngestedFileRepository, IngestedFileView } from "../store/ingested-file-repository.js";
import { isoNow } from "../store/timestamps.js";
import { fileError, hashFileContent } from "./ingest-content-hash.js";
import type { AnalysisRequest, AnalysisView } from "./service.js";

export interface IngestOptions {
  /** Analysis names for the job; default the report's default set. A duplicate keeps its own. */
  readonly analyses?: readonly string[];
  /**
   * The file is an upload the service takes over (POST /api/ingest): its analysis owns it (the
   * retention policy deletes it), and a duplicate's file is deleted at once. Default false.
   */
  readonly owned?: boolean;
  /** The name shown for the analysis (an upload's client file name); default the path. */
  readonly originalName?: string;
}

export interface IngestOutcome {
  /** "queued": a new analysis job; "duplicate": this content was ingested before (nothing queued). */
  readonly status: "queued" | "duplicate";
  /** The file, as given. */
  readonly path: string;
  /** SHA-256 of its content, lowercase hex. */
  readonly contentHash: string;
  /** The analysis made of this content (a duplicate: the earlier one). */
  readonly analysisId: string;
  readonly jobId: string;
  /** That job's state now (a duplicate's may have finished, failed, or still be queued). */
  readonly jobStatus: JobStatus;
  /** The first file ingested with this content: `path` itself when queued or re-ingested unchanged. */
  readonly firstPath: string;
}

export interface IngestDependencies {
  readonly files: IngestedFileRepository;
  readonly readJob: (id: string) => Promise<JobRecord | undefined>;
  /**
   * Queues the analysis as submitAnalysis does, calling `alongside` inside the transaction that
   * inserts it (an error thrown there rolls everything back).
   */
  readonly queue: (
    request: AnalysisRequest,
    alongside: (transaction: Kysely<DatabaseSchema>, analysisId: string) => Promise<void>,
  ) => Promise<AnalysisView>;
}

/** Thrown inside the transaction to roll it back when another ingest recorded the content first. */
class ContentAlreadyRecorded extends Error {}

/** A record vanishing between the read and the claim (its analysis deleted meanwhile) is retried this often. */
const CLAIM_ATTEMPTS = 3;

export async function ingestFile(
  path: string,
  options: IngestOptions,
  dependencies: IngestDependencies,
): Promise<IngestOutcome> {
  if (!isAbsolute(path)) throw new TonearmError("INVALID_OPTION", `ingest needs an absolute path, got ${path}`);
  const before = await stat(path).catch((cause: unknown) => {
    throw fileError(path, cause);
  });
  if (!before.isFile()) throw new TonearmError("FILE_NOT_FOUND", `not a file: ${path}`, { path });
  const { files } = dependencies;
  const answerDuplicate = async (known: IngestedFileView): Promise<IngestOutcome> => {
    // An owned upload of known content is not needed: the earlier analysis answers for it.
    if (options.owned === true) await rm(path, { force: true });
    return duplicate(path, known, dependencies);
  };

  // Whole milliseconds, as the library scan keeps them: sub-millisecond parts do not survive every copy tool.
  const mtimeMs = Math.floor(before.mtimeMs);
  const unchanged = await files.findByFile(path, before.size, mtimeMs);
  if (unchanged) return answerDuplicate(unchanged);

  const content = await hashFileContent(path);
  const after = await stat(path).catch((cause: unknown) => {
    throw fileError(path, cause);
  });
  if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || content.size !== before.size) {
    throw new TonearmError("CONFLICT", `${path} changed while it was read (still being written?); try again`, {
      path,
    });
  }

  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
    const known = await files.get(content.sha256);
    if (known) return answerDuplicate(known);
    try {
      const view = await dependencies.queue(
        {
          kind: "analysis",
          audio: { path, originalName: options.originalName ?? path, owned: options.owned === true },
          ...(options.analyses === undefined ? {} : { analyses: options.analyses }),
        },
        async (transaction, analysisId) => {
          const claimed = await files.claim(
            { contentHash: content.sha256, analysisId, path, size: before.size, mtimeMs, createdAt: isoNow() },
            transaction,
          );
          if (!claimed) throw new ContentAlreadyRecorded();
        },
      );
      return {
        status: "queued",
        path,
        contentHash: content.sha256,
        analysisId: view.id,
        jobId: view.job.id,
        jobStatus: view.job.status,
        firstPath: path,
      };
    } catch (error) {
      if (!(error instanceof ContentAlreadyRecorded)) throw error;
    }
  }
  throw new TonearmError("CONFLICT", `${path}: its content was ingested and deleted repeatedly meanwhile; try again`, {
    path,
  });
}

async function duplicate(
  path: string,
  known: IngestedFileView,
  dependencies: IngestDependencies,
): Promise<IngestOutcome> {
  const job = await dependencies.readJob(known.jobId);
  return {
    status: "duplicate",
    path,
    contentHash: known.contentHash,
    analysisId: known.analysisId,
    jobId: known.jobId,
    // A job gone with its analysis still there is as good as cancelled.
    jobStatus: job?.status ?? "cancelled",
    firstPath: known.path,
  };
}
