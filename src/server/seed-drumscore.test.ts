/**
 * DrumScore's clients against tonearm: requests as groovesheet/groovesheet-be API.md's
 * Python and JavaScript examples send them (multipart `audio_file`, polling
 * /api/v1/status/{job_id}, downloads), assertions on the fields those clients read.
 */
import { afterEach, describe, expect, it } from "vitest";
import { audioForm, readJson, toneWav } from "./test-helpers/audio.js";
import { startTestServer, type TestServer } from "./test-helpers/test-server.js";

let server: TestServer;
afterEach(async () => server?.close());

describe("DrumScore", () => {
  it("GET /api/v1/health and /api/v1/ready", async () => {
    server = await startTestServer();
    const health = await readJson(await fetch(`${server.base}/api/v1/health`));
    expect(health).toEqual({
      status: "healthy",
      version: expect.any(String),
      models_loaded: false,
      gpu_available: false,
      timestamp: expect.any(String),
    });
    expect(await readJson(await fetch(`${server.base}/api/v1/ready`))).toEqual({ status: "ready" });
    server.service.readinessChecks = [{ name: "database", ok: false, detail: "locked" }];
    const notReady = await fetch(`${server.base}/api/v1/ready`);
    expect(notReady.status).toBe(503);
    expect((await readJson(notReady)).detail).toBe("Service not ready");
  });

  it("POST /api/v1/transcribe answers 501 in DrumScore's error shape and creates nothing", async () => {
    server = await startTestServer();
    const response = await fetch(`${server.base}/api/v1/transcribe`, {
      method: "POST",
      body: audioForm(toneWav(0.5), "song.mp3", "audio_file", {}, "audio/mpeg"),
    });
    expect(response.status).toBe(501);
    const body = await readJson(response);
    expect(body).toEqual({
      detail: expect.stringMatching(/not available/),
      error: "NOT_IMPLEMENTED",
      message: body.detail,
    });
    expect(server.uploads()).toEqual([]);
    expect(server.service.received).toEqual([]);
  });

  it("status and downloads: 404 for unknown ids, DrumScore's fields for transcription jobs", async () => {
    server = await startTestServer();
    for (const id of [crypto.randomUUID(), "abc123-def456"]) {
      const status = await fetch(`${server.base}/api/v1/status/${id}`);
      expect(status.status).toBe(404);
      expect((await readJson(status)).detail).toBe(`Job ${id} not found`);
      expect((await fetch(`${server.base}/api/v1/download/${id}/pdf`)).status).toBe(404);
    }
    const running = server.service.addJob("transcription", { status: "running", stage: "separate", progress: 0.3 });
    const status = await readJson(await fetch(`${server.base}/api/v1/status/${running.id}`));
    expect(status).toMatchObject({ job_id: running.id, status: "separating", progress: 30, result_url: null });
    expect((await fetch(`${server.base}/api/v1/download/${running.id}/midi`)).status).toBe(400);

    const done = server.service.addJob("transcription", { status: "completed", progress: 1 });
    const finished = await readJson(await fetch(`${server.base}/api/v1/status/${done.id}`));
    expect(finished).toMatchObject({
      status: "completed",
      progress: 100,
      result_url: `/api/v1/download/${done.id}/pdf`,
      midi_url: `/api/v1/download/${done.id}/midi`,
      drum_audio_url: `/api/v1/download/${done.id}/audio`,
    });
    expect((await fetch(`${server.base}/api/v1/download/${done.id}/audio`)).status).toBe(501);

    const analysisJob = server.service.addJob("analysis");
    expect((await fetch(`${server.base}/api/v1/status/${analysisJob.id}`)).status).toBe(404);
  });
});
