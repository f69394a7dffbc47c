/**
 * Opens tonearm's database: SQLite through better-sqlite3 (the embedded default: one file,
 * its directory created on first open) or PostgreSQL through a `pg` pool (a URL is given),
 * both behind one Kysely instance, and migrates it to the latest schema before returning.
 *
 * SQLite runs in WAL mode (readers never wait for the writer) with a busy timeout, so
 * several tonearm processes (the server and `tonearm worker`s) can share the file; foreign
 * keys are enabled per connection, as SQLite requires. PostgreSQL may be confined to one
 * schema (`search_path`, created when missing), which the tests use for isolation.
 * Migrations run under Kysely's Migrator (its lock table serialises concurrent starts on
 * PostgreSQL; SQLite's writer lock does the same).
 */
import { mkdirSync } from "node:fs";
import { userInfo } from "node:os";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { TonearmError } from "../analysis/errors.js";
import type { DatabaseSchema } from "./database-schema.js";
import type { DialectName } from "./dialect-name.js";
import { migrationProvider } from "./migrations/index.js";

export interface DatabaseOptions {
  /** PostgreSQL connection URL; when null or absent, SQLite at `sqliteFile`. */
  readonly postgresUrl?: string | null;
  /** The SQLite database file (its directory is created); required without `postgresUrl`. */
  readonly sqliteFile?: string;
  /** PostgreSQL only: keep every table in this schema (created when missing). */
  readonly postgresSchema?: string;
  /** PostgreSQL only: connections in the pool; default 10. */
  readonly poolSize?: number;
  /** SQLite only: how long a writer waits for another process's lock, ms; default 10 000. */
  readonly busyTimeoutMs?: number;
}

export interface TonearmDatabase {
  readonly db: Kysely<DatabaseSchema>;
  readonly dialect: DialectName;
  /** The file, or the PostgreSQL URL without its password (for messages and readiness). */
  readonly location: string;
  /** Closes the connection or pool. */
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The URL with its password masked, for messages. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable PostgreSQL URL)";
  }
}

/**
 * libpq's rule, which `pg` follows only through $PGUSER/$USER: a URL without a user name
 * connects as the operating-system user. Filled in here so that a service started without
 * $USER (containers, systemd) connects as libpq would.
 */
export function withDefaultUser(url: string): string {
  if (process.env.PGUSER || process.env.USER) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new TonearmError("INVALID_OPTION", "TONEARM_DATABASE_URL is not a valid URL", { cause });
  }
  if (parsed.username !== "" || parsed.searchParams.has("user")) return url;
  parsed.username = userInfo().username;
  return parsed.toString();
}

function openSqlite(file: string, busyTimeoutMs: number): TonearmDatabase {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const connection = new Database(file, { timeout: busyTimeoutMs });
    connection.pragma("journal_mode = WAL");
    connection.pragma("synchronous = NORMAL");
    connection.pragma("foreign_keys = ON");
    const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: connection }) });
    return { db, dialect: "sqlite", location: file, close: () => db.destroy() };
  } catch (cause) {
    throw new TonearmError("NOT_AVAILABLE", `cannot open the database ${file}: ${(cause as Error).message}`, {
      path: file,
      cause,
    });
  }
}

function openPostgres(url: string, options: DatabaseOptions): TonearmDatabase {
  const schema = options.postgresSchema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new TonearmError("INVALID_OPTION", `PostgreSQL schema name must match ${SCHEMA_NAME}, got "${schema}"`);
  }
  const pool = new pg.Pool({
    connectionString: withDefaultUser(url),
    max: options.poolSize ?? 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on("error", () => {});
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", location: describePostgresUrl(url), close: () => db.destroy() };
}

async function migrate(database: TonearmDatabase, schema: string | undefined): Promise<void> {
  if (schema !== undefined) await sql`create schema if not exists ${sql.id(schema)}`.execute(database.db);
  const migrator = new Migrator({
    db: database.db,
    provider: migrationProvider(database.dialect),
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === "Error")?.migrationName;
    throw new Error(
      `database ${database.location}: migration ${failed ?? "(before any migration)"} failed: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** Opens (creating or upgrading as needed) the configured database. */
export async function openDatabase(options: DatabaseOptions): Promise<TonearmDatabase> {
  let database: TonearmDatabase;
  if (options.postgresUrl) {
    database = openPostgres(options.postgresUrl, options);
  } else {
    if (options.sqliteFile === undefined) {
      throw new TonearmError("INVALID_OPTION", "openDatabase: give sqliteFile or postgresUrl");
    }
    database = openSqlite(options.sqliteFile, options.busyTimeoutMs ?? 10_000);
  }
  try {
    await sql`select 1`.execute(database.db);
  } catch (cause) {
    await database.close().catch(() => {});
    throw new TonearmError(
      "NOT_AVAILABLE",
      `cannot reach the database ${database.location}: ${(cause as Error).message}`,
      { cause },
    );
  }
  try {
    await migrate(database, database.dialect === "postgres" ? options.postgresSchema : undefined);
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
  return database;
}
