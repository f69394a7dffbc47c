import { afterEach, describe, expect, it } from "vitest";
import { audioForm, readJson, toneWav } from "./test-helpers/audio.js";
import { startTestServer, type TestServer } from "./test-helpers/test-server.js";

let server: TestServer;
afterEach(async () => server?.close());

async function submit(path = "/api/analyses") {
  const response = await fetch(`${server.base}${path}`, { method: "POST", body: audioForm(toneWav(0.5), "a.wav") });
  return readJson(response);
}

describe("jobs", () => {
  it("lists, reads, cancels (409 once finished) and retries (409 unless failed or cancelled)", async () => {
    server = await startTestServer();
    const created = await submit();
    const jobId = created.job.id;
    const list = await readJson(await fetch(`${server.base}/api/jobs?kind=analysis&status=queued`));
    expect(list.items.map((job: { id: string }) => job.id)).toEqual([jobId]);
    expect((await readJson(await fetch(`${server.base}/api/jobs/${jobId}`))).status).toBe("queued");

    const retryQueued = await fetch(`${server.base}/api/jobs/${jobId}/retry`, { method: "POST" });
    expect(retryQueued.status).toBe(409);
    expect((await readJson(retryQueued)).error.code).toBe("CONFLICT");

    const cancelled = await fetch(`${server.base}/api/jobs/${jobId}/cancel`, { method: "POST" });
    expect(cancelled.status).toBe(200);
    expect((await readJson(cancelled)).status).toBe("cancelled");
    expect((await fetch(`${server.base}/api/jobs/${jobId}/cancel`, { method: "POST" })).status).toBe(409);
    const retried = await fetch(`${server.base}/api/jobs/${jobId}/retry`, { method: "POST" });
    expect((await readJson(retried)).status).toBe("queued");

    const unknown = crypto.randomUUID();
    expect((await fetch(`${server.base}/api/jobs/${unknown}`)).status).toBe(404);
    expect((await fetch(`${server.base}/api/jobs/${unknown}/cancel`, { method: "POST" })).status).toBe(404);
    expect((await fetch(`${server.base}/api/jobs?status=sleeping`)).status).toBe(400);
  });
});

describe("references and similarity", () => {
  it("makes a reference from a completed mastering analysis and finds similar ones", async () => {
    server = await startTestServer();
    const created = await submit("/api/mastering");
    const json = { "content-type": "application/json" };
    const early = await fetch(`${server.base}/api/references`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ analysis_id: created.id, name: "Too soon" }),
    });
    expect(early.status).toBe(409);
    await server.service.completeJob(created.job.id);
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

    const listed = await readJson(await fetch(`${server.base}/api/references?genre=techno`));
    expect(listed).toEqual([
      expect.objectContaining({ id: reference.id, name: "Anthem", track_name: "Anthem", is_builtin: false }),
    ]);
    expect(await readJson(await fetch(`${server.base}/api/references?genre=jazz`))).toEqual([]);

    const similar = await readJson(await fetch(`${server.base}/api/analyses/${created.id}/similar?top_k=3`));
    expect(similar.items[0]).toMatchObject({ reference: { id: reference.id }, similarity: expect.any(Number) });
    expect((await fetch(`${server.base}/api/analyses/${created.id}/similar?top_k=0`)).status).toBe(400);

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
  });
});
