/**
 * The SHA-256 (FIPS 180-4) of a file's whole content, read as a stream in 1 MiB chunks so that
 * a two-hour WAV is never held in memory; answers the hash (lowercase hex) and the bytes read.
 * Unlike the library scan's quick hash (first and last 64 KiB), every byte counts: ingest
 * treats equal hashes as the same recording.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { TonearmError } from "../analysis/errors.js";

export interface ContentHash {
  readonly sha256: string;
  readonly size: number;
}

const CHUNK_BYTES = 1024 * 1024;

export async function hashFileContent(path: string): Promise<ContentHash> {
  const hash = createHash("sha256");
  let size = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  } catch (cause) {
    throw fileError(path, cause);
  }
  return { sha256: hash.digest("hex"), size };
}

/** A file system failure as the typed error the CLI and the API know. */
export function fileError(path: string, cause: unknown): TonearmError {
  const code = (cause as { code?: unknown }).code;
  if (code === "ENOENT") return new TonearmError("FILE_NOT_FOUND", `no such file: ${path}`, { path, cause });
  const reason = code === "EACCES" || code === "EPERM" ? "permission denied" : (cause as Error).message;
  return new TonearmError("FILE_NOT_READABLE", `cannot read ${path}: ${reason}`, { path, cause });
}
