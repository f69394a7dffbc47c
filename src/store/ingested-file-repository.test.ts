/**
 * The ingested-files record on SQLite and PostgreSQL: a claim inside the transaction that
 * creates the analysis; a second claim of the same content changes nothing; reads by content
 * and by (path, size, mtime) carry the analysis's job; deleting the analysis deletes the
 * record; and two transactions claiming one content at the same time leave exactly one
 * analysis, the other rolled back whole.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IngestedFileRepository } from "./ingested-file-repository.js";
import { openStore, type Store } from "./open-store.js";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "./test-helpers/test-databases.js";
import { isoNow } from "./timestamps.js";

class Lost extends Error {}

describe.each(TEST_DIALECTS)("ingested files on %s", (dialect) => {
  let database: TestDatabase;
  let store: Store;
  let files: IngestedFileRepository;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = await openStore(database.options);
    files = new IngestedFileRepository(store.database.db);
  });

  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  /** Inserts a job, its analysis and the claim in one transaction, as the service does; false when the claim lost. */
  async function ingest(contentHash: string, path: string, mtimeMs = 1_700_000_000_123): Promise<string | null> {
    const analysisId = randomUUID();
    try {
      await store.database.db.transaction().execute(async (transaction) => {
        const job = await store.jobs.insert(
          { kind: "analysis", payload: { audioPath: path }, maxAttempts: 1, analysisId },
          transaction,
        );
        await store.analyses.insert(
          {
            id: analysisId,
            kind: "analysis",
            fileName: "a.wav",
            audioPath: path,
            owned: false,
            genre: null,
            level: null,
            analyses: null,
            jobId: job.id,
          },
          transaction,
        );
        const claimed = await files.claim(
          { contentHash, analysisId, path, size: 3_000_000_000, mtimeMs, createdAt: isoNow() },
          transaction,
        );
        if (!claimed) throw new Lost();
      });
      return analysisId;
    } catch (error) {
      if (error instanceof Lost) return null;
      throw error;
    }
  }

  it("records a content once, reads it by hash and by file, and forgets it with its analysis", async () => {
    const hash = "a".repeat(64);
    const first = await ingest(hash, "/music/one.wav");
    expect(first).not.toBeNull();
    expect(await ingest(hash, "/music/copy.wav")).toBeNull();
    const analyses = await store.analyses.list({});
    expect(analyses.items.filter((analysis) => analysis.audioPath === "/music/copy.wav")).toHaveLength(0);

    const record = await files.get(hash);
    const analysis = await store.analyses.get(first!);
    expect(record).toMatchObject({
      contentHash: hash,
      analysisId: first,
      jobId: analysis?.jobId,
      path: "/music/one.wav",
      size: 3_000_000_000,
      mtimeMs: 1_700_000_000_123,
    });
    expect(await files.findByFile("/music/one.wav", 3_000_000_000, 1_700_000_000_123)).toEqual(record);
    expect(await files.findByFile("/music/one.wav", 3_000_000_000, 1_700_000_000_124)).toBeUndefined();
    expect(await files.findByFile("/music/copy.wav", 3_000_000_000, 1_700_000_000_123)).toBeUndefined();

    await store.analyses.remove(first!);
    expect(await files.get(hash)).toBeUndefined();
    expect(await ingest(hash, "/music/copy.wav")).not.toBeNull();
    expect((await files.get(hash))?.path).toBe("/music/copy.wav");
  });

  it("lets exactly one of many simultaneous claims of one content win", async () => {
    const hash = "b".repeat(64);
    const before = await files.count();
    const results = await Promise.all(Array.from({ length: 6 }, (_, index) => ingest(hash, `/music/${index}.wav`)));
    const winners = results.filter((id) => id !== null);
    expect(winners).toHaveLength(1);
    expect(await files.count()).toBe(before + 1);
    expect((await files.get(hash))?.analysisId).toBe(winners[0]);
    // The losers' analyses and jobs were rolled back with their claims.
    const paths = (await store.analyses.list({ limit: 500 })).items.map((analysis) => analysis.audioPath);
    expect(paths.filter((path) => /^\/music\/\d\.wav$/.test(path))).toHaveLength(1);
  });
});
