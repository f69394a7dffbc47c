/**
 * The data directory: generated upload names that carry no client text, removal confined to
 * its folders, and the retention sweep (old owned audio, orphan uploads and artifacts go;
 * reports, unowned files and audio of unfinished jobs stay), on both databases.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../analysis/report.js";
import { DataDirectory, safeExtension } from "./data-directory.js";
import { openStore, type Store } from "./open-store.js";
import { sweepRetention } from "./retention-sweep.js";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "./test-helpers/test-databases.js";

describe("safeExtension", () => {
  it.each([
    ["song.MP3", ".mp3"],
    ["archive.tar.flac", ".flac"],
    ["no-extension", ""],
    ["../../etc/passwd", ""],
    ["evil.mp3;rm -rf", ""],
    ["a.verylongextension", ""],
    ["dir/track.wav", ".wav"],
    ["C:\\music\\track.ogg", ".ogg"],
    ["tr\u0000ack.wa\u0000v", ""],
    ["ｓｏｎｇ.ＦＬＡＣ", ".flac"],
  ])("%j → %j", (name, extension) => {
    expect(safeExtension(name)).toBe(extension);
  });
});

describe("DataDirectory", () => {
  let root: string;
  let data: DataDirectory;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "tonearm-data-"));
    data = new DataDirectory(join(root, "data"));
    await data.ensure();
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("creates upload paths from a UUID and the sanitised extension only", async () => {
    const first = await data.createUploadPath("../../My Song (final).MP3");
    const second = await data.createUploadPath("../../My Song (final).MP3");
    expect(dirname(first.path)).toBe(data.uploads);
    expect(first.fileName).toMatch(/^[0-9a-f-]{36}\.mp3$/);
    expect(basename(first.path)).toBe(first.fileName);
    expect(second.path).not.toBe(first.path);
    expect(data.isUploadPath(first.path)).toBe(true);
    expect(data.isUploadPath(join(data.uploads, "..", "x.wav"))).toBe(false);
    expect(data.isUploadPath(data.uploads)).toBe(false);
  });

  it("removes only inside its folders", async () => {
    const { path } = await data.createUploadPath("a.wav");
    await writeFile(path, "x");
    expect(await data.removeUpload(path)).toBe(true);
    expect(existsSync(path)).toBe(false);
    expect(await data.removeUpload(path)).toBe(false);
    const outside = join(root, "keep.wav");
    await writeFile(outside, "x");
    await expect(data.removeUpload(outside)).rejects.toMatchObject({ code: "INVALID_OPTION" });
    await expect(data.removeUpload(join(data.uploads, "..", "keep.wav"))).rejects.toMatchObject({
      code: "INVALID_OPTION",
    });
    expect(existsSync(outside)).toBe(true);
    expect(() => data.artifactsDirectory("../../etc")).toThrow(/UUID/);
    const id = randomUUID();
    const folder = await data.createArtifactsDirectory(id);
    await writeFile(join(folder, "spectrogram.png"), "x");
    expect(await data.removeArtifacts(id)).toBe(true);
    expect(existsSync(folder)).toBe(false);
    expect(await data.removeArtifacts(id)).toBe(false);
  });
});

describe.each(TEST_DIALECTS)("retention sweep on %s", (dialect) => {
  let testDatabase: TestDatabase;
  let store: Store;
  let data: DataDirectory;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(dialect);
    store = await openStore(testDatabase.options);
    data = new DataDirectory(join(testDatabase.directory, "data"));
    await data.ensure();
  });
  afterAll(async () => {
    await store?.close();
    await testDatabase?.dispose();
  });

  async function analysisWithAudio(owned: boolean, finish: boolean) {
    const id = randomUUID();
    const audioPath = owned ? (await data.createUploadPath("x.wav")).path : join(testDatabase.directory, `${id}.wav`);
    await writeFile(audioPath, "RIFF");
    const job = await store.jobs.insert({ kind: "analysis", payload: {}, maxAttempts: 1, analysisId: id });
    await store.analyses.insert({
      id,
      kind: "analysis",
      fileName: "x.wav",
      audioPath,
      owned,
      genre: null,
      level: null,
      analyses: null,
      jobId: job.id,
    });
    if (finish) {
      await store.jobs.claim(job.id, "w");
      await store.jobs.finish(job.id, "w", { status: "completed", output: null });
      await store.results.save({
        analysisId: id,
        report: { analyses: {} } as Report,
        mastering: null,
        featureVector: null,
      });
    }
    return { id, audioPath };
  }

  it("removes old owned audio, orphan uploads and artifacts; keeps reports, unowned and unfinished audio", async () => {
    const finishedOwned = await analysisWithAudio(true, true);
    const unowned = await analysisWithAudio(false, true);
    const unfinished = await analysisWithAudio(true, false);
    const orphan = await data.createUploadPath("orphan.mp3");
    await writeFile(orphan.path, "x");
    const artifacts = await data.createArtifactsDirectory(finishedOwned.id);
    await writeFile(join(artifacts, "a.mid"), "x");
    const fresh = await data.createUploadPath("fresh.mp3");
    await writeFile(fresh.path, "x");

    // Nothing is old yet.
    expect(await sweepRetention(store.analyses, data, { retentionDays: 30 })).toEqual({
      audioRemoved: 0,
      orphanUploadsRemoved: 0,
      artifactDirectoriesRemoved: 0,
    });

    // 31 days later; the fresh upload is touched "now" so it stays young.
    const later = new Date(Date.now() + 31 * 24 * 3600 * 1000);
    await utimes(fresh.path, later, later);
    const report = await sweepRetention(store.analyses, data, { retentionDays: 30, now: later });
    expect(report).toEqual({ audioRemoved: 1, orphanUploadsRemoved: 1, artifactDirectoriesRemoved: 1 });
    expect(existsSync(finishedOwned.audioPath)).toBe(false);
    expect(existsSync(orphan.path)).toBe(false);
    expect(existsSync(artifacts)).toBe(false);
    expect(existsSync(unowned.audioPath)).toBe(true);
    expect(existsSync(unfinished.audioPath)).toBe(true);
    expect(existsSync(fresh.path)).toBe(true);
    expect((await store.analyses.get(finishedOwned.id))?.audioRemovedAt).not.toBeNull();
    expect(await store.results.get(finishedOwned.id)).toBeDefined();

    // A second sweep finds nothing more to do.
    const again = await sweepRetention(store.analyses, data, { retentionDays: 30, now: later });
    expect(again.audioRemoved + again.orphanUploadsRemoved + again.artifactDirectoriesRemoved).toBe(0);
  });
});
