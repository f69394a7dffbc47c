/**
 * Schemas of POST /api/ingest (mass upload): the JSON body naming a file or folder under an
 * allowed root, one ingested file's outcome, and the answer for several files.
 */
import { z } from "zod";
import { JOB_STATUSES } from "../../service/service.js";
import { AnalysisNamesSchema } from "./analyses.js";
import { UuidSchema } from "./common.js";

export const IngestPathBodySchema = z
  .object({
    path: z
      .string()
      .min(1)
      .max(4096)
      .refine((path) => path.startsWith("/"), "must be an absolute path")
      .refine((path) => !path.includes("\0"), "must not contain NUL")
      .describe("absolute path of a file, or a folder to walk, under one of the server's allowed roots"),
    analyses: AnalysisNamesSchema.optional(),
  })
  .strict()
  .describe(
    'JSON form; or multipart/form-data with one or more audio files in fields "file" and an optional "analyses" field (comma-separated names)',
  );

export const IngestOutcomeSchema = z
  .object({
    status: z
      .enum(["queued", "duplicate"])
      .describe("queued: a new analysis job; duplicate: this content was ingested before, nothing queued"),
    path: z.string().nullable().describe("the file as read (its real path under an allowed root); null for an upload"),
    originalName: z.string().describe("the file's name: an upload's client file name, or the path's base name"),
    contentHash: z.string().describe("SHA-256 of the whole content, lowercase hex"),
    analysisId: UuidSchema.describe("the analysis made of this content (a duplicate: the earlier one)"),
    jobId: UuidSchema,
    jobStatus: z.enum(JOB_STATUSES).describe("that job's state now"),
    firstPath: z
      .string()
      .nullable()
      .describe("the first file ingested with this content; null when that was an upload"),
  })
  .describe("one ingested file");

export const IngestFailureSchema = z
  .object({
    path: z.string().describe("the file (a folder's file by path, an upload by its client file name)"),
    code: z.string().describe("the error code, as in the API's error bodies"),
    message: z.string(),
  })
  .describe("a file that could not be ingested");

export const IngestBatchSchema = z
  .object({
    items: z.array(IngestOutcomeSchema).describe("every file queued or found a duplicate, in walk or upload order"),
    queued: z.number().int().min(0),
    duplicates: z.number().int().min(0),
    failed: z.array(IngestFailureSchema),
  })
  .describe("the outcome of ingesting a folder or several uploads");
