/**
 * The tonic routes over real HTTP on the real service (SQLite): a recording of a tanpura-like
 * drone on D3 (146.83 Hz) under a melody is submitted; its tonic is 404 until estimated; PUT
 * sets it by hand (422 outside 20–2000 Hz or with unknown fields); POST /api/tonics/update
 * answers 202 with the job, which completes with its counts (the manual tonic kept), and with
 * force replaces it with an estimate within 20 cents; a second update while one is unfinished
 * is 409; unknown analyses 404, malformed ids 400.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hzToCents } from "../core/pitch/hz-to-cents.js";
import { mix, tanpuraDrone, wanderingMelody } from "../core/pitch/test-helpers/tonic-signals.js";
import { writeWav } from "../io/wav-writer.js";
import { readJson } from "./test-helpers/audio.js";
import { startTestServer, type TestServer } from "./test-helpers/test-server.js";

const SA_HZ = 146.83;
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

describe("tonic routes", () => {
  let server: TestServer;
  let analysisId: string;

  function request(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${server.base}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
  }

  async function finishedJob(jobId: string) {
    let job = await readJson(await request("GET", `/api/jobs/${jobId}`));
    await server.until(async () => {
      job = await readJson(await request("GET", `/api/jobs/${jobId}`));
      return ["completed", "failed", "cancelled"].includes(job.status);
    }, 60_000);
    return job;
  }

  beforeAll(async () => {
    server = await startTestServer();
    const path = join(server.scratch, "raga.wav");
    const samples = mix(tanpuraDrone(SA_HZ, 22_050, 8), wanderingMelody(SA_HZ, 22_050, 8, 7).samples);
    await writeWav(path, { channels: [samples], sampleRate: 22_050 });
    const submitted = await server.service.submitAnalysis({
      kind: "analysis",
      audio: { path, originalName: "raga.wav", owned: false },
      analyses: ["loudness"],
    });
    analysisId = submitted.id;
    await finishedJob(submitted.job.id);
  }, 60_000);

  afterAll(async () => server?.close());

  it("answers 404 before a tonic is stored, and for unknown analyses; 400 for malformed ids", async () => {
    const none = await request("GET", `/api/analyses/${analysisId}/tonic`);
    expect(none.status).toBe(404);
    expect((await readJson(none)).error).toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/no tonic/),
    });
    const unknown = await request("GET", `/api/analyses/${UNKNOWN}/tonic`);
    expect(unknown.status).toBe(404);
    expect((await readJson(unknown)).error.message).toMatch(/no analysis/);
    expect((await request("GET", "/api/analyses/not-a-uuid/tonic")).status).toBe(400);
    expect((await request("PUT", `/api/analyses/${UNKNOWN}/tonic`, { hz: 200 })).status).toBe(404);
  });

  it("sets a tonic by hand, refusing pitches out of range and unknown fields", async () => {
    const put = await request("PUT", `/api/analyses/${analysisId}/tonic`, { hz: 138 });
    expect(put.status).toBe(200);
    const tonic = await readJson(put);
    expect(tonic).toMatchObject({ analysisId, hz: 138, pitchClass: 1, octave: 3, note: "C#3", source: "manual" });
    expect(tonic.confidence).toBeNull();
    expect(tonic.centsOffset).toBeCloseTo(-7.4, 1);
    expect(await readJson(await request("GET", `/api/analyses/${analysisId}/tonic`))).toEqual(tonic);
    for (const body of [{ hz: 5 }, { hz: 3000 }, { hz: "138" }, {}, { hz: 138, source: "estimated" }]) {
      const refused = await request("PUT", `/api/analyses/${analysisId}/tonic`, body);
      expect(refused.status).toBe(422);
      expect((await readJson(refused)).error.code).toBe("VALIDATION_FAILED");
    }
  });

  it("updates all tonics as a job: the manual tonic kept, then replaced with force", async () => {
    const queued = await request("POST", "/api/tonics/update", {});
    expect(queued.status).toBe(202);
    const job = await readJson(queued);
    expect(queued.headers.get("location")).toBe(`/api/jobs/${job.id}`);
    expect(job).toMatchObject({ kind: "tonic-update", status: "queued", result: null });
    const kept = await finishedJob(job.id);
    expect(kept).toMatchObject({
      status: "completed",
      result: { recordings: 1, updated: 0, skipped: { noAudio: 0, manual: 1, existing: 0 }, failed: 0, failures: [] },
    });
    expect((await readJson(await request("GET", `/api/analyses/${analysisId}/tonic`))).source).toBe("manual");

    const forced = await finishedJob((await readJson(await request("POST", "/api/tonics/update", { force: true }))).id);
    expect(forced.result).toMatchObject({ updated: 1 });
    const tonic = await readJson(await request("GET", `/api/analyses/${analysisId}/tonic`));
    expect(tonic).toMatchObject({ source: "estimated", note: "D3", method: "drone+melody" });
    expect(Math.abs(hzToCents(tonic.hz, SA_HZ))).toBeLessThan(20);
    expect(tonic.confidence).toBeGreaterThan(0.3);

    const list = await readJson(await request("GET", "/api/tonics?limit=10"));
    expect(list).toMatchObject({ total: 1, offset: 0, limit: 10 });
    expect(list.items[0]).toMatchObject({ analysisId, fileName: "raga.wav", note: "D3" });
  });

  it("refuses unknown fields in an update (422), and a second update while one is unfinished (409)", async () => {
    const bad = await request("POST", "/api/tonics/update", { onlyMissing: "yes" });
    expect(bad.status).toBe(422);
    const idle = await startTestServer({}, { runJobs: false });
    try {
      const first = await fetch(`${idle.base}/api/tonics/update`, { method: "POST" });
      expect(first.status).toBe(202);
      const second = await fetch(`${idle.base}/api/tonics/update`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ onlyMissing: true }),
      });
      expect(second.status).toBe(409);
      expect((await readJson(second)).error).toMatchObject({
        code: "CONFLICT",
        message: expect.stringMatching(/queued/),
      });
    } finally {
      await idle.close();
    }
  });
});
