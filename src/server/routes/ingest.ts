/**
 * POST /api/ingest: the HTTP form of `tonearm ingest` (IDTAP's "mass upload"). Every file is
 * submitted as an analysis job once per content (SHA-256 of every byte,
 * TonearmService.ingestFile): a copy under another name, or an upload of content seen before,
 * answers "duplicate" with the earlier analysis and queues nothing.
 *
 * - JSON `{ path }` naming a FILE under an allowed root: its outcome, 202 when queued, 200 when
 *   a duplicate.
 * - JSON `{ path }` naming a FOLDER under an allowed root (or a root itself): every audio file
 *   under it (hidden entries skipped, folder links not followed, as the library scan walks),
 *   at most MAX_FOLDER_FILES of them (422 beyond, before anything is queued); 200 with the
 *   batch answer, a file that cannot be ingested listed in `failed` without stopping the rest.
 * - multipart with one or more `file` fields: each is streamed to the upload directory and
 *   checked as the single-upload routes do (sniffed audio, ≤ maxUploadBytes each, else the
 *   whole request is refused and nothing kept); then each is ingested as an owned upload — a
 *   duplicate's stored file is deleted at once. 200 with the batch answer.
 *
 * Paths in the answer are files under the allowed roots only: an upload's stored name in the
 * data directory is reported as null.
 */
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FastifyBaseLogger, FastifyRequest } from "fastify";
import type { z } from "zod";
import { TonearmError } from "../../analysis/errors.js";
import type { TonearmConfig } from "../../config/load-config.js";
import { sniffFile } from "../../io/sniff-format.js";
import { type WalkProblem, walkLibrary } from "../../library/scan/walk-library.js";
import type { IngestOutcome, TonearmService } from "../../service/service.js";
import { isInsideRoot, resolveAllowedAudioPath, resolveAllowedFolder } from "../audio-paths.js";
import { formList, requireJsonOrMultipart } from "../audio-source.js";
import { describeFailure, HttpError } from "../errors.js";
import type { RouteContext, ZodApp } from "../route-context.js";
import { AnalysisNamesSchema } from "../schemas/analyses.js";
import { errorResponses } from "../schemas/common.js";
import {
  IngestBatchSchema,
  type IngestFailureSchema,
  IngestOutcomeSchema,
  IngestPathBodySchema,
} from "../schemas/ingest.js";
import { cleanFileName, removeUpload, uploadDirectory } from "../uploads.js";

/** Most audio files one folder ingest takes: a bigger library is ingested folder by folder (or by the CLI). */
export const MAX_FOLDER_FILES = 10_000;
/** Most files one multipart request carries. */
export const MAX_UPLOAD_FILES = 100;

type OutcomeJson = z.infer<typeof IngestOutcomeSchema>;
type FailureJson = z.infer<typeof IngestFailureSchema>;
type BatchJson = z.infer<typeof IngestBatchSchema>;

interface StoredUpload {
  readonly path: string;
  readonly originalName: string;
}

