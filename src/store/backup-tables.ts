/**
 * What a backup knows about tonearm's tables (database-schema.ts, migrations/): every table
 * in foreign-key order (a table comes after the tables it references, so restoring in this
 * order and deleting in the reverse never breaks a constraint), the primary key a dump is
 * ordered by, and the columns whose values differ between the dialects. Rows are written
 * dialect-independently, one JSON object per line (NDJSON, https://github.com/ndjson/ndjson-spec):
 * JSON columns as JSON values (not text), bigint columns as numbers, so a backup of SQLite
 * restores into PostgreSQL and back. A migration adding a table must add it here: the
 * backup refuses a database holding a table this list does not know.
 */
import { type Kysely, sql } from "kysely";
import type { DialectName } from "./dialect-name.js";
import { fromJson, toJson } from "./json-column.js";

export interface BackupTable {
  readonly name: string;
  /** The primary key's columns, the order a dump is written in. */
  readonly key: readonly string[];
  /** JSON columns that are NOT NULL (a JSON null is stored as the text "null"). */
  readonly json?: readonly string[];
  /** JSON columns that may be SQL NULL (a null value restores as SQL NULL). */
  readonly nullableJson?: readonly string[];
  /** bigint columns (PostgreSQL answers them as strings). */
  readonly bigint?: readonly string[];
}

/** Every table, in foreign-key order. */
export const BACKUP_TABLES: readonly BackupTable[] = [
  { name: "jobs", key: ["id"], json: ["payload"], nullableJson: ["result"] },
  { name: "analyses", key: ["id"], nullableJson: ["analyses"] },
  { name: "reports", key: ["analysis_id"], json: ["report"], nullableJson: ["mastering"] },
  { name: "band_metrics", key: ["analysis_id", "band_index"] },
  { name: "recommendations", key: ["analysis_id", "position"] },
  { name: "reference_tracks", key: ["id"] },
  { name: "settings", key: ["key"], json: ["value"] },
  { name: "library_albums", key: ["id"] },
  { name: "library_tracks", key: ["id"], json: ["genres"], bigint: ["size"] },
  {
    name: "library_suggestions",
    key: ["id"],
    json: ["proposal", "ranked", "evidence"],
    nullableJson: ["decided_genres"],
  },
  { name: "library_decisions", key: ["id"], nullableJson: ["genres"] },
  { name: "library_apply_runs", key: ["id"] },
  { name: "library_tag_writes", key: ["id"], json: ["before_genres", "after_genres"] },
  { name: "library_audio_vectors", key: ["path"] },
  { name: "source_cache", key: ["key"] },
  { name: "ingested_files", key: ["content_hash"], bigint: ["size"] },
  { name: "recording_tonics", key: ["analysis_id"], json: ["details"] },
];

/** Kysely's own bookkeeping tables: never backed up (the target's migrations recreate them). */
const MIGRATION_TABLES = new Set(["kysely_migration", "kysely_migration_lock"]);

/** A table with rows of unknown columns, for queries over a table chosen at run time. */
export type LooseSchema = Record<string, Record<string, unknown>>;
export type Row = Record<string, unknown>;

/** A row as read from `dialect`, made dialect-independent for the NDJSON dump. */
export function encodeRow(table: BackupTable, dialect: DialectName, row: Row): Row {
  const encoded: Row = { ...row };
  for (const column of [...(table.json ?? []), ...(table.nullableJson ?? [])]) {
    if (column in encoded) encoded[column] = fromJson(dialect, encoded[column]);
  }
  for (const column of table.bigint ?? []) {
    const value = encoded[column];
    if (typeof value === "string" || typeof value === "bigint") encoded[column] = Number(value);
  }
  return encoded;
}

/** A dumped row made ready to insert (JSON columns back to JSON text). */
export function decodeRow(table: BackupTable, row: Row): Row {
  const decoded: Row = { ...row };
  for (const column of table.json ?? []) {
    if (column in decoded) decoded[column] = toJson(decoded[column]);
  }
  for (const column of table.nullableJson ?? []) {
    if (column in decoded) decoded[column] = decoded[column] === null ? null : toJson(decoded[column]);
  }
  return decoded;
}

/** The application tables the connected database holds (its current schema on PostgreSQL). */
export async function databaseTables(db: Kysely<LooseSchema>, dialect: DialectName): Promise<string[]> {
  const tables = await db.introspection.getTables();
  let schema: string | undefined;
  if (dialect === "postgres") {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    schema = rows[0]?.schema;
  }
  return tables
    .filter((table) => !table.isView && (schema === undefined || table.schema === schema))
    .map((table) => table.name)
    .filter((name) => !MIGRATION_TABLES.has(name))
    .sort();
}

/** Throws when the database holds a table BACKUP_TABLES does not list (a backup would lose it). */
export async function checkKnownTables(db: Kysely<LooseSchema>, dialect: DialectName): Promise<void> {
  const known = new Set(BACKUP_TABLES.map((table) => table.name));
  const unknown = (await databaseTables(db, dialect)).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(`backup-tables.ts does not list the table(s) ${unknown.join(", ")}; add them before backing up`);
  }
}
