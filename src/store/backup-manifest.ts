/**
 * A backup folder's `manifest.json`: what made it (tonearm version, dialect, the migrations
 * applied), when, each table's row count in the snapshot, and every file in the folder
 * with its size and SHA-256 (FIPS 180-4), so a restore can prove the folder intact before
 * touching anything. Paths are relative to the folder, "/"-separated, confined to
 * `tables/` and `data/`: a crafted manifest can never name a file outside them.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { TonearmError } from "../analysis/errors.js";
import type { DialectName } from "./dialect-name.js";

export const BACKUP_FORMAT = "tonearm-backup";
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = "manifest.json";

export interface BackupFileEntry {
  /** Relative to the backup folder: `tables/<name>.ndjson` or `data/<path in the data directory>`. */
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

export interface BackupTableEntry {
  readonly name: string;
  readonly rows: number;
  /** Its NDJSON file, relative to the backup folder. */
  readonly file: string;
}

export interface BackupManifest {
  readonly format: typeof BACKUP_FORMAT;
  readonly formatVersion: number;
  readonly tonearmVersion: string;
  readonly createdAt: string;
  readonly dialect: DialectName;
  /** The migrations applied to the database the backup was taken from, in order. */
  readonly migrations: readonly string[];
  readonly tables: readonly BackupTableEntry[];
  readonly files: readonly BackupFileEntry[];
}

const SAFE_PATH = /^(?!.*(^|\/)\.\.?(\/|$))(tables|data)\/[^\\\0]+$/;

/** SHA-256 (hex) and size of a file. */
export async function hashFile(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    size += bytes.length;
  }
  return { size, sha256: hash.digest("hex") };
}

function damaged(folder: string, why: string): TonearmError {
  return new TonearmError("INVALID_OPTION", `${folder} is not a usable tonearm backup: ${why}`, { path: folder });
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/** Reads and checks the shape of a backup folder's manifest (not yet the files' hashes). */
export async function readManifest(folder: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await readFile(join(folder, MANIFEST_FILE), "utf8");
  } catch (cause) {
    throw new TonearmError("FILE_NOT_FOUND", `${folder} is not a tonearm backup: it has no ${MANIFEST_FILE}`, {
      path: folder,
      cause,
    });
  }
  let parsed: Partial<Record<keyof BackupManifest, unknown>>;
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw damaged(folder, `${MANIFEST_FILE} is not JSON`);
  }
  if (parsed.format !== BACKUP_FORMAT) throw damaged(folder, `${MANIFEST_FILE} is not a ${BACKUP_FORMAT} manifest`);
  if (parsed.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw damaged(folder, `format version ${String(parsed.formatVersion)} is not ${BACKUP_FORMAT_VERSION}`);
  }
  if (parsed.dialect !== "sqlite" && parsed.dialect !== "postgres") throw damaged(folder, "unknown dialect");
  if (!Array.isArray(parsed.migrations) || !parsed.migrations.every(isString)) {
    throw damaged(folder, "migrations is not a list of names");
  }
  const files = parsed.files;
  if (
    !Array.isArray(files) ||
    !files.every(
      (file: Partial<BackupFileEntry>) =>
        isString(file.path) &&
        SAFE_PATH.test(file.path) &&
        isCount(file.size) &&
        isString(file.sha256) &&
        /^[0-9a-f]{64}$/.test(file.sha256),
    )
  ) {
    throw damaged(folder, "its file list is malformed (or names a path outside tables/ and data/)");
  }
  const listed = new Set((files as BackupFileEntry[]).map((file) => file.path));
  const tables = parsed.tables;
  if (
    !Array.isArray(tables) ||
    !tables.every(
      (table: Partial<BackupTableEntry>) =>
        isString(table.name) && isCount(table.rows) && isString(table.file) && listed.has(table.file),
    )
  ) {
    throw damaged(folder, "its table list is malformed");
  }
  return parsed as BackupManifest;
}

/** Checks every listed file's size and SHA-256; throws on the first that differs or is missing. */
export async function verifyFiles(
  folder: string,
  manifest: BackupManifest,
  onProgress: (line: string) => void = () => {},
): Promise<void> {
  let checked = 0;
  for (const file of manifest.files) {
    let actual: { size: number; sha256: string };
    try {
      actual = await hashFile(join(folder, ...file.path.split("/")));
    } catch {
      throw damaged(folder, `${file.path} is missing`);
    }
    if (actual.size !== file.size || actual.sha256 !== file.sha256) {
      throw damaged(folder, `${file.path} differs from the manifest (size or SHA-256): the backup is damaged`);
    }
    checked += 1;
    if (checked % 500 === 0) onProgress(`verified ${checked}/${manifest.files.length} files`);
  }
  onProgress(`verified ${manifest.files.length} files`);
}
