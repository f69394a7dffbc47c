/**
 * The service end to end through openService, on SQLite and on PostgreSQL, with real worker
 * threads decoding and analysing synthesised WAVs: submit → watch (stages, increasing
 * progress, completed) → report; mastering → band metrics and recommendations → references
 * → similarity; a transcription of a broken file fails with its typed error; analyzeNow;
 * delete; request validation; readiness. On SQLite also a real crash: a child process running a job is killed with
 * SIGKILL, and the next openService recovers and completes the job.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TonearmConfig } from "../config/load-config.js";
import { writeWav } from "../io/wav-writer.js";
import {
  createTestDatabase,
  TEST_DIALECTS,
  TEST_POSTGRES_URL,
  type TestDatabase,
} from "../store/test-helpers/test-databases.js";
import { type OpenedTonearmService, openService } from "./open-service.js";
import type { JobEvent } from "./service.js";
import { testConfig } from "./test-helpers/test-config.js";

/** Stereo test signal: tones plus clicks every `clickSeconds`; `bright` adds a high partial. */
async function writeSignal(path: string, seconds: number, clickSeconds: number, bright: boolean): Promise<void> {
  const rate = 44_100;
  const clickEvery = Math.round(clickSeconds * rate);
  const channels = [0, 1].map((channel) => {
    const samples = new Float32Array(seconds * rate);
    for (let i = 0; i < samples.length; i++) {
      const time = i / rate;
      const tone = 0.2 * Math.sin(2 * Math.PI * (110 + 55 * channel) * time);
      const high = bright ? 0.15 * Math.sin(2 * Math.PI * 5_000 * time) : 0;
      samples[i] = tone + high + (i % clickEvery < 48 ? 0.5 : 0);
    }
    return samples;
  });
  await writeWav(path, { channels, sampleRate: rate });
}

