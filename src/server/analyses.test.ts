/**
 * tonearm's own analysis routes over the real service, on SQLite and on PostgreSQL: uploads
 * and allowed-root paths become jobs that a worker thread really runs (held back by the gated
 * worker until the test releases them, so queued and running states can be seen).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../store/test-helpers/test-databases.js";
import { audioForm, readJson, toneWav } from "./test-helpers/audio.js";
import { startTestServer, type TestServer, waitForAnalysis } from "./test-helpers/test-server.js";

describe.each(TEST_DIALECTS)("analysis routes on %s", (dialect) => {
  let server: TestServer;
  let root: string;
  beforeAll(async () => {
    server = await startTestServer((scratch) => ({ allowedRoots: [join(scratch, "music")] }), {
      dialect,
      gated: true,
    });
    root = join(server.scratch, "music");
    mkdirSync(root);
    writeFileSync(join(root, "take.wav"), toneWav(2));
  });
  afterAll(async () => server?.close());

  async function upload(name: string, fields: Record<string, string> = {}, path = "/api/analyses") {
    const response = await fetch(`${server.base}${path}`, {
      method: "POST",
      body: audioForm(toneWav(2), name, "file", fields),
    });
    return { response, body: await readJson(response) };
  }

  async function getAnalysis(id: string) {
    return readJson(await fetch(`${server.base}/api/analyses/${id}`));
  }

  it("streams an upload to <data>/uploads/<uuid>.wav, answers 202 with Location, and runs it", async () => {
    const { response, body: created } = await upload("../../etc/My Song.mp3", { analyses: "rhythm,key" });
    expect(response.status).toBe(202);
    expect(response.headers.get("location")).toBe(`/api/analyses/${created.id}`);
    expect(created).toMatchObject({
      kind: "analysis",
      fileName: "My Song.mp3",
      report: null,
      job: { status: "queued" },
    });
    const request = server.received().at(-1)!;
    // Judged by content: a WAV, whatever the name said; the client's name never reaches the path.
    expect(request.audio.path).toMatch(/[/\\]uploads[/\\][0-9a-f-]{36}\.wav$/);
    expect(request.audio).toMatchObject({ owned: true, originalName: "My Song.mp3" });
    expect(request.analyses).toEqual(["rhythm", "key"]);
    expect(server.uploads()).toContain(basename(request.audio.path));

    const held = await getAnalysis(created.id);
    expect(["queued", "running"]).toContain(held.job.status);
    expect(held.report).toBeNull();
    await server.release(created.job.id);
    expect(await waitForAnalysis(server, created.id)).toBe("completed");
    const view = await getAnalysis(created.id);
    expect(view.job).toMatchObject({ status: "completed", progress: 1, attempts: 1, error: null });
    expect(view.report.schemaVersion).toBe(1);
    expect(view.report.audio.durationSeconds).toBeCloseTo(2, 1);
    expect(Object.keys(view.report.analyses)).toEqual(expect.arrayContaining(["rhythm", "key"]));
  });

  it("accepts a JSON path under an allowed root, and never deletes that file", async () => {
    const response = await fetch(`${server.base}/api/analyses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: join(root, "take.wav"), analyses: ["key"] }),
    });
    expect(response.status).toBe(202);
    const created = await readJson(response);
    expect(server.received().at(-1)!.audio).toMatchObject({ owned: false, originalName: "take.wav" });
    await server.release(created.job.id);
    expect(await waitForAnalysis(server, created.id)).toBe("completed");
    expect((await fetch(`${server.base}/api/analyses/${created.id}`, { method: "DELETE" })).status).toBe(204);
    expect(existsSync(join(root, "take.wav"))).toBe(true);
  });

  it("lists with filters, and deletes an analysis with its upload", async () => {
    const { body: created } = await upload("List Me.wav");
    const stored = basename(server.received().at(-1)!.audio.path);
    await server.release(created.job.id);
    await waitForAnalysis(server, created.id);

    const list = await readJson(
      await fetch(`${server.base}/api/analyses?status=completed&kind=analysis&q=list%20ME&limit=10`),
    );
    expect(list).toMatchObject({ total: 1, offset: 0, limit: 10 });
    expect(list.items[0]).toMatchObject({ id: created.id, fileName: "List Me.wav", report: null });
    const none = await readJson(await fetch(`${server.base}/api/analyses?status=failed&q=list`));
    expect(none.total).toBe(0);
    const mastering = await readJson(await fetch(`${server.base}/api/analyses?kind=mastering&q=list`));
    expect(mastering.total).toBe(0);

    expect(server.uploads()).toContain(stored);
    expect((await fetch(`${server.base}/api/analyses/${created.id}`, { method: "DELETE" })).status).toBe(204);
    expect(server.uploads()).not.toContain(stored);
    expect((await fetch(`${server.base}/api/analyses/${created.id}`, { method: "DELETE" })).status).toBe(404);
    const gone = await fetch(`${server.base}/api/analyses/${created.id}`);
    expect(gone.status).toBe(404);
    expect(await readJson(gone)).toEqual({ error: { code: "NOT_FOUND", message: `no analysis ${created.id}` } });
    expect((await fetch(`${server.base}/api/jobs/${created.job.id}`)).status).toBe(404);
  });

  it("deletes an unfinished analysis, cancelling its job", async () => {
    const { body: created } = await upload("Never Run.wav");
    expect((await fetch(`${server.base}/api/analyses/${created.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await server.service.getJob(created.job.id)).toBeUndefined();
  });

  it("validates paging", async () => {
    const response = await fetch(`${server.base}/api/analyses?limit=501`);
    expect(response.status).toBe(400);
    expect((await readJson(response)).error.code).toBe("BAD_REQUEST");
  });

  it("POST /api/mastering queues a mastering analysis with genre and level, and completes with recommendations", async () => {
    const { response, body: created } = await upload(
      "master.wav",
      { genre: "techno", recommendation_level: "prescriptive" },
      "/api/mastering",
    );
    expect(response.status).toBe(202);
    expect(created).toMatchObject({ kind: "mastering", genre: "techno", level: "prescriptive" });
    await server.release(created.job.id);
    expect(await waitForAnalysis(server, created.id)).toBe("completed");
    const view = await getAnalysis(created.id);
    expect(view.report).toBeNull();
    expect(view.mastering.target.id).toBe("techno");
    expect(view.mastering.recommendations.level).toBe("prescriptive");
    expect(view.mastering.report.analyses.loudness.integratedLufs).toEqual(expect.any(Number));
  });

  it("POST /api/mastering refuses an unknown recommendation level with 422 and removes the upload", async () => {
    const before = { uploads: server.uploads().length, received: server.received().length };
    const { response, body } = await upload("master.wav", { recommendation_level: "loud" }, "/api/mastering");
    expect(response.status).toBe(422);
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(server.uploads()).toHaveLength(before.uploads);
    expect(server.received()).toHaveLength(before.received);
  });
});
