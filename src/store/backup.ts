/**
 * `backupStore`: a consistent backup of tonearm's database and data directory into a new
 * folder, safe while the server keeps writing:
 *
 *   manifest.json            backup-manifest.ts (versions, row counts, every file's SHA-256)
 *   tables/<table>.ndjson    one JSON object per row (backup-tables.ts), both dialects alike
 *   data/…                   the data directory's files (backup-files.ts)
 *
 * Every table is read inside ONE read transaction, so the dump is a single snapshot: on
 * PostgreSQL a REPEATABLE READ READ ONLY transaction (one snapshot for all its statements,
 * https://www.postgresql.org/docs/current/transaction-iso.html); on SQLite in WAL mode a read
 * transaction sees the database as of its first read while other connections go on writing
 * (https://www.sqlite.org/wal.html#concurrency). Row counts are taken in the same snapshot.
 * The same NDJSON for both dialects (rather than SQLite's file-level backup API) lets a
 * backup move between SQLite and PostgreSQL and keeps one restore path. The data files are
 * copied after the snapshot: files the snapshot's rows refer to and that still exist are in
 * the backup; a file deleted in between is missing, like after a retention sweep.
 */
import { createHash } from "node:crypto";
import { mkdir, open, readdir, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { type Kysely, sql } from "kysely";
import { TonearmError } from "../analysis/errors.js";
import { TONEARM_VERSION } from "../version.js";
import { copyWithHash, listDataFiles } from "./backup-files.js";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupFileEntry,
  type BackupManifest,
  type BackupTableEntry,
  MANIFEST_FILE,
} from "./backup-manifest.js";
import { BACKUP_TABLES, checkKnownTables, encodeRow, type LooseSchema } from "./backup-tables.js";
import type { TonearmDatabase } from "./open-database.js";

/** Rows read per query while dumping (offset pages inside the one snapshot). */
const PAGE_ROWS = 1000;

export interface BackupOptions {
  /** The opened database (openDatabase / openStore's `database`). */
  readonly database: TonearmDatabase;
  /** The data directory (uploads/, artifacts/); null or absent backs up the database only. */
  readonly dataDirectory?: string | null;
  /** The backup folder to create: must not exist, or be empty. */
  readonly out: string;
  /** Paths never copied from the data directory (e.g. the SQLite file when it lies inside it). */
  readonly exclude?: readonly string[];
  readonly onProgress?: (line: string) => void;
}

export interface BackupSummary {
  readonly out: string;
  readonly manifest: BackupManifest;
  readonly tables: number;
  readonly rows: number;
  readonly files: number;
  /** Bytes of the data files copied. */
  readonly bytes: number;
}

async function prepareFolder(out: string): Promise<void> {
  const existing = await readdir(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw new TonearmError("INVALID_OPTION", `cannot use ${out} as the backup folder: ${error.message}`, { path: out });
  });
  if (existing !== null && existing.length > 0) {
    throw new TonearmError("CONFLICT", `the backup folder ${out} exists and is not empty; choose a new one`, {
      path: out,
    });
  }
  await mkdir(join(out, "tables"), { recursive: true });
}

interface DumpResult {
  readonly migrations: string[];
  readonly tables: BackupTableEntry[];
  readonly files: BackupFileEntry[];
}

async function dumpTables(
  trx: Kysely<LooseSchema>,
  database: TonearmDatabase,
  out: string,
  onProgress: (line: string) => void,
): Promise<DumpResult> {
  const { rows: migrationRows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
    trx,
  );
  const tables: BackupTableEntry[] = [];
  const files: BackupFileEntry[] = [];
  for (const table of BACKUP_TABLES) {
    const file = `tables/${table.name}.ndjson`;
    const handle = await open(join(out, "tables", `${table.name}.ndjson`), "w");
    const hash = createHash("sha256");
    let size = 0;
    let rows = 0;
    try {
      for (;;) {
        let query = trx.selectFrom(table.name).selectAll();
        for (const column of table.key) query = query.orderBy(column);
        const page = await query.limit(PAGE_ROWS).offset(rows).execute();
        if (page.length === 0) break;
        const text = page.map((row) => `${JSON.stringify(encodeRow(table, database.dialect, row))}\n`).join("");
        const bytes = Buffer.from(text, "utf8");
        await handle.write(bytes);
        hash.update(bytes);
        size += bytes.length;
        rows += page.length;
        if (page.length < PAGE_ROWS) break;
      }
    } finally {
      await handle.close();
    }
    tables.push({ name: table.name, rows, file });
    files.push({ path: file, size, sha256: hash.digest("hex") });
    onProgress(`table ${table.name}: ${rows} rows`);
  }
  return { migrations: migrationRows.map((row) => row.name), tables, files };
}

/** Writes a backup of the database and data directory to `options.out`. */
export async function backupStore(options: BackupOptions): Promise<BackupSummary> {
  const out = resolve(options.out);
  const onProgress = options.onProgress ?? (() => {});
  const { database } = options;
  const db = database.db as unknown as Kysely<LooseSchema>;
  await prepareFolder(out);
  try {
    await checkKnownTables(db, database.dialect);
    const createdAt = new Date().toISOString();
    onProgress(`backing up the ${database.dialect} database ${database.location}`);
    const dump =
      database.dialect === "postgres"
        ? await db
            .transaction()
            .setIsolationLevel("repeatable read")
            .setAccessMode("read only")
            .execute((trx) => dumpTables(trx, database, out, onProgress))
        : await db.transaction().execute((trx) => dumpTables(trx, database, out, onProgress));
    const dataFiles: BackupFileEntry[] = [];
    let bytes = 0;
    if (options.dataDirectory) {
      const root = resolve(options.dataDirectory);
      onProgress(`copying the data directory ${root}`);
      const names = await listDataFiles(root, [out, ...(options.exclude ?? [])]);
      for (const name of names) {
        const copied = await copyWithHash(join(root, ...name.split("/")), join(out, "data", ...name.split("/")));
        if (copied === null) continue;
        dataFiles.push({ path: `data/${name}`, ...copied });
        bytes += copied.size;
        if (dataFiles.length % 500 === 0) onProgress(`copied ${dataFiles.length}/${names.length} files`);
      }
      onProgress(`copied ${dataFiles.length} files (${bytes} bytes)`);
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      tonearmVersion: TONEARM_VERSION,
      createdAt,
      dialect: database.dialect,
      migrations: dump.migrations,
      tables: dump.tables,
      files: [...dump.files, ...dataFiles],
    };
    await writeFile(join(out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    return {
      out,
      manifest,
      tables: dump.tables.length,
      rows: dump.tables.reduce((sum, table) => sum + table.rows, 0),
      files: dataFiles.length,
      bytes,
    };
  } catch (error) {
    // A half-written backup must not pass for one: remove what this call created.
    await rm(out, { recursive: true, force: true });
    throw error;
  }
}
