/**
 * The store's contract, run once per dialect against a real database: SQLite in a temporary
 * directory and PostgreSQL in a schema of its own (test-helpers/test-databases.ts).
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../analysis/report.js";
import type { StoredMastering } from "./analysis-result-repository.js";
import { openDatabase } from "./open-database.js";
import { openStore, type Store } from "./open-store.js";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "./test-helpers/test-databases.js";

const BANDS = ["low", "low_mid", "mid", "high_mid", "high"].map((name, index) => ({
  name,
  lowHz: [20, 200, 500, 2000, 6000][index]!,
  highHz: [200, 500, 2000, 6000, 20000][index]!,
  energyShare: 0.2,
  rmsDbfs: -20 - index,
  peakDbfs: -6,
  crestFactorDb: 14 + index,
  centroidHz: 100 * (index + 1),
  rolloffHz: null,
  flatness: 0.5,
  correlation: 0.9,
  width: 0.1,
  sideToMidDb: -10,
  monoLossDb: 0.1,
}));

/** Only the parts the store reads; the rest of a report is stored as it is. */
const REPORT = { schemaVersion: 1, analyses: { mastering: { bands: BANDS } }, warnings: [] } as unknown as Report;

const MASTERING = {
  target: { id: "techno", name: "Techno" },
  recommendations: {
    overall: [
      {
        area: "loudness",
        severity: "major",
        measured: -20,
        unit: "LUFS",
        target: { min: -9, max: -6, ideal: -8 },
        delta: -12,
        deltaUnit: "LU",
        message: "Loudness is 12 LU below the target",
      },
    ],
    bands: [
      {
        area: "band:low",
        severity: "minor",
        measured: 1.5,
        unit: "dB",
        target: { min: null, max: null, ideal: 0 },
        delta: 1.5,
        deltaUnit: "dB",
        message: "Low end is 1.5 dB above the target",
      },
    ],
  },
} as unknown as StoredMastering;

