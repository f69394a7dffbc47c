/**
 * Multipart uploads, streamed to `<dataDirectory>/uploads/<uuid>.<ext>` and never held
 * whole in memory. While the bytes stream to disk the first 64 KiB are sniffed by
 * magic number (io/sniff-format): anything that is not audio is refused with 415
 * whatever its name or Content-Type says, and the extension of the stored file comes
 * from the content. More than `maxBytes` is refused with 413. The client's file name is
 * kept only as data (cleaned of folders and control characters); it never reaches a
 * path. On every failure the partial file is removed before the error propagates.
 */
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { MultipartFile } from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { TonearmError } from "../analysis/errors.js";
import { dataDirectory, type TonearmConfig } from "../config/load-config.js";
import { type ContainerFormat, type FormatVerdict, SNIFF_BYTES, sniffFormat } from "../io/sniff-format.js";
import { HttpError } from "./errors.js";

export interface UploadLimits {
  /** Where uploads are stored. */
  readonly directory: string;
  /** Largest accepted file, bytes. */
  readonly maxBytes: number;
  /** The multipart field that carries the audio. */
  readonly fileField: string;
}

export interface ReceivedUpload {
  /** The stored file: `<directory>/<uuid>.<ext>`. */
  readonly path: string;
  /** The client's file name, cleaned, for display only. */
  readonly originalName: string;
  /** What the content was sniffed as ("WAV", "FLAC", …). */
  readonly formatDescription: string;
  /** The other (text) fields of the form, by name; repeated fields keep every value. */
  readonly fields: ReadonlyMap<string, readonly string[]>;
}

export function uploadDirectory(config: TonearmConfig): string {
  return join(dataDirectory(config), "uploads");
}

/** Room for the multipart boundaries and part headers on top of the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

const EXTENSIONS: Record<ContainerFormat, string> = {
  wav: "wav",
  rf64: "wav",
  wave64: "w64",
  aiff: "aiff",
  aifc: "aifc",
  flac: "flac",
  mp3: "mp3",
  mp2: "mp2",
  aac: "aac",
  mp4: "m4a",
  ogg: "ogg",
  asf: "wma",
  matroska: "mka",
  webm: "webm",
  caf: "caf",
  wavpack: "wv",
  ape: "ape",
  musepack: "mpc",
  dsf: "dsf",
  dsdiff: "dff",
  au: "au",
  amr: "amr",
  ac3: "ac3",
  tta: "tta",
  avi: "avi",
};

/** A client file name reduced to a display name: no folders, no control characters, ≤ 255 chars. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const printable = Array.from(base)
    .filter((character) => {
      const code = character.codePointAt(0)!;
      return code >= 0x20 && code !== 0x7f;
    })
    .join("")
    .trim();
  return printable.slice(0, 255) || "upload";
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError("PAYLOAD_TOO_LARGE", `the upload is larger than the limit of ${maxBytes} bytes`);
}

/** Passes bytes through while counting them and judging the first SNIFF_BYTES by magic number. */
class AudioStreamCheck extends Transform {
  verdict: FormatVerdict | null = null;
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private bytes = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      callback(tooLarge(this.maxBytes));
      return;
    }
    if (this.verdict === null) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes >= SNIFF_BYTES) {
        const refusal = this.judge();
        if (refusal) {
          callback(refusal);
          return;
        }
      }
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    callback(this.verdict === null ? this.judge() : null);
  }

  private judge(): TonearmError | null {
    const verdict = sniffFormat(Buffer.concat(this.head).subarray(0, SNIFF_BYTES));
    this.verdict = verdict;
    this.head.length = 0;
    if (verdict.kind === "audio") return null;
    if (this.bytes === 0) return new TonearmError("EMPTY_FILE", "the uploaded file is empty");
    return new TonearmError(
      "UNSUPPORTED_FORMAT",
      `the upload is not an audio file tonearm can read (its content looks like ${verdict.description})`,
    );
  }
}

async function storeFile(part: MultipartFile, path: string, maxBytes: number): Promise<FormatVerdict> {
  const check = new AudioStreamCheck(maxBytes);
  await pipeline(part.file, check, createWriteStream(path, { flags: "wx", mode: 0o600 }));
  if (part.file.truncated) throw tooLarge(maxBytes);
  return check.verdict!;
}

/** Errors of the multipart parser itself (malformed body, early close) are the client's; disk errors are not. */
function asClientError(error: unknown): unknown {
  if (error instanceof HttpError || error instanceof TonearmError) return error;
  const code = (error as { code?: unknown }).code;
  const statusCode = (error as { statusCode?: unknown }).statusCode;
  if (typeof statusCode === "number") return error;
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return error; // ENOSPC, EACCES, …: the server's fault
  return new HttpError("BAD_REQUEST", "the multipart body is malformed", { cause: error });
}

/** Removes a stored upload; a file already gone is fine. */
export async function removeUpload(path: string): Promise<void> {
  await rm(path, { force: true });
}

/** Streams the request's multipart audio to disk (see the module header) and collects its text fields. */
export async function receiveUpload(request: FastifyRequest, limits: UploadLimits): Promise<ReceivedUpload> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limits.maxBytes + MULTIPART_OVERHEAD_BYTES)
    throw tooLarge(limits.maxBytes);
  await mkdir(limits.directory, { recursive: true });
  const id = randomUUID();
  const partialPath = join(limits.directory, `${id}.partial`);
  const fields = new Map<string, string[]>();
  let stored: { readonly verdict: FormatVerdict; readonly originalName: string } | null = null;
  try {
    // One byte past the limit reaches AudioStreamCheck, which refuses the upload with 413.
    const parts = request.parts({
      limits: { fileSize: limits.maxBytes + 1, files: 1, fields: 16, fieldSize: 64 * 1024, parts: 17 },
    });
    for await (const part of parts) {
      if (part.type === "field") {
        const values = fields.get(part.fieldname) ?? [];
        values.push(String(part.value));
        fields.set(part.fieldname, values);
      } else if (part.fieldname !== limits.fileField) {
        part.file.resume();
        throw new HttpError(
          "BAD_REQUEST",
          `unexpected file field "${part.fieldname}"; send the audio as "${limits.fileField}"`,
        );
      } else {
        const verdict = await storeFile(part, partialPath, limits.maxBytes);
        stored = { verdict, originalName: cleanFileName(part.filename) };
      }
    }
    if (stored === null) {
      throw new HttpError("BAD_REQUEST", `the multipart field "${limits.fileField}" with the audio is missing`);
    }
    const container = stored.verdict.kind === "audio" ? stored.verdict.container : "wav";
    const path = join(limits.directory, `${id}.${EXTENSIONS[container]}`);
    await rename(partialPath, path);
    return { path, originalName: stored.originalName, formatDescription: stored.verdict.description, fields };
  } catch (error) {
    await removeUpload(partialPath);
    throw asClientError(error);
  }
}
