/**
 * backupStore and restoreStore against real databases (SQLite and PostgreSQL, one schema per
 * test; test-helpers/test-databases.ts): a round trip restores every row and file exactly, a
 * backup taken while another connection keeps writing is one snapshot, a damaged backup and
 * a non-empty target are refused, and a SQLite backup restores into PostgreSQL.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { backupStore } from "./backup.js";
import { readManifest } from "./backup-manifest.js";
import { restoreStore } from "./backup-restore.js";
import { BACKUP_TABLES, databaseTables, encodeRow, type LooseSchema } from "./backup-tables.js";
import type { DatabaseSchema } from "./database-schema.js";
import { openDatabase, type TonearmDatabase } from "./open-database.js";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
  type TestDialect,
} from "./test-helpers/test-databases.js";

const T0 = "2026-01-02T03:04:05.000Z";
const ANALYSIS = "11111111-2222-4333-8444-555555555555";
const BIG_FILE = 3_000_000_000; // past 2^31: the bigint column

async function insertJobAndAnalysis(db: Kysely<DatabaseSchema>, index: number): Promise<void> {
  const jobId = randomUUID();
  const analysisId = index === 0 ? ANALYSIS : randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("jobs")
      .values({
        id: jobId,
        kind: "analysis",
        status: "completed",
        stage: null,
        progress: 1,
        payload: JSON.stringify({ path: `/music/${index}.flac`, options: { genre: null } }),
        result: index % 2 === 0 ? null : JSON.stringify({ ok: true, n: index }),
        error_code: null,
        error_message: null,
        attempts: 1,
        max_attempts: 3,
        worker_id: null,
        heartbeat_at: null,
        analysis_id: analysisId,
        created_at: T0,
        started_at: T0,
        finished_at: T0,
        updated_at: T0,
      })
      .execute();
    await trx
      .insertInto("analyses")
      .values({
        id: analysisId,
        kind: "analysis",
        file_name: `${index}.flac`,
        audio_path: `/music/${index}.flac`,
        owned: 0,
        genre: "techno",
        level: null,
        analyses: index % 2 === 0 ? null : JSON.stringify(["key", "tempo"]),
        job_id: jobId,
        created_at: T0,
        audio_removed_at: null,
      })
      .execute();
  });
}

async function seed(db: Kysely<DatabaseSchema>): Promise<void> {
  for (let index = 0; index < 3; index += 1) await insertJobAndAnalysis(db, index);
  await db
    .insertInto("reports")
    .values({ analysis_id: ANALYSIS, report: JSON.stringify({ tempo: 128.5, key: "A minor" }), created_at: T0 })
    .execute();
  await db
    .insertInto("band_metrics")
    .values(
      [0, 1].map((band) => ({
        analysis_id: ANALYSIS,
        band_index: band,
        name: `b${band}`,
        low_hz: 20,
        high_hz: 0.1 + band,
      })),
    )
    .execute();
  await db
    .insertInto("settings")
    .values({ key: "theme", value: JSON.stringify({ dark: true }), updated_at: T0 })
    .execute();
  await db
    .insertInto("library_albums")
    .values({
      id: "album-1",
      root: "/music",
      folder: "/music/a",
      artist: "Artist",
      title: "Ünïcode “title”",
      year: 1999,
      compilation: 0,
      inferred: 0,
      disc_count: 1,
      track_count: 1,
      updated_at: T0,
    })
    .execute();
  await db
    .insertInto("library_tracks")
    .values({
      id: "track-1",
      path: "/music/a/01.flac",
      size: BIG_FILE,
      mtime_ms: 1_700_000_000_123.5,
      content_hash: "abc",
      album_id: "album-1",
      genres: JSON.stringify(["Techno", "House"]),
      compilation: 0,
      scanned_at: T0,
    })
    .execute();
  await db
    .insertInto("library_suggestions")
    .values({
      id: "suggestion-1",
      album_id: "album-1",
      status: "pending",
      confidence: 72.25,
      proposal: JSON.stringify(["Techno"]),
      decided_genres: null,
      ranked: JSON.stringify([{ genre: "Techno", confidence: 72.25 }]),
      evidence: JSON.stringify({ tags: ["Techno"] }),
      created_at: T0,
      updated_at: T0,
    })
    .execute();
}

/** Every row of every table, dialect-independent, in key order. */
async function allRows(database: TonearmDatabase): Promise<Record<string, unknown[]>> {
  const db = database.db as unknown as Kysely<LooseSchema>;
  const dump: Record<string, unknown[]> = {};
  for (const table of BACKUP_TABLES) {
    let query = db.selectFrom(table.name).selectAll();
    for (const column of table.key) query = query.orderBy(column);
    dump[table.name] = (await query.execute()).map((row) => encodeRow(table, database.dialect, row));
  }
  return dump;
}

