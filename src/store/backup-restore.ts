/**
 * `restoreStore`: puts a backup folder (backup.ts) back into a database and data directory.
 * In order, touching nothing until the backup is proven whole:
 *   1. the manifest is read and every file's size and SHA-256 checked (backup-manifest.ts);
 *   2. the backup's migrations must all be known to the target (a newer tonearm's backup is
 *      refused; an older one restores into the current schema, new columns taking defaults);
 *   3. in ONE transaction: the target must hold no rows (CONFLICT otherwise, unless `force`,
 *      which deletes every row first, in reverse foreign-key order), then each table's NDJSON
 *      is inserted in foreign-key order (backup-tables.ts), its row count checked against the
 *      manifest; any failure rolls the database back untouched;
 *   4. the data files are copied into the data directory (each through a temporary name and
 *      a rename, so a reader never sees half a file). Files already there and not in the
 *      backup are left alone.
 * Works across dialects: a SQLite backup restores into PostgreSQL and back. Meant for a
 * stopped server (a running one would see its rows vanish and reappear).
 */
import { createReadStream } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { type Kysely, sql, type Transaction } from "kysely";
import { TonearmError } from "../analysis/errors.js";
import { copyWithHash } from "./backup-files.js";
import { type BackupManifest, readManifest, verifyFiles } from "./backup-manifest.js";
import {
  BACKUP_TABLES,
  type BackupTable,
  checkKnownTables,
  decodeRow,
  type LooseSchema,
  type Row,
} from "./backup-tables.js";
import type { TonearmDatabase } from "./open-database.js";

/** Bound parameters per INSERT: well under SQLite's 32 766 and PostgreSQL's 65 535. */
const PARAMETERS_PER_INSERT = 8000;

export interface RestoreOptions {
  /** The opened (migrated) target database. */
  readonly database: TonearmDatabase;
  /** Where the backup's data files go; null or absent restores the database only. */
  readonly dataDirectory?: string | null;
  /** Replace the rows of a non-empty database (they are deleted first). */
  readonly force?: boolean;
  readonly onProgress?: (line: string) => void;
}

export interface RestoreSummary {
  readonly manifest: BackupManifest;
  readonly tables: number;
  readonly rows: number;
  readonly files: number;
  readonly bytes: number;
}

async function countRows(db: Kysely<LooseSchema>, table: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function insertTable(
  trx: Transaction<LooseSchema>,
  table: BackupTable,
  file: string,
  expectedRows: number,
  folder: string,
): Promise<number> {
  let batch: Row[] = [];
  let rows = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await trx.insertInto(table.name).values(batch).execute();
    batch = [];
  };
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line === "") continue;
    let row: Row;
    try {
      row = JSON.parse(line) as Row;
    } catch {
      throw new TonearmError("INVALID_OPTION", `${folder}: ${table.name} row ${rows + 1} is not JSON`, { path: file });
    }
    batch.push(decodeRow(table, row));
    rows += 1;
    if (batch.length * Math.max(1, Object.keys(row).length) >= PARAMETERS_PER_INSERT) await flush();
  }
  await flush();
  if (rows !== expectedRows) {
    throw new TonearmError(
      "INVALID_OPTION",
      `${folder}: ${table.name} holds ${rows} rows but the manifest says ${expectedRows}`,
      { path: file },
    );
  }
  return rows;
}

function checkMigrations(manifest: BackupManifest, known: readonly string[], folder: string): void {
  const targetKnows = new Set(known);
  const unknown = manifest.migrations.filter((name) => !targetKnows.has(name));
  if (unknown.length > 0) {
    throw new TonearmError(
      "INVALID_OPTION",
      `${folder} was made by a newer tonearm (${manifest.tonearmVersion}; migrations ${unknown.join(", ")} unknown here): upgrade tonearm to restore it`,
      { path: folder },
    );
  }
}

/** Restores the backup folder `folder` into `options.database` and `options.dataDirectory`. */
export async function restoreStore(folder: string, options: RestoreOptions): Promise<RestoreSummary> {
  const root = resolve(folder);
  const onProgress = options.onProgress ?? (() => {});
  const manifest = await readManifest(root);
  onProgress(`backup of ${manifest.createdAt} (tonearm ${manifest.tonearmVersion}, ${manifest.dialect})`);
  await verifyFiles(root, manifest, onProgress);

  const { database } = options;
  const db = database.db as unknown as Kysely<LooseSchema>;
  await checkKnownTables(db, database.dialect);
  const { rows: applied } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  checkMigrations(
    manifest,
    applied.map((row) => row.name),
    root,
  );
  const known = new Map(BACKUP_TABLES.map((table) => [table.name, table]));
  for (const entry of manifest.tables) {
    if (!known.has(entry.name)) {
      throw new TonearmError("INVALID_OPTION", `${root}: the table ${entry.name} is unknown to this tonearm`, {
        path: root,
      });
    }
  }

  let rows = 0;
  await db.transaction().execute(async (trx) => {
    const occupied: string[] = [];
    for (const table of BACKUP_TABLES) {
      const count = await countRows(trx, table.name);
      if (count > 0) occupied.push(`${table.name} (${count})`);
    }
    if (occupied.length > 0 && !options.force) {
      throw new TonearmError(
        "CONFLICT",
        `the database ${database.location} is not empty (${occupied.join(", ")}): restore into an empty one, or use --force to replace its rows`,
      );
    }
    if (occupied.length > 0) {
      onProgress(`deleting the rows of ${occupied.length} tables (--force)`);
      for (const table of [...BACKUP_TABLES].reverse()) await trx.deleteFrom(table.name).execute();
    }
    for (const table of BACKUP_TABLES) {
      const entry = manifest.tables.find((candidate) => candidate.name === table.name);
      if (entry === undefined) continue;
      const inserted = await insertTable(trx, table, join(root, ...entry.file.split("/")), entry.rows, root);
      rows += inserted;
      onProgress(`table ${table.name}: ${inserted} rows`);
    }
  });

  let files = 0;
  let bytes = 0;
  const dataFiles = manifest.files.filter((file) => file.path.startsWith("data/"));
  if (options.dataDirectory) {
    const target = resolve(options.dataDirectory);
    for (const file of dataFiles) {
      const parts = file.path.split("/").slice(1);
      const copied = await copyWithHash(join(root, ...file.path.split("/")), join(target, ...parts));
      if (copied === null || copied.sha256 !== file.sha256) {
        throw new TonearmError("INVALID_OPTION", `${root}: ${file.path} changed while it was being restored`, {
          path: root,
        });
      }
      files += 1;
      bytes += copied.size;
      if (files % 500 === 0) onProgress(`restored ${files}/${dataFiles.length} files`);
    }
    onProgress(`restored ${files} files (${bytes} bytes) into ${target}`);
  }
  return { manifest, tables: manifest.tables.length, rows, files, bytes };
}
