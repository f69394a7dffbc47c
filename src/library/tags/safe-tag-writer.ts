/**
 * Writes genre tags so that a crash, a full disk or `kill -9` at any moment leaves the file
 * either exactly as it was or exactly as intended: the write-to-temporary, fsync, rename
 * pattern (POSIX rename(2) replaces the name atomically; fsync(2) on the file before and on the
 * directory after makes the result durable).
 *
 * 1. Resolve symlinks (the real file is replaced, the link kept); refuse a read-only file or
 *    directory. 2. Pick the format (genre-tag-formats.ts) and read the genres in place: they are
 *    returned as `before`, for undo. 3. Write a copy with the new genres beside the original
 *    (temporary-tag-files.ts), with the original's permission bits and, when allowed, owner.
 * 4. fsync it. 5. Verify it by re-reading: the genres are exactly the ones asked for and the
 *    audio payload hash equals the original's. 6. Check the original did not change meanwhile
 *    (size, mtime, inode), else CONFLICT. 7. Rename over the original; fsync the directory.
 * Any failure removes the copy and leaves the original untouched.
 *
 * The modification time changes by default: music players and library scanners (MPD, Plex,
 * Navidrome, beets) notice tag changes by it. `preserveModificationTime` keeps it. A file that
 * already holds exactly the genres is not written at all. Renaming gives the file a new inode,
 * so other hard links to it keep the old content.
 */
import { constants } from "node:fs";
import { access, chmod, chown, open, realpath, rename, rm, stat, utimes } from "node:fs/promises";
import { dirname } from "node:path";
import { TonearmError } from "../../analysis/errors.js";
import type { GenreTagFormat, GenreTagFormatName } from "./genre-tag-format.js";
import { GENRE_TAG_FORMATS, genreTagFormatOf } from "./genre-tag-formats.js";
import { temporaryPathFor } from "./temporary-tag-files.js";

export interface SafeGenreWriteOptions {
  /** Keep the original modification time (default false). */
  readonly preserveModificationTime?: boolean;
  /** The formats to choose from (default: all of GENRE_TAG_FORMATS). */
  readonly formats?: readonly GenreTagFormat[];
}

export interface GenreWriteResult {
  /** The file written (symlinks resolved). */
  readonly path: string;
  readonly format: GenreTagFormatName;
  /** The genres before the write: writing them back undoes it. */
  readonly before: readonly string[];
  readonly after: readonly string[];
  /** False when the file already held exactly these genres and was left alone. */
  readonly written: boolean;
}

export interface GenreReading {
  readonly path: string;
  readonly format: GenreTagFormatName;
  readonly genres: readonly string[];
}

/** The genres of a file, with the format they were read from. */
export async function readGenresOf(path: string, formats = GENRE_TAG_FORMATS): Promise<GenreReading> {
  try {
    const format = await genreTagFormatOf(path, formats);
    return { path, format: format.name, genres: (await format.readGenres(path)).genres };
  } catch (error) {
    throw fileSystemError(error, path, "read");
  }
}

/** Replaces the genres of the file at `path` by `genres` (empty: no genre), crash-safely. */
export async function writeGenresSafely(
  path: string,
  genres: readonly string[],
  options: SafeGenreWriteOptions = {},
): Promise<GenreWriteResult> {
  validateGenres(genres);
  let target = path;
  let temporary: string | null = null;
  try {
    target = await realpath(path);
    const original = await stat(target);
    await refuseUnwritable(target, original.mode, original.isFile());
    const format = await genreTagFormatOf(target, options.formats ?? GENRE_TAG_FORMATS);
    const before = (await format.readGenres(target)).genres;
    const result = { path: target, format: format.name, before, after: [...genres] };
    if (sameGenres(before, genres)) return { ...result, written: false };
    const payloadHash = await format.audioPayloadHash(target);

    temporary = temporaryPathFor(target);
    await format.writeCopyWithGenres(target, temporary, genres);
    await chmod(temporary, original.mode & 0o7777);
    await chown(temporary, original.uid, original.gid).catch(() => undefined); // only root may give files away
    if (options.preserveModificationTime === true) await utimes(temporary, original.atime, original.mtime);
    await fsyncPath(temporary);

    const written = (await format.readGenres(temporary)).genres;
    if (!sameGenres(written, genres)) {
      throw new TonearmError(
        "INVALID_OPTION",
        `${target}: the genres ${JSON.stringify(genres)} cannot be stored exactly in ${format.name} tags (they read back as ${JSON.stringify(written)})`,
        { path: target },
      );
    }
    if ((await format.audioPayloadHash(temporary)) !== payloadHash) {
      throw new Error(
        `safe tag writer: the ${format.name} copy of ${target} has a different audio payload; not written`,
      );
    }
    const now = await stat(target);
    if (now.size !== original.size || now.mtimeMs !== original.mtimeMs || now.ino !== original.ino) {
      throw new TonearmError("CONFLICT", `${target}: the file changed while its tags were being written; not written`, {
        path: target,
      });
    }
    await rename(temporary, target);
    temporary = null;
    // The file is replaced now; a directory that cannot be synced (some network file systems)
    // costs durability across a power cut, not atomicity, so the write still succeeded.
    await fsyncPath(dirname(target)).catch(() => undefined);
    return { ...result, written: true };
  } catch (error) {
    // EEXIST: the name was taken (by chance), so the file there is not ours to remove.
    const ours = (error as NodeJS.ErrnoException | null)?.code !== "EEXIST";
    if (temporary !== null && ours) await rm(temporary, { force: true });
    throw fileSystemError(error, target, "write");
  }
}

function validateGenres(genres: readonly string[]): void {
  for (const genre of genres) {
    if (typeof genre !== "string" || genre === "" || genre.includes("\u0000")) {
      throw new TonearmError(
        "INVALID_OPTION",
        `genre values must be non-empty text without NUL, got ${JSON.stringify(genre)}`,
      );
    }
  }
}

function sameGenres(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((genre, index) => genre === right[index]);
}

/** Refuses before any work: a rename would silently replace a read-only file. */
async function refuseUnwritable(path: string, mode: number, isFile: boolean): Promise<void> {
  if (!isFile) throw new TonearmError("FILE_NOT_READABLE", `${path}: is not a regular file`, { path });
  const readOnly = (mode & 0o222) === 0 || !(await accessible(path, constants.R_OK | constants.W_OK));
  if (readOnly) {
    throw new TonearmError("FILE_NOT_READABLE", `${path}: is read-only; its tags cannot be written`, { path });
  }
  if (!(await accessible(dirname(path), constants.W_OK | constants.X_OK))) {
    throw new TonearmError(
      "FILE_NOT_READABLE",
      `${path}: its directory is read-only, so no temporary copy can be written beside it`,
      { path },
    );
  }
}

async function accessible(path: string, mode: number): Promise<boolean> {
  try {
    await access(path, mode);
    return true;
  } catch {
    return false;
  }
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** File-system errors a user can cause become TonearmErrors; everything else passes unchanged. */
function fileSystemError(error: unknown, path: string, doing: "read" | "write"): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "ENOENT") return new TonearmError("FILE_NOT_FOUND", `${path}: no such file`, { path, cause: error });
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
    return new TonearmError("FILE_NOT_READABLE", `${path}: permission denied (cannot ${doing} it)`, {
      path,
      cause: error,
    });
  }
  if (code === "ENOSPC" || code === "EDQUOT") {
    return new TonearmError("NOT_AVAILABLE", `${path}: no space left for a temporary copy; not written`, {
      path,
      cause: error,
    });
  }
  return error;
}
