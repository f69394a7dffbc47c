/**
 * Jobs, references and similarity over the real service, on SQLite and on PostgreSQL.
 * The job routes are checked where nothing runs (runJobs: false: a job stays queued until
 * the test acts); references are made from mastering analyses a worker thread really ran.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../store/test-helpers/test-databases.js";
import { audioForm, readJson, toneWav } from "./test-helpers/audio.js";
import { startTestServer, type TestServer, waitForAnalysis } from "./test-helpers/test-server.js";

async function submit(server: TestServer, path = "/api/analyses", name = "a.wav") {
  const response = await fetch(`${server.base}${path}`, { method: "POST", body: audioForm(toneWav(2), name) });
  expect(response.status).toBe(202);
  return readJson(response);
}

describe.each(TEST_DIALECTS)("jobs on %s", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { dialect, runJobs: false });
  });
  afterAll(async () => server?.close());

  it("lists, reads, cancels (409 once finished) and retries (409 unless failed or cancelled)", async () => {
    const created = await submit(server);
    const jobId = created.job.id;
    const list = await readJson(await fetch(`${server.base}/api/jobs?kind=analysis&status=queued`));
    expect(list).toMatchObject({ total: 1, offset: 0, limit: 50 });
    expect(list.items.map((job: { id: string }) => job.id)).toEqual([jobId]);
    expect(await readJson(await fetch(`${server.base}/api/jobs/${jobId}`))).toMatchObject({
      id: jobId,
      kind: "analysis",
      status: "queued",
      analysisId: created.id,
      attempts: 0,
    });
    expect((await readJson(await fetch(`${server.base}/api/jobs?kind=mastering`))).total).toBe(0);

    const retryQueued = await fetch(`${server.base}/api/jobs/${jobId}/retry`, { method: "POST" });
    expect(retryQueued.status).toBe(409);
    expect((await readJson(retryQueued)).error.code).toBe("CONFLICT");

    const cancelled = await fetch(`${server.base}/api/jobs/${jobId}/cancel`, { method: "POST" });
    expect(cancelled.status).toBe(200);
    expect(await readJson(cancelled)).toMatchObject({ status: "cancelled", error: { code: "CANCELLED" } });
    expect((await readJson(await fetch(`${server.base}/api/analyses/${created.id}`))).job.status).toBe("cancelled");
    expect((await fetch(`${server.base}/api/jobs/${jobId}/cancel`, { method: "POST" })).status).toBe(409);
    const retried = await fetch(`${server.base}/api/jobs/${jobId}/retry`, { method: "POST" });
    expect(retried.status).toBe(200);
    expect(await readJson(retried)).toMatchObject({ status: "queued", error: null });

    const unknown = crypto.randomUUID();
    expect((await fetch(`${server.base}/api/jobs/${unknown}`)).status).toBe(404);
    expect((await fetch(`${server.base}/api/jobs/${unknown}/cancel`, { method: "POST" })).status).toBe(404);
    expect((await fetch(`${server.base}/api/jobs/${unknown}/retry`, { method: "POST" })).status).toBe(404);
    expect((await fetch(`${server.base}/api/jobs?status=sleeping`)).status).toBe(400);
  });
});

describe.each(TEST_DIALECTS)("references and similarity on %s", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { dialect, gated: true });
  });
  afterAll(async () => server?.close());

  it("makes a reference from a completed mastering analysis and finds similar ones", async () => {
    const created = await submit(server, "/api/mastering", "anthem.wav");
    const json = { "content-type": "application/json" };
    const early = await fetch(`${server.base}/api/references`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ analysis_id: created.id, name: "Too soon" }),
    });
    expect(early.status).toBe(409);
    expect((await readJson(early)).error.code).toBe("CONFLICT");
    await server.release(created.job.id);
    expect(await waitForAnalysis(server, created.id)).toBe("completed");

    const plain = await submit(server);
    await server.release(plain.job.id);
    await waitForAnalysis(server, plain.id);
    const notMastering = await fetch(`${server.base}/api/references`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ analysis_id: plain.id }),
    });
    expect(notMastering.status).toBe(409);

    const added = await fetch(`${server.base}/api/references`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ analysis_id: created.id, name: "Anthem", artist: "DJ Test", genre: "Techno", year: 2021 }),
    });
    expect(added.status).toBe(201);
    const reference = await readJson(added);
    expect(reference).toMatchObject({
      name: "Anthem",
      artist: "DJ Test",
      genre: "Techno",
      year: 2021,
      analysisId: created.id,
    });
    const unnamed = await readJson(
      await fetch(`${server.base}/api/references`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ analysis_id: created.id }),
      }),
    );
    expect(unnamed).toMatchObject({ name: "anthem", genre: null });

    const listed = await readJson(await fetch(`${server.base}/api/references?genre=techno`));
    expect(listed).toEqual([
      expect.objectContaining({ id: reference.id, name: "Anthem", track_name: "Anthem", is_builtin: false }),
    ]);
    expect(await readJson(await fetch(`${server.base}/api/references?genre=jazz`))).toEqual([]);

    const similar = await readJson(await fetch(`${server.base}/api/analyses/${created.id}/similar?top_k=3`));
    expect(similar.items).toHaveLength(2);
    expect(similar.items[0]).toMatchObject({ reference: { analysisId: created.id }, similarity: expect.any(Number) });
    expect(similar.items[0].similarity).toBeCloseTo(1, 4);
    const techno = await readJson(await fetch(`${server.base}/api/analyses/${created.id}/similar?genre=Techno`));
    expect(techno.items.map((item: { reference: { id: string } }) => item.reference.id)).toEqual([reference.id]);
    expect((await fetch(`${server.base}/api/analyses/${created.id}/similar?top_k=0`)).status).toBe(400);
    expect((await fetch(`${server.base}/api/analyses/${plain.id}/similar`)).status).toBe(409);

    const badYear = await fetch(`${server.base}/api/references`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ analysis_id: created.id, year: "last year" }),
    });
    expect(badYear.status).toBe(422);
    const unknown = await fetch(`${server.base}/api/references`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ analysis_id: crypto.randomUUID() }),
    });
    expect(unknown.status).toBe(404);

    expect((await fetch(`${server.base}/api/references/${reference.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await fetch(`${server.base}/api/references/${reference.id}`, { method: "DELETE" })).status).toBe(404);
    // Deleting the analysis keeps the reference made from it.
    expect((await fetch(`${server.base}/api/analyses/${created.id}`, { method: "DELETE" })).status).toBe(204);
    const kept = await readJson(await fetch(`${server.base}/api/references`));
    expect(kept).toEqual([expect.objectContaining({ id: unnamed.id, analysisId: null })]);
  });
});
