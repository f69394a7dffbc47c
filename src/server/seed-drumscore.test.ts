/**
 * DrumScore's clients against tonearm over the real service, on SQLite and on PostgreSQL:
 * requests as groovesheet/groovesheet-be API.md's Python and JavaScript examples send them
 * (multipart `audio_file`, polling /api/v1/status/{job_id}, downloads), assertions on the
 * fields those clients read. To see every state of DrumScore's status at will, the
 * transcription jobs here are put in the database by a peer process's store (as a `tonearm
 * worker` does: insert, claim, report progress, finish); the server itself runs no jobs. The
 * real flow (upload, transcription, downloads) is in transcriptions.test.ts.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../store/open-store.js";
import { TEST_DIALECTS } from "../store/test-helpers/test-databases.js";
import { audioForm, readJson, toneWav } from "./test-helpers/audio.js";
import { startTestServer, type TestServer } from "./test-helpers/test-server.js";

const PEER = "peer-transcriber";

describe.each(TEST_DIALECTS)("DrumScore on %s", (dialect) => {
  let server: TestServer;
  let peer: Store;
  beforeAll(async () => {
    server = await startTestServer({}, { dialect, runJobs: false });
    peer = await openStore({
      postgresUrl: server.config.databaseUrl,
      sqliteFile: join(server.config.home, "tonearm.db"),
      postgresSchema: server.postgresSchema,
    });
  });
  afterAll(async () => {
    await peer?.close();
    await server?.close();
  });

  async function transcriptionJob(progress?: { stage: string; progress: number }, finish?: "completed" | "failed") {
    const job = await peer.jobs.insert({ kind: "transcription", payload: { audioPath: "/x.wav" }, maxAttempts: 1 });
    if (progress === undefined && finish === undefined) return job.id;
    await peer.jobs.claim(job.id, PEER);
    if (progress) await peer.jobs.reportProgress(job.id, PEER, progress);
    if (finish === "completed") await peer.jobs.finish(job.id, PEER, { status: "completed", output: null });
    if (finish === "failed") {
      await peer.jobs.finish(job.id, PEER, { status: "failed", error: { code: "CORRUPT_AUDIO", message: "bad" } });
    }
    return job.id;
  }

  it("GET /api/v1/health and /api/v1/ready", async () => {
    const health = await readJson(await fetch(`${server.base}/api/v1/health`));
    expect(health).toEqual({
      status: "healthy",
      version: expect.any(String),
      models_loaded: true,
      gpu_available: false,
      timestamp: expect.any(String),
    });
    const ready = await fetch(`${server.base}/api/v1/ready`);
    const checks = await server.service.readiness();
    if (checks.every((check) => check.ok)) {
      expect(ready.status).toBe(200);
      expect(await readJson(ready)).toEqual({ status: "ready" });
    } else {
      // No ffmpeg on this machine: the decoder check fails and DrumScore's answer says so.
      expect(ready.status).toBe(503);
    }
  });

  it("status and downloads: 404 for unknown ids, DrumScore's fields for transcription jobs", async () => {
    for (const id of [crypto.randomUUID(), "abc123-def456"]) {
      const status = await fetch(`${server.base}/api/v1/status/${id}`);
      expect(status.status).toBe(404);
      expect((await readJson(status)).detail).toBe(`Job ${id} not found`);
      expect((await fetch(`${server.base}/api/v1/download/${id}/pdf`)).status).toBe(404);
    }
    const pending = await transcriptionJob();
    expect(await readJson(await fetch(`${server.base}/api/v1/status/${pending}`))).toMatchObject({
      job_id: pending,
      status: "pending",
      progress: 0,
    });
    const running = await transcriptionJob({ stage: "separate", progress: 0.3 });
    const status = await readJson(await fetch(`${server.base}/api/v1/status/${running}`));
    expect(status).toMatchObject({ job_id: running, status: "separating", progress: 30, result_url: null });
    expect((await fetch(`${server.base}/api/v1/download/${running}/midi`)).status).toBe(400);
    const transcribing = await transcriptionJob({ stage: "transcribe", progress: 0.5 });
    expect((await readJson(await fetch(`${server.base}/api/v1/status/${transcribing}`))).status).toBe("transcribing");
    const notation = await transcriptionJob({ stage: "notation", progress: 0.9 });
    expect((await readJson(await fetch(`${server.base}/api/v1/status/${notation}`))).status).toBe("generating_sheet");

    const done = await transcriptionJob(undefined, "completed");
    const finished = await readJson(await fetch(`${server.base}/api/v1/status/${done}`));
    expect(finished).toMatchObject({
      status: "completed",
      progress: 100,
      result_url: `/api/v1/download/${done}/pdf`,
      midi_url: `/api/v1/download/${done}/midi`,
      drum_audio_url: `/api/v1/download/${done}/audio`,
    });
    // A completed job whose files are gone (here: a peer's job that never wrote any).
    const gone = await fetch(`${server.base}/api/v1/download/${done}/audio`);
    expect(gone.status).toBe(404);
    expect((await readJson(gone)).detail).toBe("Audio file not found");
    const failed = await transcriptionJob(undefined, "failed");
    expect(await readJson(await fetch(`${server.base}/api/v1/status/${failed}`))).toMatchObject({
      status: "failed",
      message: "bad",
    });

    const analysis = await readJson(
      await fetch(`${server.base}/api/analyses`, { method: "POST", body: audioForm(toneWav(2), "a.wav") }),
    );
    expect((await fetch(`${server.base}/api/v1/status/${analysis.job.id}`)).status).toBe(404);
  });
});

describe("DrumScore readiness without a decoder", () => {
  it("GET /api/v1/ready answers 503 with DrumScore's detail", async () => {
    const server = await startTestServer({ ffmpegPath: "/nonexistent/ffmpeg" }, { runJobs: false });
    try {
      const response = await fetch(`${server.base}/api/v1/ready`);
      expect(response.status).toBe(503);
      expect((await readJson(response)).detail).toBe("Service not ready");
    } finally {
      await server.close();
    }
  });
});