function parseAnalyses(names: readonly string[] | undefined): readonly string[] | undefined {
  if (names === undefined) return undefined;
  const parsed = AnalysisNamesSchema.safeParse(names);
  if (!parsed.success) {
    throw new HttpError("VALIDATION_FAILED", `analyses: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  }
  return parsed.data;
}

/** The outcome as the API shows it: paths inside the upload directory are the server's own business. */
function outcomeJson(outcome: IngestOutcome, originalName: string, uploads: string): OutcomeJson {
  const visible = (path: string): string | null => (isInsideRoot(uploads, path) ? null : path);
  return {
    status: outcome.status,
    path: visible(outcome.path),
    originalName,
    contentHash: outcome.contentHash,
    analysisId: outcome.analysisId,
    jobId: outcome.jobId,
    jobStatus: outcome.jobStatus,
    firstPath: visible(outcome.firstPath),
  };
}

/** Collects outcomes and failures into the batch answer; unexpected failures are logged as the server's. */
class IngestBatch {
  private readonly items: OutcomeJson[] = [];
  private readonly failed: FailureJson[] = [];

  constructor(private readonly log: FastifyBaseLogger) {}

  add(item: OutcomeJson): void {
    this.items.push(item);
  }

  fail(path: string, error: unknown): void {
    const failure = describeFailure(error);
    if (failure.logAsError) this.log.error({ err: error, path }, "ingest failed");
    this.failed.push({ path, code: failure.code, message: failure.message });
  }

  json(): BatchJson {
    const queued = this.items.filter((item) => item.status === "queued").length;
    return { items: this.items, queued, duplicates: this.items.length - queued, failed: this.failed };
  }
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError("PAYLOAD_TOO_LARGE", `an uploaded file is larger than the limit of ${maxBytes} bytes`);
}

/** Passes bytes through, refusing the stream once it is longer than `maxBytes`. */
class ByteLimit extends Transform {
  private bytes = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) callback(tooLarge(this.maxBytes));
    else callback(null, chunk);
  }
}

/** Errors of the multipart parser itself are the client's; disk errors (ENOSPC, EACCES, …) are not. */
function asClientError(error: unknown): unknown {
  if (error instanceof HttpError || error instanceof TonearmError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof (error as { statusCode?: unknown }).statusCode === "number") return error;
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return error;
  return new HttpError("BAD_REQUEST", "the multipart body is malformed", { cause: error });
}

/** A stored part is kept only when its content is audio, under `<uuid>.<container>`. */
async function keepIfAudio(partial: string, id: string, directory: string, originalName: string): Promise<string> {
  const verdict = await sniffFile(partial);
  if (verdict.kind !== "audio") {
    if ((await stat(partial)).size === 0) throw new TonearmError("EMPTY_FILE", `${originalName}: the file is empty`);
    throw new TonearmError(
      "UNSUPPORTED_FORMAT",
      `${originalName}: not an audio file tonearm can read (its content looks like ${verdict.description})`,
    );
  }
  const path = join(directory, `${id}.${verdict.container}`);
  await rename(partial, path);
  return path;
}

/**
 * Streams every `file` part to the upload directory and collects the text fields. All or
 * nothing: on any refusal every file stored so far is removed before the error propagates.
 */
async function receiveUploads(
  request: FastifyRequest,
  config: TonearmConfig,
): Promise<{ uploads: StoredUpload[]; fields: Map<string, string[]> }> {
  const directory = uploadDirectory(config);
  await mkdir(directory, { recursive: true });
  const maxBytes = config.maxUploadBytes;
  const uploads: StoredUpload[] = [];
  const fields = new Map<string, string[]>();
  let partial: string | null = null;
  try {
    const parts = request.parts({
      // One byte past the limit reaches ByteLimit, which refuses the upload with 413.
      limits: { fileSize: maxBytes + 1, files: MAX_UPLOAD_FILES, fields: 16, fieldSize: 64 * 1024 },
    });
    for await (const part of parts) {
      if (part.type === "field") {
        const values = fields.get(part.fieldname) ?? [];
        values.push(String(part.value));
        fields.set(part.fieldname, values);
        continue;
      }
      if (part.fieldname !== "file") {
        part.file.resume();
        throw new HttpError("BAD_REQUEST", `unexpected file field "${part.fieldname}"; send the audio as "file"`);
      }
      const id = randomUUID();
      partial = join(directory, `${id}.partial`);
      await pipeline(part.file, new ByteLimit(maxBytes), createWriteStream(partial, { flags: "wx", mode: 0o600 }));
      if (part.file.truncated) throw tooLarge(maxBytes);
      const originalName = cleanFileName(part.filename);
      const path = await keepIfAudio(partial, id, directory, originalName);
      partial = null;
      uploads.push({ path, originalName });
    }
    if (uploads.length === 0)
      throw new HttpError("BAD_REQUEST", 'the multipart field "file" with the audio is missing');
    return { uploads, fields };
  } catch (error) {
    if (partial !== null) await removeUpload(partial);
    await Promise.all(uploads.map((upload) => removeUpload(upload.path)));
    throw asClientError(error);
  }
}

async function ingestUploads(
  request: FastifyRequest,
  config: TonearmConfig,
  service: TonearmService,
): Promise<BatchJson> {
  const { uploads, fields } = await receiveUploads(request, config);
  let analyses: readonly string[] | undefined;
  try {
    analyses = parseAnalyses(formList(fields, "analyses"));
  } catch (error) {
    await Promise.all(uploads.map((upload) => removeUpload(upload.path)));
    throw error;
  }
  const directory = uploadDirectory(config);
  const batch = new IngestBatch(request.log);
  // One at a time: two uploads of the same content in one request are then one job and one duplicate.
  for (const upload of uploads) {
    try {
      const outcome = await service.ingestFile(upload.path, {
        ...(analyses === undefined ? {} : { analyses }),
        owned: true,
        originalName: upload.originalName,
      });
      batch.add(outcomeJson(outcome, upload.originalName, directory));
    } catch (error) {
      // The service did not take it: nothing refers to the stored file.
      await removeUpload(upload.path);
      batch.fail(upload.originalName, error);
    }
  }
  return batch.json();
}

async function ingestFolder(
  folder: string,
  analyses: readonly string[] | undefined,
  { config, service }: Pick<RouteContext, "config" | "service">,
  log: FastifyBaseLogger,
): Promise<BatchJson> {
  const batch = new IngestBatch(log);
  const files: string[] = [];
  const onProblem = (problem: WalkProblem): void =>
    batch.fail(problem.path, new TonearmError("FILE_NOT_READABLE", `${problem.path}: ${problem.message}`));
  for await (const file of walkLibrary(folder, onProblem)) {
    if (files.length === MAX_FOLDER_FILES) {
      throw new HttpError(
        "VALIDATION_FAILED",
        `the folder holds more than ${MAX_FOLDER_FILES} audio files; ingest its subfolders one by one, or use 'tonearm ingest'`,
      );
    }
    files.push(file.path);
  }
  const directory = uploadDirectory(config);
  for (const file of files) {
    try {
      // Checked again per file: a link inside the folder must not lead out of the allowed roots.
      const real = await resolveAllowedAudioPath(file, config.allowedRoots);
      const outcome = await service.ingestFile(real, analyses === undefined ? {} : { analyses });
      batch.add(outcomeJson(outcome, basename(file), directory));
    } catch (error) {
      batch.fail(file, error);
    }
  }
  return batch.json();
}

export function registerIngestRoutes(app: ZodApp, { config, service }: RouteContext): void {
  app.post(
    "/api/ingest",
    {
      preValidation: requireJsonOrMultipart,
      schema: {
        tags: ["analyses"],
        summary:
          "mass ingest: queue an analysis once per content (SHA-256) for a file or every audio file of a folder under an allowed root (JSON `path`), or for uploads (multipart fields `file`); content seen before answers `duplicate` with its analysis",
        consumes: ["application/json", "multipart/form-data"],
        body: IngestPathBodySchema.nullable(),
        response: {
          200: IngestBatchSchema.or(IngestOutcomeSchema).describe(
            "a folder or uploads: the batch answer; a single file already ingested: its outcome (duplicate)",
          ),
          202: IngestOutcomeSchema.describe("a single file, queued"),
          ...errorResponses(400, 401, 403, 404, 413, 415, 422, 429),
        },
      },
    },
    async (request, reply) => {
      if (request.isMultipart()) return reply.code(200).send(await ingestUploads(request, config, service));
      if (request.body === null) throw new HttpError("VALIDATION_FAILED", "body: expected an object with a path");
      const { path, analyses } = request.body;
      const facts = await stat(path).catch(() => null);
      if (facts?.isDirectory() === true) {
        const folder = await resolveAllowedFolder(path, config.allowedRoots);
        return reply.code(200).send(await ingestFolder(folder, analyses, { config, service }, request.log));
      }
      const real = await resolveAllowedAudioPath(path, config.allowedRoots);
      const outcome = await service.ingestFile(real, analyses === undefined ? {} : { analyses });
      const json = outcomeJson(outcome, basename(path), uploadDirectory(config));
      return reply.code(outcome.status === "queued" ? 202 : 200).send(json);
    },
  );
}
