/**
 * The two databases the store's tests run against, for `describe.each`: SQLite in a fresh
 * temporary directory, and PostgreSQL (TONEARM_TEST_DATABASE_URL, default
 * postgres://127.0.0.1:5432/test) in a fresh schema `tonearm_test_<random>` that is dropped
 * afterwards, so test files can run in parallel. PostgreSQL being unreachable fails the
 * tests loudly (CI starts it); nothing is skipped.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type DatabaseOptions, withDefaultUser } from "../open-database.js";

export const TEST_POSTGRES_URL = process.env.TONEARM_TEST_DATABASE_URL || "postgres://127.0.0.1:5432/test";

export interface TestDatabase {
  /** Options for openDatabase / openStore. */
  readonly options: DatabaseOptions;
  /** A scratch directory (SQLite's file lives in it; tests may use it for data). */
  readonly directory: string;
  /** Drops the schema or removes the directory; call after closing every connection. */
  dispose(): Promise<void>;
}

export type TestDialect = "sqlite" | "postgres";
export const TEST_DIALECTS: readonly TestDialect[] = ["sqlite", "postgres"];

async function dropSchema(schema: string): Promise<void> {
  const { Client } = pg;
  const client = new Client({ connectionString: withDefaultUser(TEST_POSTGRES_URL) });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  const directory = await mkdtemp(join(tmpdir(), "tonearm-store-"));
  if (dialect === "sqlite") {
    return {
      options: { sqliteFile: join(directory, "db", "tonearm.db") },
      directory,
      dispose: () => rm(directory, { recursive: true, force: true }),
    };
  }
  const schema = `tonearm_test_${randomBytes(6).toString("hex")}`;
  return {
    options: { postgresUrl: TEST_POSTGRES_URL, postgresSchema: schema, poolSize: 4 },
    directory,
    dispose: async () => {
      await dropSchema(schema);
      await rm(directory, { recursive: true, force: true });
    },
  };
}
