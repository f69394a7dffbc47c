/**
 * TonearmService.ingestFile on SQLite and PostgreSQL (jobs only queued, never run): one job
 * per content however many names it has and however many ingests race for it; an edited file
 * is new; deleting the analysis lets the content come again; an unchanged file is known without
 * being read; bad paths are typed errors.
 */
import { createHash } from "node:crypto";
import { copyFile, readFile, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeWav } from "../io/wav-writer.js";
import {
  createTestDatabase,
  TEST_DIALECTS,
  TEST_POSTGRES_URL,
  type TestDatabase,
} from "../store/test-helpers/test-databases.js";
import { hashFileContent } from "./ingest-content-hash.js";
import { type OpenedTonearmService, openService } from "./open-service.js";
import { testConfig } from "./test-helpers/test-config.js";

function toneWav(hz: number): Uint8Array {
  const rate = 8_000;
  const samples = new Float32Array(rate).map((_, i) => 0.3 * Math.sin((2 * Math.PI * hz * i) / rate));
  return encodeWav({ channels: [samples], sampleRate: rate });
}

describe("hashFileContent", () => {
  it("answers the SHA-256 and size of the whole file, streamed in chunks", async () => {
    const database = await createTestDatabase("sqlite");
    try {
      const path = join(database.directory, "big.bin");
      // 2.5 MiB + 7 bytes: three chunks, the last one short.
      const bytes = Buffer.alloc(2.5 * 1024 * 1024 + 7).map((_, i) => (i * 31) & 0xff);
      await writeFile(path, bytes);
      const hash = await hashFileContent(path);
      expect(hash).toEqual({ sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length });
      await expect(hashFileContent(join(database.directory, "missing.wav"))).rejects.toMatchObject({
        code: "FILE_NOT_FOUND",
      });
    } finally {
      await database.dispose();
    }
  });
});

describe.each(TEST_DIALECTS)("ingestFile on %s", (dialect) => {
  let database: TestDatabase;
  let service: OpenedTonearmService;
  let music: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    music = database.directory;
    const config = testConfig(join(database.directory, "home"), {
      databaseUrl: dialect === "postgres" ? TEST_POSTGRES_URL : null,
    });
    service = await openService(config, { runJobs: false, postgresSchema: database.options.postgresSchema });
  });
  afterAll(async () => {
    await service?.close();
    await database?.dispose();
  });

  it("queues a file once; a copy under another name is a duplicate of it", async () => {
    const original = join(music, "a.wav");
    const copy = join(music, "copy of a.wav");
    await writeFile(original, toneWav(220));
    await copyFile(original, copy);

    const first = await service.ingestFile(original, { analyses: ["loudness"] });
    expect(first).toMatchObject({ status: "queued", path: original, firstPath: original, jobStatus: "queued" });
    expect(first.contentHash).toBe(
      createHash("sha256")
        .update(await readFile(original))
        .digest("hex"),
    );
    const analysis = await service.getAnalysis(first.analysisId);
    expect(analysis).toMatchObject({ kind: "analysis", fileName: "a.wav", job: { id: first.jobId } });

    const again = await service.ingestFile(original);
    expect(again).toMatchObject({ status: "duplicate", analysisId: first.analysisId, jobId: first.jobId });
    const copied = await service.ingestFile(copy);
    expect(copied).toMatchObject({
      status: "duplicate",
      path: copy,
      firstPath: original,
      analysisId: first.analysisId,
      contentHash: first.contentHash,
    });
  });

  it("makes one job of many simultaneous ingests of one content", async () => {
    const paths = [0, 1, 2, 3].map((index) => join(music, `race-${index}.wav`));
    const bytes = toneWav(440);
    for (const path of paths) await writeFile(path, bytes);
    const outcomes = await Promise.all([...paths, ...paths].map((path) => service.ingestFile(path)));
    const queued = outcomes.filter((outcome) => outcome.status === "queued");
    expect(queued).toHaveLength(1);
    expect(new Set(outcomes.map((outcome) => outcome.analysisId))).toEqual(new Set([queued[0]!.analysisId]));
    const listed = await service.listAnalyses({ fileName: "race-", limit: 500 });
    expect(listed.total).toBe(1);
  });

  it("queues an edited file again, and a file whose analysis was deleted", async () => {
    const path = join(music, "edited.wav");
    await writeFile(path, toneWav(330));
    const before = await service.ingestFile(path);
    await writeFile(path, toneWav(331));
    const after = await service.ingestFile(path);
    expect(after.status).toBe("queued");
    expect(after.contentHash).not.toBe(before.contentHash);

    expect(await service.deleteAnalysis(after.analysisId)).toBe(true);
    const readded = await service.ingestFile(path);
    expect(readded.status).toBe("queued");
    expect(readded.analysisId).not.toBe(after.analysisId);
    expect(readded.contentHash).toBe(after.contentHash);
  });

  it("knows an unchanged file by path, size and time without reading it", async () => {
    const path = join(music, "unchanged.wav");
    // A whole second: utimes rounds finer times.
    const time = new Date("2026-01-02T03:04:05Z");
    await writeFile(path, toneWav(550));
    await utimes(path, time, time);
    const first = await service.ingestFile(path);
    // Same size and time but other bytes: only a re-read could tell, and an unchanged file is not re-read.
    await writeFile(path, toneWav(551));
    await utimes(path, time, time);
    expect(await service.ingestFile(path)).toMatchObject({ status: "duplicate", analysisId: first.analysisId });
  });

  it("refuses relative paths, missing files and folders with typed errors", async () => {
    await expect(service.ingestFile("a.wav")).rejects.toMatchObject({ code: "INVALID_OPTION" });
    await expect(service.ingestFile(join(music, "missing.wav"))).rejects.toMatchObject({ code: "FILE_NOT_FOUND" });
    await expect(service.ingestFile(music)).rejects.toMatchObject({ code: "FILE_NOT_FOUND" });
    await expect(service.ingestFile(join(music, "a.wav"), { analyses: ["nonsense"] })).resolves.toMatchObject({
      status: "duplicate",
    });
    await writeFile(join(music, "new.wav"), toneWav(660));
    await expect(service.ingestFile(join(music, "new.wav"), { analyses: ["nonsense"] })).rejects.toMatchObject({
      code: "INVALID_OPTION",
    });
  });
});
