/**
 * The temporary copies the safe tag writer makes: a hidden file in the same directory as the
 * original (so the final rename stays on one file system and is atomic, POSIX rename(2)), named
 * `.tonearm-tmp-<12 hex digits>-<original name>`, and the clean-up of copies left by a crashed
 * or killed run. A leftover is never needed: until the rename the original is intact, after it
 * the copy no longer exists under its temporary name.
 */
import { randomBytes } from "node:crypto";
import { lstat, readdir, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export const TEMPORARY_FILE_PREFIX = ".tonearm-tmp-";

/** Longest original-name part kept, in UTF-8 bytes, so the name stays under the usual 255-byte limit. */
const NAME_BYTES = 200;

/** A fresh temporary path beside `path` (the caller creates it exclusively). */
export function temporaryPathFor(path: string): string {
  let name = basename(path);
  while (Buffer.byteLength(name) > NAME_BYTES) name = Array.from(name).slice(0, -1).join("");
  return join(dirname(path), `${TEMPORARY_FILE_PREFIX}${randomBytes(6).toString("hex")}-${name}`);
}

/** True when a file name is one of the writer's temporary copies. */
export function isTemporaryFileName(name: string): boolean {
  return /^\.tonearm-tmp-[0-9a-f]{12}-/.test(name);
}

export interface StaleTemporaryFileOptions {
  /**
   * Remove only copies whose status changed at least this long ago (default 0: all). A write
   * running in another process in the same directory loses its copy if it is removed, and then
   * fails cleanly (its original untouched); a delay of a minute or more avoids even that.
   */
  readonly minimumAgeMs?: number;
}

/** Removes the temporary copies left in `dir` (not in its subdirectories); returns their paths. */
export async function removeStaleTemporaryFiles(
  dir: string,
  options: StaleTemporaryFileOptions = {},
): Promise<string[]> {
  const minimumAgeMs = options.minimumAgeMs ?? 0;
  const removed: string[] = [];
  for (const name of await readdir(dir)) {
    if (!isTemporaryFileName(name)) continue;
    const path = join(dir, name);
    try {
      const status = await lstat(path);
      // ctime, not mtime: a copy that keeps the original's mtime would otherwise look old. With
      // no minimum age the clocks are not consulted: a file system's timestamps can run ahead of
      // Date.now() (a clock being stepped back, a network share's server), and a leftover
      // stamped "in the future" must still go.
      if (!status.isFile() || (minimumAgeMs > 0 && Date.now() - status.ctimeMs < minimumAgeMs)) continue;
      await rm(path);
      removed.push(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error; // gone meanwhile: fine
    }
  }
  return removed;
}
