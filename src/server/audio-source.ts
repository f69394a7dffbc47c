/**
 * Where a request's audio comes from: a multipart upload (streamed to the upload
 * directory, owned by the service from then on) or a JSON `path` under an allowed root
 * (never owned, never deleted). Also the guards routes that accept audio share: the
 * content-type check and removing an upload the service never took.
 */
import { basename } from "node:path";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { TonearmConfig } from "../config/load-config.js";
import type { AnalysisRequest } from "../service/service.js";
import { resolveAllowedAudioPath } from "./audio-paths.js";
import { HttpError } from "./errors.js";
import { receiveUpload, removeUpload, uploadDirectory } from "./uploads.js";

export type RequestAudio = AnalysisRequest["audio"];

export interface UploadedAudio {
  readonly audio: RequestAudio;
  readonly fields: ReadonlyMap<string, readonly string[]>;
}

/** preValidation hook of routes taking JSON or multipart: anything else is 415. */
export async function requireJsonOrMultipart(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (request.isMultipart()) return;
  const type = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    throw new HttpError("UNSUPPORTED_MEDIA_TYPE", "send application/json (a path) or multipart/form-data (an upload)");
  }
}

/** requireJsonOrMultipart for routes that take only an upload. */
export async function requireMultipart(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (!request.isMultipart()) throw new HttpError("UNSUPPORTED_MEDIA_TYPE", "send the audio as multipart/form-data");
}

export async function uploadedAudio(
  request: FastifyRequest,
  config: TonearmConfig,
  fileField: string,
): Promise<UploadedAudio> {
  const upload = await receiveUpload(request, {
    directory: uploadDirectory(config),
    maxBytes: config.maxUploadBytes,
    fileField,
  });
  return { audio: { path: upload.path, originalName: upload.originalName, owned: true }, fields: upload.fields };
}

export async function audioAtPath(path: string, config: TonearmConfig): Promise<RequestAudio> {
  const real = await resolveAllowedAudioPath(path, config.allowedRoots);
  return { path: real, originalName: basename(path), owned: false };
}

/** Runs `handOver`; when it fails, an upload the service did not take is removed before rethrowing. */
export async function handOverAudio<T>(audio: RequestAudio, handOver: () => Promise<T>): Promise<T> {
  try {
    return await handOver();
  } catch (error) {
    if (audio.owned) await removeUpload(audio.path);
    throw error;
  }
}

/** One text field of a form: its last value, or undefined. */
export function formField(fields: ReadonlyMap<string, readonly string[]>, name: string): string | undefined {
  const values = fields.get(name);
  return values === undefined || values.length === 0 ? undefined : values[values.length - 1];
}

/** A list field: repeated fields, comma-separated values, or a JSON array. */
export function formList(fields: ReadonlyMap<string, readonly string[]>, name: string): string[] | undefined {
  const values = fields.get(name);
  if (values === undefined) return undefined;
  const items: string[] = [];
  for (const value of values) {
    const trimmed = value.trim();
    if (trimmed.startsWith("[")) {
      try {
        const parsed: unknown = JSON.parse(trimmed);
        if (Array.isArray(parsed)) {
          items.push(...parsed.map(String));
          continue;
        }
      } catch {
        // not JSON: fall through to comma-separated
      }
    }
    items.push(
      ...trimmed
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item !== ""),
    );
  }
  return items;
}
