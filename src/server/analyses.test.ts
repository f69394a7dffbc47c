import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { audioForm, readJson, toneWav } from "./test-helpers/audio.js";
import { startTestServer, type TestServer } from "./test-helpers/test-server.js";

let server: TestServer;
afterEach(async () => server?.close());

describe("POST /api/analyses", () => {
  it("streams an upload to <data>/uploads/<uuid>.wav and answers 202 with Location", async () => {
    server = await startTestServer();
    const response = await fetch(`${server.base}/api/analyses`, {
      method: "POST",
      body: audioForm(toneWav(1), "../../etc/My Song.mp3", "file", { analyses: "rhythm,key" }),
    });
    expect(response.status).toBe(202);
    const view = await readJson(response);
    expect(response.headers.get("location")).toBe(`/api/analyses/${view.id}`);
    expect(view).toMatchObject({ kind: "analysis", fileName: "My Song.mp3", report: null, job: { status: "queued" } });
    const [request] = server.service.received;
    // Judged by content: a WAV, whatever the name said; the client's name never reaches the path.
    expect(request!.audio.path).toMatch(/[/\\]uploads[/\\][0-9a-f-]{36}\.wav$/);
    expect(request!.audio).toMatchObject({ owned: true, originalName: "My Song.mp3" });
    expect(request!.analyses).toEqual(["rhythm", "key"]);
    expect(server.uploads()).toHaveLength(1);
  });

  it("accepts a JSON path under an allowed root", async () => {
    server = await startTestServer((scratch) => ({ allowedRoots: [join(scratch, "music")] }));
    const root = join(server.scratch, "music");
    mkdirSync(root);
    writeFileSync(join(root, "take.wav"), toneWav(0.5));
    const response = await fetch(`${server.base}/api/analyses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: join(root, "take.wav"), analyses: ["key"] }),
    });
    expect(response.status).toBe(202);
    expect(server.service.received[0]!.audio).toMatchObject({ owned: false, originalName: "take.wav" });
  });

  it("reports progress, then the report, then lists and deletes", async () => {
    server = await startTestServer();
    const created = await readJson(
      await fetch(`${server.base}/api/analyses`, { method: "POST", body: audioForm(toneWav(1), "a.wav") }),
    );
    server.service.startJob(created.job.id, "rhythm", 0.4);
    let view = await readJson(await fetch(`${server.base}/api/analyses/${created.id}`));
    expect(view.job).toMatchObject({ status: "running", stage: "rhythm", progress: 0.4 });
    await server.service.completeJob(created.job.id);
    view = await readJson(await fetch(`${server.base}/api/analyses/${created.id}`));
    expect(view.job.status).toBe("completed");
    expect(view.report.schemaVersion).toBe(1);
    expect(view.report.audio.durationSeconds).toBeCloseTo(1, 1);

    const list = await readJson(
      await fetch(`${server.base}/api/analyses?status=completed&kind=analysis&q=A.W&limit=10`),
    );
    expect(list).toMatchObject({ total: 1, offset: 0, limit: 10 });
    expect(list.items[0].report).toBeNull();
    const none = await readJson(await fetch(`${server.base}/api/analyses?status=failed`));
    expect(none.total).toBe(0);

    expect((await fetch(`${server.base}/api/analyses/${created.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await fetch(`${server.base}/api/analyses/${created.id}`, { method: "DELETE" })).status).toBe(404);
    const gone = await fetch(`${server.base}/api/analyses/${created.id}`);
    expect(gone.status).toBe(404);
    expect(await readJson(gone)).toEqual({ error: { code: "NOT_FOUND", message: `no analysis ${created.id}` } });
  });

  it("validates paging", async () => {
    server = await startTestServer();
    const response = await fetch(`${server.base}/api/analyses?limit=501`);
    expect(response.status).toBe(400);
    expect((await readJson(response)).error.code).toBe("BAD_REQUEST");
  });
});

describe("POST /api/mastering", () => {
  it("queues a mastering analysis with genre and level, and completes with recommendations", async () => {
    server = await startTestServer();
    const response = await fetch(`${server.base}/api/mastering`, {
      method: "POST",
      body: audioForm(toneWav(1), "master.wav", "file", { genre: "techno", recommendation_level: "prescriptive" }),
    });
    expect(response.status).toBe(202);
    const created = await readJson(response);
    expect(created).toMatchObject({ kind: "mastering", genre: "techno", level: "prescriptive" });
    await server.service.completeJob(created.job.id);
    const view = await readJson(await fetch(`${server.base}/api/analyses/${created.id}`));
    expect(view.mastering.target.id).toBe("techno");
    expect(view.mastering.recommendations.level).toBe("prescriptive");
    expect(view.mastering.report.analyses.loudness.integratedLufs).toEqual(expect.any(Number));
  });

  it("refuses an unknown recommendation level with 422 and removes the upload", async () => {
    server = await startTestServer();
    const response = await fetch(`${server.base}/api/mastering`, {
      method: "POST",
      body: audioForm(toneWav(0.5), "master.wav", "file", { recommendation_level: "loud" }),
    });
    expect(response.status).toBe(422);
    expect((await readJson(response)).error.code).toBe("VALIDATION_FAILED");
    expect(server.uploads()).toEqual([]);
    expect(server.service.received).toEqual([]);
  });
});
