/**
 * The data directory's side of a backup (data-directory.ts: uploads/ and artifacts/<id>/):
 * listing the files worth copying while the server may be writing, and copying one with its
 * SHA-256 (FIPS 180-4) computed over the bytes actually written, so the manifest describes
 * the copy even when the source changed meanwhile. Files are copied, never hard-linked (a
 * link would follow later changes to the original). Names starting with "." are temporary or
 * partial (".attempt-…" uploads being received, atomic-write temporaries) and are skipped,
 * as are symbolic links and anything under `exclude` (the backup folder itself, the SQLite
 * file when it lies inside the data directory).
 */
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { pipeline } from "node:stream/promises";

/** True for a name the backup and restore treat as temporary (never copied). */
export function isTemporaryName(name: string): boolean {
  return name.startsWith(".");
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith(sep) && rel !== "..");
}

/**
 * Every regular file under `root` as a "/"-separated path relative to it, sorted; temporary
 * names and paths inside `exclude` are left out. A missing root lists nothing.
 */
export async function listDataFiles(root: string, exclude: readonly string[] = []): Promise<string[]> {
  const excluded = exclude.map((path) => resolve(path));
  const found: string[] = [];
  async function walk(folder: string, prefix: string): Promise<void> {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (isTemporaryName(entry.name) || entry.name.includes("\\")) continue;
      const path = join(folder, entry.name);
      if (excluded.some((folderOrFile) => isInside(path, folderOrFile))) continue;
      const name = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) await walk(path, name);
      else if (entry.isFile()) found.push(name);
    }
  }
  await walk(resolve(root), "");
  return found.sort();
}

export interface CopiedFile {
  readonly size: number;
  readonly sha256: string;
}

/**
 * Copies `from` to `to` (creating its folder) through a temporary name renamed into place,
 * and answers the size and SHA-256 of what was written; null when `from` vanished first.
 */
export async function copyWithHash(from: string, to: string): Promise<CopiedFile | null> {
  await mkdir(dirname(to), { recursive: true });
  const temporary = join(dirname(to), `.attempt-${randomUUID()}`);
  const hash = createHash("sha256");
  let size = 0;
  try {
    await pipeline(
      createReadStream(from),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      },
      createWriteStream(temporary),
    );
  } catch (error) {
    await rm(temporary, { force: true });
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  await rename(temporary, to);
  return { size, sha256: hash.digest("hex") };
}
