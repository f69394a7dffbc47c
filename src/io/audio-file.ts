/**
 * Checks that a path names a readable, non-empty regular file before anything opens
 * it for decoding, and turns Node's file-system errors (ENOENT, EACCES, EISDIR…)
 * into typed TonearmErrors whose one-line messages name the file.
 */
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { basename } from "node:path";
import { TonearmError } from "../analysis/errors.js";

/** The name used in messages: the file's base name, as a person would say it. */
export function displayName(path: string): string {
  return basename(path) || path;
}

function errnoCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error) {
    const { code } = error as { code: unknown };
    return typeof code === "string" ? code : undefined;
  }
  return undefined;
}

/**
 * Maps an error thrown by an `fs` call on `path` to a TonearmError; errors that are
 * already TonearmErrors pass through unchanged.
 */
export function fileSystemError(path: string, error: unknown): TonearmError {
  if (error instanceof TonearmError) return error;
  const name = displayName(path);
  const details = { path, cause: error };
  switch (errnoCode(error)) {
    case "ENOENT":
    case "ENOTDIR":
      return new TonearmError("FILE_NOT_FOUND", `${name}: no such file`, details);
    case "EISDIR":
      return new TonearmError("FILE_NOT_READABLE", `${name}: is a directory, not an audio file`, details);
    case "EACCES":
    case "EPERM":
      return new TonearmError("FILE_NOT_READABLE", `${name}: permission denied (cannot read the file)`, details);
    default: {
      const reason = error instanceof Error ? error.message : String(error);
      return new TonearmError("FILE_NOT_READABLE", `${name}: cannot be read (${reason})`, details);
    }
  }
}

/**
 * Stats `path` and checks that it is a readable regular file with at least one byte.
 * Returns its size in bytes.
 * Throws FILE_NOT_FOUND, FILE_NOT_READABLE (directory, no permission, not a regular
 * file) or EMPTY_FILE.
 */
export async function checkAudioFile(path: string): Promise<number> {
  const name = displayName(path);
  let sizeBytes: number;
  try {
    const stats = await stat(path);
    if (stats.isDirectory()) {
      throw new TonearmError("FILE_NOT_READABLE", `${name}: is a directory, not an audio file`, { path });
    }
    if (!stats.isFile()) {
      throw new TonearmError("FILE_NOT_READABLE", `${name}: is not a regular file`, { path });
    }
    sizeBytes = stats.size;
    await access(path, constants.R_OK);
  } catch (error) {
    throw fileSystemError(path, error);
  }
  if (sizeBytes === 0) {
    throw new TonearmError("EMPTY_FILE", `${name}: the file is empty (0 bytes)`, { path });
  }
  return sizeBytes;
}
