/**
 * The reference catalogue kept as one JSON file (default `~/.tonearm/references.json`) until
 * the database store arrives: read whole, changed in memory, written whole. A change takes a
 * lock file next to the catalogue (created exclusively, so two processes cannot both hold it),
 * reads the current file, applies the change and replaces the file by rename, so a concurrent
 * reader sees the old or the new catalogue, never half of one, and no update is lost. A lock
 * older than STALE_LOCK_MS (a crashed process) is broken.
 */
import { randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { TonearmError } from "../analysis/errors.js";
import { ReferenceCatalogue, ReferenceCatalogueError } from "../core/similarity/index.js";

const LOCK_WAIT_MS = 10_000;
const LOCK_RETRY_MS = 25;
const STALE_LOCK_MS = 60_000;

/** The catalogue in `file`; an empty one when the file does not exist. CATALOGUE_INVALID when it is damaged. */
export async function loadReferenceCatalogue(file: string): Promise<ReferenceCatalogue> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return new ReferenceCatalogue();
    throw new TonearmError("CATALOGUE_INVALID", `cannot read the reference catalogue: ${(error as Error).message}`, {
      path: file,
      cause: error,
    });
  }
  try {
    return ReferenceCatalogue.deserialize(JSON.parse(text));
  } catch (error) {
    const detail =
      error instanceof ReferenceCatalogueError || error instanceof SyntaxError ? error.message : String(error);
    throw new TonearmError(
      "CATALOGUE_INVALID",
      `the reference catalogue is damaged (${detail}); restore it from a backup or move it aside to start a new one`,
      { path: file, cause: error },
    );
  }
}

/**
 * Applies `change` to the catalogue in `file` under the lock and writes the result; returns what
 * `change` returned. Nothing is written when `change` throws.
 */
export async function updateReferenceCatalogue<T>(
  file: string,
  change: (catalogue: ReferenceCatalogue) => T,
): Promise<T> {
  await mkdir(dirname(file), { recursive: true });
  const release = await acquireLock(`${file}.lock`);
  try {
    const catalogue = await loadReferenceCatalogue(file);
    const result = change(catalogue);
    const partial = `${file}.${process.pid}.${randomUUID()}.partial`;
    try {
      await writeFile(partial, `${JSON.stringify(catalogue.serialize())}\n`);
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return result;
  } finally {
    await release();
  }
}

async function acquireLock(lock: string): Promise<() => Promise<void>> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const handle = await open(lock, "wx");
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const age = await lockAge(lock);
    if (age !== null && age > STALE_LOCK_MS) {
      await rm(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new TonearmError(
        "CATALOGUE_INVALID",
        `the reference catalogue is locked by another tonearm process (${lock}); if none is running, delete the lock file`,
        { path: lock },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
  }
}

async function lockAge(lock: string): Promise<number | null> {
  try {
    return Date.now() - (await stat(lock)).mtimeMs;
  } catch {
    return null; // released meanwhile
  }
}
