/**
 * Schemas shared by the API's routes: the error body, ids, paging, and the job view.
 * Each schema is zod, so the same definition validates requests, checks responses and
 * becomes the OpenAPI document served at /docs.
 */
import { z } from "zod";
import { JOB_KINDS, JOB_STATUSES } from "../../service/service.js";

export const ErrorBodySchema = z
  .object({
    error: z
      .object({
        code: z.string().describe("stable error code: NOT_FOUND, CONFLICT, VALIDATION_FAILED, UNSUPPORTED_FORMAT, …"),
        message: z.string().describe("what went wrong, for people"),
      })
      .describe("the failure"),
  })
  .describe("every error of the tonearm API");

/** Error statuses a route documents besides its success status. */
export function errorResponses(...statuses: readonly number[]): Record<number, typeof ErrorBodySchema> {
  return Object.fromEntries(statuses.map((status) => [status, ErrorBodySchema]));
}

export const UuidSchema = z.uuid().describe("a UUID");

export const IdParamsSchema = z.object({ id: UuidSchema });

/**
 * Reference ids: UUIDs, or the file catalogue's slug ids ("artist-title-1a2b3c4d").
 * Letters, digits, "-" and "_" only, so an id can never name a path.
 */
export const ReferenceIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, "must be letters, digits, '-' or '_' (at most 128)")
  .describe("reference id");

export const PageQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).default(0).describe("items to skip"),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe("items per page, 1–500"),
});

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().describe("items matching the filter"),
    offset: z.number().int(),
    limit: z.number().int(),
  });
}

export const JobErrorSchema = z
  .object({ code: z.string(), message: z.string() })
  .describe("why a job failed (TonearmError codes, TIMEOUT, INTERRUPTED, WORKER_EXITED, INTERNAL)");

export const LibraryScanResultSchema = z
  .object({
    root: z.string().describe("the folder scanned (its real path)"),
    files: z.number().int().describe("audio files found"),
    unchanged: z.number().int(),
    added: z.number().int(),
    changed: z.number().int(),
    touched: z.number().int().describe("only the modification time changed"),
    moved: z.number().int(),
    removed: z.number().int(),
    unreadable: z.number().int().describe("new or changed files whose tags could not be read"),
    albums: z.number().int(),
    problems: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .describe("folders or files that could not be read"),
    seconds: z.number(),
  })
  .describe("a library-scan job's result: the scan summary");

export const LibraryBatchResultSchema = z
  .object({
    albums: z.number().int().describe("albums looked up"),
    auto: z.number().int().describe("approved automatically (confidence at or above the threshold)"),
    review: z.number().int().describe("queued for review"),
    manual: z.number().int().describe("queued for a person (confidence below 80)"),
  })
  .describe("a library-batch job's result");

export const TonicUpdateResultSchema = z
  .object({
    recordings: z.number().int().describe("recordings (analyses) looked at"),
    updated: z.number().int().describe("tonics estimated and stored"),
    skipped: z.object({
      noAudio: z.number().int().describe("the audio is gone (retention policy, moved or deleted)"),
      manual: z.number().int().describe("a manual tonic was kept (no force)"),
      existing: z.number().int().describe("a tonic was stored already (onlyMissing)"),
    }),
    failed: z.number().int().describe("recordings that could not be decoded or had neither pitch nor drone"),
    failures: z
      .array(
        z.object({
          analysisId: z.string(),
          fileName: z.string(),
          code: z.string().describe("CORRUPT_AUDIO, NO_TONIC, …"),
          message: z.string(),
        }),
      )
      .describe("the first 100 failures with their reasons"),
  })
  .describe("a tonic-update job's result");

export const JobViewSchema = z
  .object({
    id: UuidSchema,
    kind: z.enum(JOB_KINDS),
    status: z.enum(JOB_STATUSES),
    stage: z.string().nullable().describe('what the job is doing now ("decode", "rhythm", "store", …)'),
    progress: z.number().min(0).max(1).describe("0–1"),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    error: JobErrorSchema.nullable(),
    analysisId: z.string().nullable().describe("the analysis this job produces"),
    result: z
      .union([LibraryScanResultSchema, LibraryBatchResultSchema, TonicUpdateResultSchema])
      .nullable()
      .describe(
        "a completed library or tonic-update job's result (library-scan: the scan summary; library-batch, tonic-update: the counts); else null",
      ),
    createdAt: z.string().describe("ISO 8601 UTC"),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .describe("a background job");