describe.each(TEST_DIALECTS)("store on %s", (dialect) => {
  let testDatabase: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(dialect);
    store = await openStore(testDatabase.options);
  });
  afterAll(async () => {
    await store?.close();
    await testDatabase?.dispose();
  });

  async function newAnalysis(fileName: string, kind: "analysis" | "mastering" = "analysis") {
    const id = randomUUID();
    const job = await store.jobs.insert({
      kind,
      payload: { audioPath: `/tmp/${fileName}` },
      maxAttempts: 2,
      analysisId: id,
    });
    const analysis = await store.analyses.insert({
      id,
      kind,
      fileName,
      audioPath: `/tmp/${fileName}`,
      owned: false,
      genre: kind === "mastering" ? "techno" : null,
      level: null,
      analyses: kind === "analysis" ? ["rhythm", "tonal"] : null,
      jobId: job.id,
    });
    return { job, analysis };
  }

  describe("migrations", () => {
    it("creates the schema once and reopening is a no-op", async () => {
      if (dialect === "sqlite") {
        expect(existsSync(testDatabase.options.sqliteFile!)).toBe(true);
        const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.database.db);
        expect(mode.rows[0]!.journal_mode).toBe("wal");
      }
      const again = await openDatabase(testDatabase.options);
      try {
        const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(again.db);
        expect(applied.rows.map((row) => row.name)).toEqual([
          "0001-initial-schema",
          "0002-music-library",
          "0003-ingested-files",
          "0004-recording-tonics",
        ]);
      } finally {
        await again.close();
      }
    });

    it("fails with NOT_AVAILABLE when the database cannot be reached", async () => {
      const attempt =
        dialect === "sqlite"
          ? openDatabase({ sqliteFile: "/dev/null/tonearm.db" })
          : openDatabase({ postgresUrl: "postgres://127.0.0.1:1/none", poolSize: 1 });
      await expect(attempt).rejects.toMatchObject({ code: "NOT_AVAILABLE" });
    });
  });

  describe("jobs", () => {
    it("claims queued jobs oldest first, each exactly once across concurrent claimers", async () => {
      const kinds = ["transcription"] as const;
      const inserted = [];
      for (let index = 0; index < 12; index++) {
        inserted.push(await store.jobs.insert({ kind: "transcription", payload: { index }, maxAttempts: 3 }));
      }
      const others = await Promise.all([openStore(testDatabase.options), openStore(testDatabase.options)]);
      try {
        const claimers = [store, ...others].map((each, index) =>
          (async () => {
            const claimed: string[] = [];
            for (;;) {
              const job = await each.jobs.claimNext(`worker-${index}`, kinds);
              if (job === undefined) return claimed;
              expect(job.status).toBe("running");
              expect(job.attempts).toBe(1);
              expect(job.workerId).toBe(`worker-${index}`);
              claimed.push(job.id);
            }
          })(),
        );
        const claimed = (await Promise.all(claimers)).flat();
        expect(claimed.sort()).toEqual(inserted.map((job) => job.id).sort());
      } finally {
        await Promise.all(others.map((other) => other.close()));
      }
      const first = await store.jobs.get(inserted[0]!.id);
      expect(first?.payload).toEqual({ index: 0 });
    });

    it("takes only the owner's progress, and a cancelled job ignores its worker's later writes", async () => {
      const queued = await store.jobs.insert({ kind: "analysis", payload: {}, maxAttempts: 1 });
      const job = await store.jobs.claim(queued.id, "owner");
      expect(job?.status).toBe("running");
      expect(await store.jobs.claim(queued.id, "thief")).toBeUndefined();
      expect(await store.jobs.reportProgress(queued.id, "thief", { stage: "decode", progress: 0.5 })).toBe(false);
      expect(await store.jobs.reportProgress(queued.id, "owner", { stage: "decode", progress: 0.25 })).toBe(true);
      expect(await store.jobs.get(queued.id)).toMatchObject({ stage: "decode", progress: 0.25 });
      const cancelled = await store.jobs.cancel(queued.id, { code: "CANCELLED", message: "cancelled by a user" });
      expect(cancelled).toMatchObject({ status: "cancelled", error: { code: "CANCELLED" } });
      expect(await store.jobs.heartbeat(queued.id, "owner")).toBe(false);
      expect(await store.jobs.finish(queued.id, "owner", { status: "completed", output: { late: true } })).toBe(false);
      expect((await store.jobs.get(queued.id))?.status).toBe("cancelled");
      expect(await store.jobs.cancel(queued.id, { code: "CANCELLED", message: "again" })).toBeUndefined();
    });

    it("re-queues an interrupted attempt while attempts remain, then fails it", async () => {
      const queued = await store.jobs.insert({ kind: "analysis", payload: {}, maxAttempts: 2 });
      const interruption = { code: "WORKER_EXITED", message: "worker exited with code 1" };
      await store.jobs.claim(queued.id, "w");
      expect(await store.jobs.finish(queued.id, "w", { status: "interrupted", error: interruption })).toBe(true);
      expect(await store.jobs.get(queued.id)).toMatchObject({ status: "queued", attempts: 1, workerId: null });
      await store.jobs.claim(queued.id, "w2");
      expect(await store.jobs.finish(queued.id, "w2", { status: "interrupted", error: interruption })).toBe(true);
      expect(await store.jobs.get(queued.id)).toMatchObject({
        status: "failed",
        attempts: 2,
        error: interruption,
      });
      const retried = await store.jobs.requeue(queued.id);
      expect(retried).toMatchObject({ status: "queued", attempts: 0, error: null, progress: 0 });
      expect(await store.jobs.requeue(queued.id)).toBeUndefined();
    });

    it("recovers running jobs of dead workers: re-queued, or failed INTERRUPTED without attempts left", async () => {
      const again = await store.jobs.insert({ kind: "analysis", payload: {}, maxAttempts: 2 });
      const last = await store.jobs.insert({ kind: "analysis", payload: {}, maxAttempts: 1 });
      const alive = await store.jobs.insert({ kind: "analysis", payload: {}, maxAttempts: 1 });
      await store.jobs.claim(again.id, "dead-worker");
      await store.jobs.claim(last.id, "dead-worker");
      await store.jobs.claim(alive.id, "live-worker");
      const report = await store.jobs.recoverAbandoned((workerId) => workerId === "dead-worker");
      expect(report.requeued).toEqual([again.id]);
      expect(report.failed).toEqual([last.id]);
      expect((await store.jobs.get(again.id))?.status).toBe("queued");
      const failed = await store.jobs.get(last.id);
      expect(failed?.status).toBe("failed");
      expect(failed?.error?.code).toBe("INTERRUPTED");
      expect(failed?.error?.message).toMatch(/dead-worker.*attempt 1 of 1/);
      expect((await store.jobs.get(alive.id))?.status).toBe("running");
      await store.jobs.finish(alive.id, "live-worker", { status: "failed", error: { code: "X", message: "x" } });
    });

    it("lists newest first with filters, pages and totals, and counts by status", async () => {
      const page = await store.jobs.list({ kind: "transcription", limit: 5, offset: 2 });
      expect(page.total).toBe(12);
      expect(page.items).toHaveLength(5);
      const all = await store.jobs.list({ kind: "transcription", limit: 500 });
      expect(page.items.map((job) => job.id)).toEqual(all.items.slice(2, 7).map((job) => job.id));
      const created = all.items.map((job) => job.createdAt);
      expect([...created].sort().reverse()).toEqual(created);
      const counts = await store.jobs.countByStatus();
      expect(counts.running).toBe(12);
      expect(counts.queued + counts.running + counts.failed + counts.cancelled + counts.completed).toBe(
        (await store.jobs.list({ limit: 500 })).total,
      );
      await expect(store.jobs.list({ limit: 501 })).rejects.toMatchObject({ code: "INVALID_OPTION" });
      await expect(store.jobs.list({ offset: -1 })).rejects.toMatchObject({ code: "INVALID_OPTION" });
    });
  });

  describe("completion", () => {
    it("stores a job's output in the same transaction, or not at all", async () => {
      let failNext = true;
      const completing = await openStore({
        ...testDatabase.options,
        onJobCompleted: async (transaction, job, output) => {
          await completing.results.save(
            {
              analysisId: job.analysisId!,
              report: REPORT,
              mastering: MASTERING,
              featureVector: [1, ...new Array(127).fill(0)],
            },
            transaction,
          );
          if (failNext) {
            failNext = false;
            throw new Error("disk full");
          }
          return { stored: output };
        },
      });
      try {
        const { job, analysis } = await newAnalysis("Song (final).wav", "mastering");
        await completing.jobs.claim(job.id, "w");
        await expect(completing.jobs.finish(job.id, "w", { status: "completed", output: 1 })).rejects.toThrow(
          "disk full",
        );
        expect((await completing.jobs.get(job.id))?.status).toBe("running");
        expect(await completing.results.get(analysis.id)).toBeUndefined();
        expect(await completing.results.bandMetrics(analysis.id)).toEqual([]);

        expect(await completing.jobs.finish(job.id, "w", { status: "completed", output: 2 })).toBe(true);
        const done = await completing.jobs.get(job.id);
        expect(done).toMatchObject({ status: "completed", progress: 1, result: { stored: 2 } });
        const result = await completing.results.get(analysis.id);
        expect(result?.report).toEqual(REPORT);
        expect(result?.mastering).toEqual(MASTERING);
        expect(result?.featureVector?.length).toBe(128);
        expect(result?.featureVector?.[0]).toBe(1);
        const bands = await completing.results.bandMetrics(analysis.id);
        expect(bands.map((band) => band.name)).toEqual(["low", "low_mid", "mid", "high_mid", "high"]);
        expect(bands[2]).toMatchObject({ low_hz: 500, high_hz: 2000, rms_dbfs: -22, rolloff_hz: null });
        const findings = await completing.results.recommendations(analysis.id);
        expect(findings.map((finding) => [finding.area, finding.severity])).toEqual([
          ["loudness", "major"],
          ["band:low", "minor"],
        ]);

        expect(await store.analyses.remove(analysis.id)).toBe(true);
        expect(await completing.results.get(analysis.id)).toBeUndefined();
        expect(await completing.results.bandMetrics(analysis.id)).toEqual([]);
        expect(await completing.results.recommendations(analysis.id)).toEqual([]);
      } finally {
        await completing.close();
      }
    });
  });

  describe("analyses", () => {
    it("lists newest first, filtered by job status, kind and a literal file-name substring", async () => {
      const a = await newAnalysis("100% Pure_Love.flac");
      const b = await newAnalysis("100 Pure Love.flac", "mastering");
      const c = await newAnalysis("other.mp3");
      await store.jobs.claim(c.job.id, "w");

      const byName = await store.analyses.list({ fileName: "100% pure_" });
      expect(byName.items.map((item) => item.id)).toEqual([a.analysis.id]);
      expect(byName.total).toBe(1);
      const pure = await store.analyses.list({ fileName: "PURE" });
      expect(pure.items.map((item) => item.id)).toEqual([b.analysis.id, a.analysis.id]);
      expect((await store.analyses.list({ kind: "mastering", fileName: "pure" })).items).toHaveLength(1);
      const running = await store.analyses.list({ status: "running" });
      expect(running.items.map((item) => item.id)).toEqual([c.analysis.id]);
      const paged = await store.analyses.list({ limit: 1, offset: 1 });
      expect(paged.items).toHaveLength(1);
      expect(paged.total).toBeGreaterThanOrEqual(3);

      const stored = await store.analyses.get(a.analysis.id);
      expect(stored).toMatchObject({ fileName: "100% Pure_Love.flac", owned: false, analyses: ["rhythm", "tonal"] });
      expect(await store.analyses.get(randomUUID())).toBeUndefined();
    });
  });

  describe("reference tracks", () => {
    it("adds, lists by genre ignoring case, fingerprints changes and outlives its analysis", async () => {
      const { analysis } = await newAnalysis("ref.wav", "mastering");
      const before = await store.references.fingerprint();
      const vector = Array.from({ length: 128 }, (_, index) => (index === 3 ? 1 : 0));
      const techno = await store.references.insert({
        name: "Track A",
        artist: "Someone",
        genre: "Techno",
        year: 1999,
        analysisId: analysis.id,
        vector,
        vectorVersion: 1,
      });
      await store.references.insert({
        name: "Track B",
        artist: null,
        genre: "House",
        year: null,
        analysisId: null,
        vector,
        vectorVersion: 1,
      });
      const afterAdd = await store.references.fingerprint();
      expect(afterAdd).not.toBe(before);
      expect((await store.references.list({ genre: "  TECHNO " })).map((reference) => reference.name)).toEqual([
        "Track A",
      ]);
      expect((await store.references.list()).map((reference) => reference.name)).toEqual(["Track A", "Track B"]);
      const withVectors = await store.references.listWithVectors();
      expect(withVectors[0]!.vector[3]).toBe(1);
      expect(withVectors[0]!.year).toBe(1999);

      await store.analyses.remove(analysis.id);
      expect((await store.references.getMany([techno.id])).get(techno.id)?.analysisId).toBeNull();
      expect(await store.references.remove(techno.id)).toBe(true);
      expect(await store.references.remove(techno.id)).toBe(false);
      expect(await store.references.fingerprint()).not.toBe(afterAdd);
    });
  });

  describe("settings", () => {
    it("keeps JSON values by key", async () => {
      expect(await store.settings.get("missing")).toBeUndefined();
      await store.settings.set("theme", "dark");
      await store.settings.set("limits", { uploads: 3 });
      await store.settings.set("theme", "light");
      expect(await store.settings.get("theme")).toBe("light");
      expect(await store.settings.all()).toEqual({ limits: { uploads: 3 }, theme: "light" });
      expect(await store.settings.remove("theme")).toBe(true);
      expect(await store.settings.get("theme")).toBeUndefined();
    });
  });
});
