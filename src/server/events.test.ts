import { afterEach, describe, expect, it } from "vitest";
import { audioForm, readJson, toneWav } from "./test-helpers/audio.js";
import { readEvents } from "./test-helpers/sse.js";
import { startTestServer, type TestServer } from "./test-helpers/test-server.js";

let server: TestServer;
afterEach(async () => server?.close());

async function submit() {
  const response = await fetch(`${server.base}/api/analyses`, {
    method: "POST",
    body: audioForm(toneWav(0.5), "a.wav"),
  });
  return readJson(response);
}

const until = async (condition: () => boolean) => {
  for (let attempt = 0; attempt < 200 && !condition(); attempt++) await new Promise((done) => setTimeout(done, 5));
};

describe("GET /api/analyses/:id/events", () => {
  it("streams progress with stage and percentage, then done, and closes", async () => {
    server = await startTestServer({}, { sseHeartbeatMs: 20 });
    const created = await submit();
    const jobId = created.job.id;
    const response = await fetch(`${server.base}/api/analyses/${created.id}/events`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    const comments: string[] = [];
    const reading = readEvents(response, undefined, (comment) => comments.push(comment));
    await until(() => server.service.listenerCount(jobId) === 1);
    await new Promise((done) => setTimeout(done, 60));
    server.service.startJob(jobId, "decode", 0.1);
    server.service.startJob(jobId, "rhythm", 0.55);
    await server.service.completeJob(jobId);
    const events = await reading;
    expect(events.map((event) => event.event)).toEqual(["progress", "progress", "progress", "done"]);
    expect(JSON.parse(events[2]!.data)).toMatchObject({ status: "running", stage: "rhythm", percentage: 55 });
    expect(JSON.parse(events[3]!.data)).toMatchObject({ status: "completed", progress: 1 });
    expect(comments).toContain("heartbeat");
    expect(server.service.listenerCount(jobId)).toBe(0);
  });

  it("sends failed for a failed job", async () => {
    server = await startTestServer();
    const created = await submit();
    const response = await fetch(`${server.base}/api/analyses/${created.id}/events`);
    const reading = readEvents(response);
    await until(() => server.service.listenerCount(created.job.id) === 1);
    server.service.failJob(created.job.id, "CORRUPT_AUDIO", "the file is damaged");
    const events = await reading;
    expect(events.at(-1)!.event).toBe("failed");
    expect(JSON.parse(events.at(-1)!.data).error).toEqual({ code: "CORRUPT_AUDIO", message: "the file is damaged" });
  });

  it("ends at once for a finished job and releases the listener when the client leaves", async () => {
    server = await startTestServer();
    const finished = await submit();
    await server.service.completeJob(finished.job.id);
    const events = await readEvents(await fetch(`${server.base}/api/analyses/${finished.id}/events`));
    expect(events.map((event) => event.event)).toEqual(["done"]);
    expect(server.service.listenerCount(finished.job.id)).toBe(0);
    const running = await submit();
    const abort = new AbortController();
    const response = await fetch(`${server.base}/api/analyses/${running.id}/events`, { signal: abort.signal });
    await readEvents(response, (event) => event.event === "progress");
    expect(server.service.listenerCount(running.job.id)).toBe(1);
    abort.abort();
    await until(() => server.service.listenerCount(running.job.id) === 0);
    expect(server.service.listenerCount(running.job.id)).toBe(0);
  });

  it("is 404 for an unknown analysis", async () => {
    server = await startTestServer();
    const response = await fetch(`${server.base}/api/analyses/${crypto.randomUUID()}/events`);
    expect(response.status).toBe(404);
    expect((await readJson(response)).error.code).toBe("NOT_FOUND");
  });

  it("closes open streams when the server shuts down", async () => {
    server = await startTestServer();
    const created = await submit();
    const response = await fetch(`${server.base}/api/analyses/${created.id}/events`);
    const reading = readEvents(response);
    await until(() => server.service.listenerCount(created.job.id) === 1);
    await server.app.close();
    await reading;
    expect(server.service.listenerCount(created.job.id)).toBe(0);
  });
});
