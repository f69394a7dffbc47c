/**
 * The Audio Mastering Tool's progress WebSocket (/ws/progress/{analysis_id}) with a real
 * WebSocket client (`ws`) over the real service, on SQLite and on PostgreSQL: the messages
 * frontend/src/hooks/useAnalysisProgress.ts reads (dennisdubs6-creator/audio-mastering-tool),
 * while a worker thread really analyses a synthesised WAV (held back by the gated worker until
 * the socket is open), then the closes and the release of every watch. Keys, origins and
 * refusals are HTTP matters and are checked on SQLite only.
 */
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../store/test-helpers/test-databases.js";
import { audioForm, corruptWav, readJson, toneWav } from "./test-helpers/audio.js";
import { startTestServer, type TestServer, waitForAnalysis } from "./test-helpers/test-server.js";
import { openSocket, refusedStatus } from "./test-helpers/web-socket.js";

interface Uploaded {
  readonly analysisId: string;
  readonly jobId: string;
}

async function upload(server: TestServer, bytes: Uint8Array<ArrayBuffer> = toneWav(2)): Promise<Uploaded> {
  const response = await fetch(`${server.base}/api/analyze`, { method: "POST", body: audioForm(bytes, "track.wav") });
  expect(response.status).toBe(200);
  const analysisId: string = (await readJson(response)).analysis_id;
  return { analysisId, jobId: (await server.service.getAnalysis(analysisId))!.job.id };
}

const socketUrl = (server: TestServer, analysisId: string, query = "") =>
  `${server.base.replace(/^http/, "ws")}/ws/progress/${analysisId}${query}`;

describe.each(TEST_DIALECTS)("GET /ws/progress/:analysis_id on %s", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { dialect, gated: true, sseHeartbeatMs: 20 });
  });
  afterAll(async () => server?.close());

  it("sends band_progress with the stage and percentage, then complete, and closes with 1000", async () => {
    const { analysisId, jobId } = await upload(server);
    const socket = await openSocket(socketUrl(server, analysisId));
    await server.until(() => server.openWatches(jobId) === 1 && socket.messages.length > 0 && socket.pings > 0);
    await server.release(jobId);
    expect(await socket.closed).toEqual({ code: 1000, reason: "analysis finished" });

    const messages = socket.messages as Record<string, unknown>[];
    expect(messages.at(-1)).toEqual({ type: "complete", analysis_id: analysisId, progress: 100, status: "completed" });
    const progress = messages.slice(0, -1);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    for (const message of progress) {
      expect(message).toEqual({
        type: "band_progress",
        analysis_id: analysisId,
        band: expect.any(String),
        progress: expect.any(Number),
        status: expect.stringMatching(/^(queued|running)$/),
      });
      expect(Number.isInteger(message.progress) && (message.progress as number) <= 100).toBe(true);
    }
    const running = progress.filter((message) => message.status === "running");
    expect(running.map((message) => message.band)).toContain("decode");
    const percentages = running.map((message) => message.progress as number);
    expect([...percentages].sort((a, b) => a - b)).toEqual(percentages);
    await server.until(() => server.openWatches(jobId) === 0);
  });

  it("sends error with the reason (and no status, which the client would show instead) for a failed job", async () => {
    const { analysisId, jobId } = await upload(server, corruptWav());
    const socket = await openSocket(socketUrl(server, analysisId));
    await server.until(() => server.openWatches(jobId) === 1);
    await server.release(jobId);
    expect((await socket.closed).code).toBe(1000);
    expect(socket.messages.at(-1)).toEqual({
      type: "error",
      analysis_id: analysisId,
      message: expect.stringMatching(/damaged WAV/),
    });
    await server.until(() => server.openWatches(jobId) === 0);
  });

  it("completes at once for a finished analysis; answers an unknown one with Analysis not found", async () => {
    const { analysisId, jobId } = await upload(server);
    await server.release(jobId);
    await waitForAnalysis(server, analysisId);
    const finished = await openSocket(socketUrl(server, analysisId));
    expect((await finished.closed).code).toBe(1000);
    expect(finished.messages).toEqual([
      { type: "complete", analysis_id: analysisId, progress: 100, status: "completed" },
    ]);
    expect(server.openWatches(jobId)).toBe(0);

    const unknownId = crypto.randomUUID();
    const unknown = await openSocket(socketUrl(server, unknownId));
    expect(await unknown.closed).toEqual({ code: 1000, reason: "analysis not found" });
    expect(unknown.messages).toEqual([{ type: "error", analysis_id: unknownId, message: "Analysis not found" }]);
  });

  it("releases the watch when the client leaves", async () => {
    const { analysisId, jobId } = await upload(server);
    const socket = await openSocket(socketUrl(server, analysisId));
    await server.until(() => server.openWatches(jobId) === 1 && socket.messages.length > 0);
    socket.close(1000, "Client disconnecting");
    await socket.closed;
    await server.until(() => server.openWatches(jobId) === 0);
    await server.release(jobId);
    expect(await waitForAnalysis(server, analysisId)).toBe("completed");
  });

  it("ends with error when the analysis is deleted while the socket is open", async () => {
    const { analysisId, jobId } = await upload(server);
    const socket = await openSocket(socketUrl(server, analysisId));
    await server.until(() => server.openWatches(jobId) === 1);
    expect((await fetch(`${server.base}/api/analyses/${analysisId}`, { method: "DELETE" })).status).toBe(204);
    expect((await socket.closed).code).toBe(1000);
    expect(socket.messages.at(-1)).toMatchObject({ type: "error", analysis_id: analysisId });
    await server.until(() => server.openWatches(jobId) === 0);
  });
});