describe.each(TEST_DIALECTS)("openService on %s", (dialect) => {
  let testDatabase: TestDatabase;
  let config: TonearmConfig;
  let service: OpenedTonearmService;
  let brightWav: string;
  let darkWav: string;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(dialect);
    const home = join(testDatabase.directory, "home");
    config = testConfig(home, {
      jobs: 2,
      databaseUrl: dialect === "postgres" ? TEST_POSTGRES_URL : null,
    });
    brightWav = join(testDatabase.directory, "bright.wav");
    darkWav = join(testDatabase.directory, "dark.wav");
    await writeSignal(brightWav, 4, 0.5, true);
    await writeSignal(darkWav, 4, 0.75, false);
    service = await openService(config, {
      postgresSchema: testDatabase.options.postgresSchema,
      pollIntervalMs: 100,
      heartbeatMs: 200,
    });
  });
  afterAll(async () => {
    await service?.close();
    await testDatabase?.dispose();
  });

  async function upload(source: string, name: string) {
    const destination = await service.createUploadDestination(name);
    await copyFile(source, destination.path);
    return { path: destination.path, originalName: name, owned: true };
  }

  function watchToEnd(jobId: string): Promise<JobEvent[]> {
    return new Promise((resolve, reject) => {
      const events: JobEvent[] = [];
      const timer = setTimeout(
        () => reject(new Error(`job ${jobId} did not finish: ${JSON.stringify(events)}`)),
        30_000,
      );
      service
        .watchJob(jobId, (event) => {
          events.push(event);
          if (["completed", "failed", "cancelled"].includes(event.status)) {
            clearTimeout(timer);
            resolve(events);
          }
        })
        .catch(reject);
    });
  }

  it("runs a submitted analysis, reporting stages and increasing progress, and stores its report", async () => {
    const submitted = await service.submitAnalysis({
      kind: "analysis",
      audio: await upload(brightWav, "My Song (live).wav"),
      analyses: ["loudness", "rhythm", "key"],
    });
    expect(submitted).toMatchObject({ kind: "analysis", fileName: "My Song (live).wav", report: null });
    expect(submitted.job).toMatchObject({ status: "queued", attempts: 0, analysisId: submitted.id });

    const events = await watchToEnd(submitted.job.id);
    expect(events.at(-1)).toMatchObject({ status: "completed", progress: 1, error: null });
    const running = events.filter((event) => event.status === "running");
    expect(running.length).toBeGreaterThanOrEqual(2);
    const progress = running.map((event) => event.progress);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(running.map((event) => event.stage)).toContain("decode");

    const done = await service.getAnalysis(submitted.id);
    expect(done?.job).toMatchObject({ status: "completed", attempts: 1 });
    expect(done?.report?.audio.durationSeconds).toBeCloseTo(4, 2);
    expect(Object.keys(done?.report?.analyses ?? {})).toEqual(expect.arrayContaining(["loudness", "rhythm", "key"]));
    expect(done?.mastering).toBeNull();
    // The report names the upload as the client did, never by its stored path.
    expect(done?.report?.source.path).toBe("My Song (live).wav");
    const tempo = done?.report?.analyses.rhythm?.tempoBpm;
    expect(tempo).toBeGreaterThan(115);
    expect(tempo).toBeLessThan(125);
  });

  it("masters, stores band metrics and recommendations, and finds similar references", async () => {
    const bright = await service.analyzeNow({
      kind: "mastering",
      audio: { path: brightWav, originalName: "bright.wav", owned: false },
      genre: "techno",
      level: "prescriptive",
    });
    expect(bright.job.status).toBe("completed");
    expect(bright.report).toBeNull();
    expect(bright.mastering?.target.id).toBe("techno");
    expect(bright.mastering?.recommendations.level).toBe("prescriptive");
    expect(bright.mastering?.report.analyses.mastering?.bands).toHaveLength(5);

    const dark = await service.analyzeNow({
      kind: "mastering",
      audio: { path: darkWav, originalName: "dark.wav", owned: false },
    });
    expect(dark.mastering?.target.id).toBe("balanced");

    const brightReference = await service.addReferenceFromAnalysis(bright.id, { artist: " Someone ", genre: "Techno" });
    expect(brightReference).toMatchObject({
      name: "bright",
      artist: "Someone",
      genre: "Techno",
      analysisId: bright.id,
    });
    const darkReference = await service.addReferenceFromAnalysis(dark.id, { name: "Dark one", year: 2001 });
    await expect(service.addReferenceFromAnalysis(dark.id, { year: 20 })).rejects.toMatchObject({
      code: "INVALID_OPTION",
    });
    expect((await service.listReferences({ genre: "techno" })).map((reference) => reference.id)).toEqual([
      brightReference.id,
    ]);

    const similar = await service.findSimilar(bright.id);
    expect(similar.map((match) => match.reference.id)).toEqual([brightReference.id, darkReference.id]);
    expect(similar[0]!.similarity).toBeCloseTo(1, 4);
    expect(similar[1]!.similarity).toBeLessThan(similar[0]!.similarity);
    expect(await service.findSimilar(dark.id, { genre: "TECHNO", topK: 1 })).toHaveLength(1);
    await expect(service.findSimilar(dark.id, { topK: 0 })).rejects.toMatchObject({ code: "INVALID_OPTION" });

    expect(await service.removeReference(darkReference.id)).toBe(true);
    expect((await service.findSimilar(bright.id)).map((match) => match.reference.id)).toEqual([brightReference.id]);
    expect(await service.removeReference(darkReference.id)).toBe(false);
  });

  it("names a failed upload as the client did in the job's error", async () => {
    const audio = await upload(brightWav, "Broken Take.wav");
    await writeFile(audio.path, "RIFF\u0000\u0000\u0000\u0000WAVEfmt garbage");
    const submitted = await service.submitAnalysis({ kind: "analysis", audio });
    const events = await watchToEnd(submitted.job.id);
    const error = events.at(-1)?.error;
    expect(error?.code).toMatch(/CORRUPT_AUDIO|UNSUPPORTED_FORMAT|TRUNCATED_AUDIO/);
    expect(error?.message).toContain("Broken Take.wav");
    expect(error?.message).not.toContain(basename(audio.path));
  });

  it("fails a transcription of a broken upload with its typed error; it has no files", async () => {
    // (Transcriptions that complete run through the HTTP server in src/server/transcriptions.test.ts.)
    const audio = await upload(brightWav, "Broken Drums.wav");
    await writeFile(audio.path, "RIFF\u0000\u0000\u0000\u0000WAVEfmt garbage");
    const submitted = await service.submitAnalysis({ kind: "transcription", audio });
    expect(submitted).toMatchObject({ kind: "transcription", fileName: "Broken Drums.wav" });
    const events = await watchToEnd(submitted.job.id);
    const error = events.at(-1)?.error;
    expect(error?.code).toMatch(/CORRUPT_AUDIO|UNSUPPORTED_FORMAT|TRUNCATED_AUDIO/);
    expect(error?.message).toContain("Broken Drums.wav");
    await expect(service.transcriptionFile(submitted.id, "pdf")).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(service.transcriptionFile(crypto.randomUUID(), "pdf")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(existsSync(service.dataDirectory.artifactsDirectory(submitted.id))).toBe(false);
  });

  it("lists, cancels, retries and deletes, removing owned audio and keeping references", async () => {
    const audio = await upload(darkWav, "to-delete.wav");
    const analysis = await service.analyzeNow({ kind: "mastering", audio });
    const reference = await service.addReferenceFromAnalysis(analysis.id);

    const listed = await service.listAnalyses({ fileName: "TO-DEL", limit: 10 });
    expect(listed.items.map((item) => item.id)).toEqual([analysis.id]);
    expect(listed.items[0]!.mastering).toBeNull();
    expect((await service.listAnalyses({ kind: "analysis", status: "completed" })).items.length).toBeGreaterThan(0);
    const jobs = await service.listJobs({ status: "completed", limit: 2 });
    expect(jobs.items).toHaveLength(2);
    expect(jobs.total).toBeGreaterThanOrEqual(4);

    await expect(service.cancelJob(analysis.job.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(service.retryJob(analysis.job.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(service.watchJob("00000000-0000-0000-0000-000000000000", () => {})).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    // Watching a finished job: its final state once, and the watch is over.
    const seen: JobEvent[] = [];
    const stop = await service.watchJob(analysis.job.id, (event) => seen.push(event));
    expect(seen).toEqual([expect.objectContaining({ jobId: analysis.job.id, status: "completed", progress: 1 })]);
    stop();

    expect(await service.deleteAnalysis(analysis.id)).toBe(true);
    expect(existsSync(audio.path)).toBe(false);
    expect(await service.getAnalysis(analysis.id)).toBeUndefined();
    expect(await service.getJob(analysis.job.id)).toBeUndefined();
    expect((await service.listReferences()).find((item) => item.id === reference.id)?.analysisId).toBeNull();
    expect(await service.deleteAnalysis(analysis.id)).toBe(false);
  });

  it("refuses bad requests with typed errors before queueing anything", async () => {
    const before = (await service.listJobs()).total;
    const missing = join(testDatabase.directory, "missing.wav");
    await expect(
      service.submitAnalysis({ kind: "analysis", audio: { path: missing, originalName: "m.wav", owned: false } }),
    ).rejects.toMatchObject({ code: "FILE_NOT_FOUND" });
    await expect(
      service.submitAnalysis({ kind: "analysis", audio: { path: brightWav, originalName: "b.wav", owned: true } }),
    ).rejects.toMatchObject({ code: "INVALID_OPTION" });
    await expect(
      service.submitAnalysis({
        kind: "mastering",
        audio: { path: brightWav, originalName: "b.wav", owned: false },
        genre: "polka-metal",
      }),
    ).rejects.toMatchObject({ code: "INVALID_OPTION" });
    await expect(
      service.submitAnalysis({
        kind: "analysis",
        audio: { path: brightWav, originalName: "b.wav", owned: false },
        analyses: ["astrology"],
      }),
    ).rejects.toMatchObject({ code: "INVALID_OPTION" });
    expect((await service.listJobs()).total).toBe(before);
    const plain = (await service.listAnalyses({ kind: "analysis" })).items[0]!;
    await expect(service.findSimilar(plain.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(service.addReferenceFromAnalysis("nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("keeps settings as JSON, refusing malformed keys and values that are not JSON", async () => {
    expect(await service.putSetting("ui.theme", { mode: "dark", accents: [1, 2] })).toEqual({
      key: "ui.theme",
      value: { mode: "dark", accents: [1, 2] },
    });
    // What is stored is the value's JSON: a Date becomes its ISO text, as JSON.stringify says.
    expect((await service.putSetting("sync.at", new Date(0))).value).toBe("1970-01-01T00:00:00.000Z");
    expect(await service.listSettings()).toEqual({
      "sync.at": "1970-01-01T00:00:00.000Z",
      "ui.theme": { mode: "dark", accents: [1, 2] },
    });
    for (const value of [undefined, () => 1, 10n]) {
      await expect(service.putSetting("ui.bad", value)).rejects.toMatchObject({ code: "INVALID_OPTION" });
    }
    await expect(service.putSetting("../etc", 1)).rejects.toMatchObject({ code: "INVALID_OPTION" });
    await expect(service.removeSetting("UI")).rejects.toMatchObject({ code: "INVALID_OPTION" });
    expect(await service.removeSetting("sync.at")).toBe(true);
    expect(await service.removeSetting("sync.at")).toBe(false);
  });

  it("reports readiness of the database, queue and decoder", async () => {
    const checks = await service.readiness();
    expect(checks.map((check) => check.name)).toEqual(["database", "queue", "decoder"]);
    expect(checks[0]).toMatchObject({ ok: true, detail: expect.stringContaining(dialect) });
    expect(checks[1]).toMatchObject({ ok: true, detail: expect.stringMatching(/in-process, \d of 2 workers busy/) });
    expect(typeof checks[2]!.ok).toBe("boolean");
  });
});

describe("restart recovery", () => {
  let testDatabase: TestDatabase;
  beforeAll(async () => {
    testDatabase = await createTestDatabase("sqlite");
  });
  afterAll(() => testDatabase?.dispose());

  it("completes a job whose process was killed mid-run, on the next openService", async () => {
    const home = join(testDatabase.directory, "home");
    const wav = join(testDatabase.directory, "crash.wav");
    await writeSignal(wav, 3, 0.5, true);
    const child = spawn(
      process.execPath,
      ["--import", "tsx", new URL("./test-helpers/crashing-service.ts", import.meta.url).pathname, home, wav],
      { env: { ...process.env, TONEARM_TEST_JOB_HOLD_MS: "60000" }, stdio: ["ignore", "pipe", "inherit"] },
    );
    const running = await new Promise<{ analysisId: string; jobId: string }>((resolve, reject) => {
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const line = output.split("\n").find((candidate) => candidate.startsWith("{"));
        if (line) resolve(JSON.parse(line));
      });
      child.on("exit", (code) => reject(new Error(`the child exited (${code}) before its job ran`)));
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGKILL");
    await exited;

    const service = await openService(testConfig(home), { pollIntervalMs: 100 });
    try {
      const recovered = await service.getJob(running.jobId);
      expect(recovered?.status === "queued" || recovered?.status === "running").toBe(true);
      const done = await service.analyzeNow({
        kind: "analysis",
        audio: { path: wav, originalName: "x.wav", owned: false },
      });
      expect(done.job.status).toBe("completed");
      const finished = await service.getAnalysis(running.analysisId);
      expect(finished?.job).toMatchObject({ status: "completed", attempts: 2 });
      expect(finished?.report?.analyses.loudness).toBeDefined();
    } finally {
      await service.close();
    }
  });
});