async function seedFiles(dataDir: string): Promise<void> {
  await mkdir(join(dataDir, "artifacts", ANALYSIS), { recursive: true });
  await mkdir(join(dataDir, "uploads"), { recursive: true });
  await writeFile(join(dataDir, "artifacts", ANALYSIS, "spectrogram.png"), Buffer.from([137, 80, 78, 71, 1, 2, 3]));
  await writeFile(join(dataDir, "uploads", "a.mp3"), Buffer.alloc(70_000, 7));
  await writeFile(join(dataDir, "uploads", ".attempt-123"), "partial upload");
  await writeFile(join(dataDir, "artifacts", ANALYSIS, ".tmp-write"), "temporary");
}

const opened: TonearmDatabase[] = [];
const scratch: TestDatabase[] = [];

async function fresh(dialect: TestDialect): Promise<{ test: TestDatabase; database: TonearmDatabase }> {
  const test = await createTestDatabase(dialect);
  scratch.push(test);
  const database = await openDatabase(test.options);
  opened.push(database);
  return { test, database };
}

afterEach(async () => {
  for (const database of opened.splice(0)) await database.close().catch(() => {});
  for (const test of scratch.splice(0)) await test.dispose();
});

describe.each(TEST_DIALECTS)("backup and restore on %s", (dialect) => {
  it("lists every table of the schema in BACKUP_TABLES", async () => {
    const { database } = await fresh(dialect);
    const tables = await databaseTables(database.db as unknown as Kysely<LooseSchema>, dialect);
    expect(tables).toEqual(BACKUP_TABLES.map((table) => table.name).sort());
  });

  it("restores every row and file after later changes (force), skipping temporary files", async () => {
    const { test, database } = await fresh(dialect);
    const dataDir = join(test.directory, "data");
    await seed(database.db);
    await seedFiles(dataDir);
    const before = await allRows(database);
    const out = join(test.directory, "backup");
    const summary = await backupStore({ database, dataDirectory: dataDir, out });

    expect(summary.rows).toBe(3 + 3 + 1 + 2 + 1 + 1 + 1 + 1);
    expect(summary.files).toBe(2);
    expect(summary.bytes).toBe(7 + 70_000);
    const manifest = await readManifest(out);
    expect(manifest.dialect).toBe(dialect);
    expect(manifest.migrations).toEqual([
      "0001-initial-schema",
      "0002-music-library",
      "0003-ingested-files",
      "0004-recording-tonics",
    ]);
    expect(manifest.tables.find((table) => table.name === "jobs")?.rows).toBe(3);
    expect(manifest.files.filter((file) => file.path.startsWith("data/")).map((file) => file.path)).toEqual([
      `data/artifacts/${ANALYSIS}/spectrogram.png`,
      "data/uploads/a.mp3",
    ]);
    expect(existsSync(join(out, "data", "uploads", ".attempt-123"))).toBe(false);

    // Change everything, then restore over it.
    await database.db.deleteFrom("library_albums").execute();
    await database.db
      .updateTable("settings")
      .set({ value: JSON.stringify({ dark: false }) })
      .execute();
    await insertJobAndAnalysis(database.db, 9);
    await rm(join(dataDir, "artifacts", ANALYSIS, "spectrogram.png"));
    await writeFile(join(dataDir, "uploads", "a.mp3"), "overwritten");
    await expect(restoreStore(out, { database, dataDirectory: dataDir })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await allRows(database)).jobs).toHaveLength(4); // the refused restore changed nothing

    const restored = await restoreStore(out, { database, dataDirectory: dataDir, force: true });
    expect(restored.rows).toBe(summary.rows);
    expect(await allRows(database)).toEqual(before);
    expect((before.library_tracks[0] as { size: number }).size).toBe(BIG_FILE);
    expect(await readFile(join(dataDir, "uploads", "a.mp3"))).toEqual(Buffer.alloc(70_000, 7));
    expect(await readFile(join(dataDir, "artifacts", ANALYSIS, "spectrogram.png"))).toEqual(
      Buffer.from([137, 80, 78, 71, 1, 2, 3]),
    );
  });

  it("takes one snapshot while another connection keeps inserting", async () => {
    const { test, database } = await fresh(dialect);
    await seed(database.db);
    const writer = await openDatabase(test.options);
    opened.push(writer);
    let writing = true;
    let written = 0;
    const loop = (async () => {
      while (writing) {
        await insertJobAndAnalysis(writer.db, 100 + written);
        written += 1;
        // better-sqlite3 answers synchronously: give timers and the backup a turn.
        await new Promise((wake) => setImmediate(wake));
      }
    })();
    // Let the writer get going, then back up while it runs.
    while (written < 5) await new Promise((wake) => setTimeout(wake, 5));
    const out = join(test.directory, "backup");
    const summary = await backupStore({ database, out });
    const writtenDuringBackup = written;
    writing = false;
    await loop;

    const counts = Object.fromEntries(summary.manifest.tables.map((table) => [table.name, table.rows]));
    // Each transaction inserts one job and one analysis: a snapshot always holds as many of each.
    expect(counts.jobs).toBe(counts.analyses);
    expect(counts.jobs).toBeGreaterThanOrEqual(3 + 5);
    expect(writtenDuringBackup).toBeGreaterThan(5);
    const lines = (await readFile(join(out, "tables", "jobs.ndjson"), "utf8")).trim().split("\n");
    expect(lines).toHaveLength(counts.jobs ?? -1);

    const target = await fresh(dialect);
    const restored = await restoreStore(out, { database: target.database });
    expect(restored.rows).toBe(summary.rows);
    expect((await allRows(target.database)).analyses).toHaveLength(counts.analyses ?? -1);
  });

  it("refuses a tampered backup before touching the database", async () => {
    const { test, database } = await fresh(dialect);
    const dataDir = join(test.directory, "data");
    await seed(database.db);
    await seedFiles(dataDir);
    const out = join(test.directory, "backup");
    await backupStore({ database, dataDirectory: dataDir, out });
    const jobsFile = join(out, "tables", "jobs.ndjson");
    const original = await readFile(jobsFile, "utf8");
    await writeFile(jobsFile, original.replace("completed", "cancelled"));

    const target = await fresh(dialect);
    await expect(restoreStore(out, { database: target.database })).rejects.toMatchObject({
      code: "INVALID_OPTION",
      message: expect.stringContaining("tables/jobs.ndjson differs"),
    });
    expect((await allRows(target.database)).jobs).toEqual([]);

    await writeFile(jobsFile, original);
    await rm(join(out, "data", "uploads", "a.mp3"));
    await expect(restoreStore(out, { database: target.database })).rejects.toThrow(/a\.mp3 is missing/);
    await expect(restoreStore(join(test.directory, "nothing"), { database: target.database })).rejects.toMatchObject({
      code: "FILE_NOT_FOUND",
    });
  });

  it("refuses to write into a non-empty backup folder", async () => {
    const { test, database } = await fresh(dialect);
    const out = join(test.directory, "backup");
    await mkdir(out);
    await writeFile(join(out, "keep.txt"), "mine");
    await expect(backupStore({ database, out })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await readFile(join(out, "keep.txt"), "utf8")).toBe("mine");
  });
});

describe("across dialects", () => {
  it("restores a SQLite backup into PostgreSQL with the same rows", async () => {
    const source = await fresh("sqlite");
    await seed(source.database.db);
    const out = join(source.test.directory, "backup");
    await backupStore({ database: source.database, out });
    const target = await fresh("postgres");
    await restoreStore(out, { database: target.database });
    expect(await allRows(target.database)).toEqual(await allRows(source.database));
  });
});