describe("GET /ws/progress/:analysis_id over HTTP", () => {
  const KEY = `${"k".repeat(16)}-socket-key`;
  let server: TestServer;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    server = await startTestServer(
      { apiKeys: [KEY], corsOrigins: ["https://app.example"] },
      { runJobs: false, logger: pino({ level: "info" }, sink) },
    );
  });
  afterAll(async () => server?.close());

  async function queued(): Promise<Uploaded> {
    const response = await fetch(`${server.base}/api/analyze`, {
      method: "POST",
      headers: { "x-api-key": KEY },
      body: audioForm(toneWav(2), "track.wav"),
    });
    const analysisId: string = (await readJson(response)).analysis_id;
    return { analysisId, jobId: (await server.service.getAnalysis(analysisId))!.job.id };
  }

  it("requires the API key: a header, or ?api_key= since browsers cannot send headers; never logs it", async () => {
    const { analysisId, jobId } = await queued();
    expect(await refusedStatus(socketUrl(server, analysisId))).toBe(401);
    expect(await refusedStatus(socketUrl(server, analysisId, "?api_key=not-the-key"))).toBe(401);
    expect(server.openWatches(jobId)).toBe(0);

    const byQuery = await openSocket(socketUrl(server, analysisId, `?api_key=${KEY}`));
    await server.until(() => byQuery.messages.length === 1);
    expect(byQuery.messages).toEqual([
      { type: "band_progress", analysis_id: analysisId, band: "queued", progress: 0, status: "queued" },
    ]);
    const byHeader = await openSocket(socketUrl(server, analysisId), { "x-api-key": KEY });
    await server.until(() => byHeader.messages.length === 1 && server.openWatches(jobId) === 2);
    byQuery.close(1000);
    byHeader.close(1000);
    await server.until(() => server.openWatches(jobId) === 0);

    // Only the WebSocket route takes the key from the URL.
    expect((await fetch(`${server.base}/api/analyses?api_key=${KEY}`)).status).toBe(401);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("")).not.toContain(KEY);
    expect(lines.join("")).toContain("api_key=[REDACTED]");
  });

  it("refuses origins that are not allowed (403), ids that are not UUIDs (400) and plain GETs (404)", async () => {
    const { analysisId } = await queued();
    const auth = { "x-api-key": KEY };
    expect(await refusedStatus(socketUrl(server, analysisId), { ...auth, origin: "https://evil.example" })).toBe(403);
    const allowed = await openSocket(socketUrl(server, analysisId), { ...auth, origin: "https://app.example" });
    await server.until(() => allowed.messages.length === 1);
    allowed.close(1000);
    expect(await refusedStatus(socketUrl(server, "..%2F..%2Fetc"), auth)).toBe(400);
    expect((await fetch(`${server.base}/ws/progress/${analysisId}`, { headers: auth })).status).toBe(404);
  });

  it("refuses upgrades without a key (401) or past the rate limit (429); refused sockets never hold the server open", async () => {
    const limited = await startTestServer({ apiKeys: [KEY], rateLimitPerMinute: 1 }, { runJobs: false });
    try {
      const id = crypto.randomUUID();
      const url = socketUrl(limited, id, `?api_key=${KEY}`);
      expect(await refusedStatus(socketUrl(limited, id))).toBe(401);
      const first = await openSocket(url);
      await first.closed;
      expect(first.messages).toEqual([{ type: "error", analysis_id: id, message: "Analysis not found" }]);
      expect(await refusedStatus(url)).toBe(429);
    } finally {
      // Never returns if a refused upgrade's socket was left open (the plugin must see upgrades before the checks).
      await limited.close();
    }
  });

  // After the refusals above (401, 403, 400), whose sockets must not keep the server from closing.
  it("closes open sockets with 1001 when the server shuts down, releasing their watches", async () => {
    const { analysisId, jobId } = await queued();
    const socket = await openSocket(socketUrl(server, analysisId), { "x-api-key": KEY });
    await server.until(() => server.openWatches(jobId) === 1);
    await server.app.close();
    expect((await socket.closed).code).toBe(1001);
    expect(server.openWatches(jobId)).toBe(0);
  });
});
