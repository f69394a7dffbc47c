/**
 * Walks a library folder and yields its audio files with their size and modification time.
 * Hidden entries (a leading dot: system folders, the tag writer's temporary files) are
 * skipped; symbolic links to folders are not followed (no loops, no file seen twice); a
 * folder or file that cannot be read is reported through `onProblem` and the walk goes on.
 * Each folder's files are stat'ed together, so a walk of an unchanged library costs one
 * readdir per folder and one stat per file.
 */
import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { isAudioFileName } from "./audio-file-extensions.js";
import type { TrackFileState } from "./library-track.js";

export type WalkedFile = Omit<TrackFileState, "contentHash">;

export interface WalkProblem {
  readonly path: string;
  readonly message: string;
}

export async function* walkLibrary(
  root: string,
  onProblem: (problem: WalkProblem) => void,
): AsyncGenerator<WalkedFile, void, undefined> {
  const folders = [root];
  while (folders.length > 0) {
    const folder = folders.pop() as string;
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      onProblem({ path: folder, message: describeFsError(error) });
      continue;
    }
    const files: string[] = [];
    // Sorted so that scans (and their progress) run in a stable, human order.
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const path = join(folder, entry.name);
      // A name that is not valid UTF-8 comes back with U+FFFD and cannot be opened by it.
      if (entry.name.includes("\uFFFD")) {
        onProblem({ path, message: "its name is not valid UTF-8 (rename it to scan it)" });
        continue;
      }
      if (entry.isDirectory()) folders.push(path);
      else if ((entry.isFile() || entry.isSymbolicLink()) && isAudioFileName(entry.name)) files.push(path);
    }
    files.reverse();
    const stats = await Promise.all(
      files.map(async (path) => {
        try {
          const facts = await stat(path);
          return facts.isFile() ? { path, size: facts.size, mtimeMs: Math.floor(facts.mtimeMs) } : undefined;
        } catch (error) {
          onProblem({ path, message: describeFsError(error) });
          return undefined;
        }
      }),
    );
    for (const file of stats) if (file !== undefined) yield file;
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOENT") return "it disappeared during the scan";
  if (code === "ELOOP") return "too many levels of symbolic links";
  return error instanceof Error ? error.message : String(error);
}
