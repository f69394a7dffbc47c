/**
 * Server-sent job events over the real service, on SQLite and on PostgreSQL: the progress a
 * worker thread really reports while it analyses a synthesised WAV, a real decoding failure,
 * and the release of every watch. Jobs wait for the test's release (gated worker), so the
 * stream is open before the job starts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../store/test-helpers/test-databases.js";
import { audioForm, corruptWav, readJson, toneWav } from "./test-helpers/audio.js";
import { readEvents } from "./test-helpers/sse.js";
import { startTestServer, type TestServer, waitForAnalysis } from "./test-helpers/test-server.js";

async function submit(server: TestServer, bytes: Uint8Array<ArrayBuffer> = toneWav(2)) {
  const response = await fetch(`${server.base}/api/analyses`, { method: "POST", body: audioForm(bytes, "a.wav") });
  expect(response.status).toBe(202);
  return readJson(response);
}

describe.each(TEST_DIALECTS)("GET /api/analyses/:id/events on %s", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { dialect, gated: true, sseHeartbeatMs: 20 });
  });
  afterAll(async () => server?.close());

  it("streams progress with stage and percentage, then done, and closes", async () => {
    const created = await submit(server);
    const jobId = created.job.id;
    const response = await fetch(`${server.base}/api/analyses/${created.id}/events`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    const comments: string[] = [];
    const reading = readEvents(response, undefined, (comment) => comments.push(comment));
    await server.until(() => server.openWatches(jobId) === 1);
    await server.until(() => comments.includes("heartbeat"));
    await server.release(jobId);
    const events = await reading;

    expect(events.at(-1)!.event).toBe("done");
    expect(JSON.parse(events.at(-1)!.data)).toMatchObject({ jobId, status: "completed", progress: 1 });
    const progress = events.slice(0, -1).map((event) => {
      expect(event.event).toBe("progress");
      return JSON.parse(event.data);
    });
    const running = progress.filter((data) => data.status === "running");
    expect(running.map((data) => data.stage)).toContain("decode");
    const percentages = running.map((data) => data.percentage);
    expect([...percentages].sort((a, b) => a - b)).toEqual(percentages);
    for (const data of running) expect(data.percentage).toBe(Math.round(data.progress * 100));
    await server.until(() => server.openWatches(jobId) === 0);
  });

  it("sends failed with the job's error for audio that cannot be decoded", async () => {
    const created = await submit(server, corruptWav());
    const reading = readEvents(await fetch(`${server.base}/api/analyses/${created.id}/events`));
    await server.until(() => server.openWatches(created.job.id) === 1);
    await server.release(created.job.id);
    const events = await reading;
    expect(events.at(-1)!.event).toBe("failed");
    expect(JSON.parse(events.at(-1)!.data)).toMatchObject({
      status: "failed",
      error: { code: "CORRUPT_AUDIO", message: expect.stringMatching(/damaged WAV/) },
    });
    await server.until(() => server.openWatches(created.job.id) === 0);
  });

  it("ends at once for a finished job, and releases the watch when the client leaves", async () => {
    const finished = await submit(server);
    await server.release(finished.job.id);
    await waitForAnalysis(server, finished.id);
    const events = await readEvents(await fetch(`${server.base}/api/analyses/${finished.id}/events`));
    expect(events.map((event) => event.event)).toEqual(["done"]);
    expect(server.openWatches(finished.job.id)).toBe(0);

    const held = await submit(server);
    const abort = new AbortController();
    const response = await fetch(`${server.base}/api/analyses/${held.id}/events`, { signal: abort.signal });
    await readEvents(response, (event) => event.event === "progress");
    expect(server.openWatches(held.job.id)).toBe(1);
    abort.abort();
    await server.until(() => server.openWatches(held.job.id) === 0);
    await server.release(held.job.id);
    await waitForAnalysis(server, held.id);
  });

  it("ends with failed when the analysis is deleted while the stream is open", async () => {
    const created = await submit(server);
    const reading = readEvents(await fetch(`${server.base}/api/analyses/${created.id}/events`));
    await server.until(() => server.openWatches(created.job.id) === 1);
    expect((await fetch(`${server.base}/api/analyses/${created.id}`, { method: "DELETE" })).status).toBe(204);
    const events = await reading;
    expect(events.at(-1)!.event).toBe("failed");
    expect(JSON.parse(events.at(-1)!.data).error.code).toBe("CANCELLED");
    await server.until(() => server.openWatches(created.job.id) === 0);
  });

  it("is 404 for an unknown analysis", async () => {
    const response = await fetch(`${server.base}/api/analyses/${crypto.randomUUID()}/events`);
    expect(response.status).toBe(404);
    expect((await readJson(response)).error.code).toBe("NOT_FOUND");
  });
});

describe("GET /api/analyses/:id/events without local jobs", () => {
  it("ends with failed when a queued analysis is deleted (no job runs in this process)", async () => {
    // runJobs: false, as `tonearm jobs` or a server beside `tonearm worker`s: the watch polls the database.
    const server = await startTestServer({}, { runJobs: false });
    try {
      const created = await submit(server);
      const reading = readEvents(await fetch(`${server.base}/api/analyses/${created.id}/events`));
      await server.until(() => server.openWatches(created.job.id) === 1);
      expect((await fetch(`${server.base}/api/analyses/${created.id}`, { method: "DELETE" })).status).toBe(204);
      const events = await reading;
      expect(events.map((event) => event.event)).toEqual(["progress", "failed"]);
      expect(JSON.parse(events[1]!.data)).toMatchObject({ status: "cancelled", error: { code: "CANCELLED" } });
      await server.until(() => server.openWatches(created.job.id) === 0);
    } finally {
      await server.close();
    }
  });

  it("closes open streams when the server shuts down", async () => {
    // Nothing runs here (runJobs: false): the job stays queued while the server closes.
    const server = await startTestServer({}, { runJobs: false });
    try {
      const created = await submit(server);
      const reading = readEvents(await fetch(`${server.base}/api/analyses/${created.id}/events`));
      await server.until(() => server.openWatches(created.job.id) === 1);
      await server.app.close();
      const events = await reading;
      expect(events.map((event) => event.event)).toEqual(["progress"]);
      expect(server.openWatches(created.job.id)).toBe(0);
    } finally {
      await server.close();
    }
  });
});
