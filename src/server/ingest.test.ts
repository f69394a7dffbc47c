/**
 * POST /api/ingest over a real server and service (SQLite, no job running: what matters is what
 * gets queued, deduplicated and left on disk). Audio is synthesised WAV written under the
 * test's allowed root.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readJson, toneWav } from "./test-helpers/audio.js";
import { startTestServer, type TestServer } from "./test-helpers/test-server.js";

let server: TestServer;
let root: string;

beforeAll(async () => {
  server = await startTestServer((scratch) => ({ allowedRoots: [join(scratch, "music")] }), { runJobs: false });
  root = join(server.scratch, "music");
  mkdirSync(join(root, "album", "disc 2"), { recursive: true });
  writeFileSync(join(root, "take.wav"), toneWav(0.5));
  copyFileSync(join(root, "take.wav"), join(root, "take copy.wav"));
  writeFileSync(join(root, "album", "a.wav"), toneWav(0.6));
  writeFileSync(join(root, "album", "b.wav"), toneWav(0.7));
  copyFileSync(join(root, "album", "a.wav"), join(root, "album", "disc 2", "a again.wav"));
  writeFileSync(join(root, "album", "notes.txt"), "not audio, and not walked");
  mkdirSync(join(server.scratch, "elsewhere"));
  writeFileSync(join(server.scratch, "elsewhere", "secret.wav"), toneWav(0.5));
});
afterAll(async () => server?.close());

async function postJson(body: unknown) {
  const response = await fetch(`${server.base}/api/ingest`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await readJson(response) };
}

async function postFiles(files: ReadonlyArray<{ bytes: Uint8Array<ArrayBuffer>; name: string }>, analyses?: string) {
  const form = new FormData();
  if (analyses !== undefined) form.append("analyses", analyses);
  for (const file of files) form.append("file", new Blob([file.bytes], { type: "audio/wav" }), file.name);
  const response = await fetch(`${server.base}/api/ingest`, { method: "POST", body: form });
  return { status: response.status, body: await readJson(response) };
}

describe("POST /api/ingest", () => {
  it("queues a file by path once (202), then answers 200 duplicate for it and for a copy under another name", async () => {
    const path = join(root, "take.wav");
    const first = await postJson({ path, analyses: ["key"] });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ status: "queued", path, originalName: "take.wav", firstPath: path });
    expect(first.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.body.jobStatus).toBe("queued");

    const again = await postJson({ path });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: "duplicate", analysisId: first.body.analysisId, firstPath: path });

    const copy = await postJson({ path: join(root, "take copy.wav") });
    expect(copy.status).toBe(200);
    expect(copy.body).toMatchObject({
      status: "duplicate",
      path: join(root, "take copy.wav"),
      contentHash: first.body.contentHash,
      analysisId: first.body.analysisId,
      jobId: first.body.jobId,
      firstPath: path,
    });
    // A path is never the service's to delete.
    expect(existsSync(path)).toBe(true);
  });

  it("refuses a path outside the allowed roots with 403, whether or not it exists", async () => {
    for (const path of [join(server.scratch, "elsewhere", "secret.wav"), join(server.scratch, "elsewhere")]) {
      const refused = await postJson({ path });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("FORBIDDEN");
    }
    expect((await postJson({ path: join(server.scratch, "missing.wav") })).status).toBe(403);
    expect((await postJson({ path: join(root, "missing.wav") })).status).toBe(404);
    expect((await postJson({ path: "relative.wav" })).status).toBe(422);
  });

  it("walks a folder: each content queued once, copies and re-runs duplicates, non-audio not walked", async () => {
    const folder = join(root, "album");
    const first = await postJson({ path: folder });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ queued: 2, duplicates: 1, failed: [] });
    expect(first.body.items).toHaveLength(3);
    const byName = new Map(first.body.items.map((item: { originalName: string }) => [item.originalName, item]));
    expect(byName.get("a again.wav")).toMatchObject({
      status: "duplicate",
      firstPath: join(folder, "a.wav"),
    });

    const rerun = await postJson({ path: folder });
    expect(rerun.body).toMatchObject({ queued: 0, duplicates: 3, failed: [] });
    // The whole root: take.wav and its copy were ingested by the first test.
    const whole = await postJson({ path: root });
    expect(whole.body).toMatchObject({ queued: 0, duplicates: 5, failed: [] });
  });

  it("ingests uploads: the same content twice is one job and one duplicate whose file is deleted", async () => {
    const before = server.uploads().length;
    const bytes = toneWav(0.8);
    const result = await postFiles(
      [
        { bytes, name: "first.wav" },
        { bytes, name: "second.wav" },
      ],
      "rhythm,key",
    );
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ queued: 1, duplicates: 1, failed: [] });
    const [queued, duplicate] = result.body.items;
    expect(queued).toMatchObject({ status: "queued", originalName: "first.wav", path: null, firstPath: null });
    expect(duplicate).toMatchObject({
      status: "duplicate",
      originalName: "second.wav",
      analysisId: queued.analysisId,
      contentHash: queued.contentHash,
      path: null,
      firstPath: null,
    });
    // The kept upload is the queued one's; the duplicate's stored file is gone.
    expect(server.uploads().length).toBe(before + 1);
    const analysis = await server.service.getAnalysis(queued.analysisId);
    expect(analysis?.fileName).toBe("first.wav");

    // The same content again in a later request: a duplicate, nothing kept.
    const later = await postFiles([{ bytes, name: "third.wav" }]);
    expect(later.body).toMatchObject({ queued: 0, duplicates: 1 });
    expect(later.body.items[0].analysisId).toBe(queued.analysisId);
    expect(server.uploads().length).toBe(before + 1);

    // An upload is owned: deleting its analysis deletes the stored file.
    expect(await server.service.deleteAnalysis(queued.analysisId)).toBe(true);
    expect(server.uploads().length).toBe(before);
  });

  it("queues different content as a new owned upload, and matches uploads against path ingests", async () => {
    const before = server.uploads().length;
    const result = await postFiles([
      { bytes: toneWav(0.9), name: "new.wav" },
      { bytes: toneWav(0.5), name: "same as take.wav" },
    ]);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ queued: 1, duplicates: 1 });
    expect(result.body.items[0]).toMatchObject({ status: "queued", originalName: "new.wav" });
    // take.wav was ingested by path: its path is shown as the first file.
    expect(result.body.items[1]).toMatchObject({ status: "duplicate", firstPath: join(root, "take.wav") });
    expect(server.uploads().length).toBe(before + 1);
  });

  it("refuses a batch holding a non-audio file with 415 and keeps none of its files", async () => {
    const before = server.uploads().length;
    const text = new TextEncoder().encode("<html><body>not audio</body></html>\n".repeat(50));
    const result = await postFiles([
      { bytes: toneWav(1.1), name: "fine.wav" },
      { bytes: text, name: "page.wav" },
    ]);
    expect(result.status).toBe(415);
    expect(result.body.error.code).toBe("UNSUPPORTED_FORMAT");
    expect(server.uploads().length).toBe(before);
  });

  it("refuses other content types with 415 and a form without files with 400", async () => {
    const plain = await fetch(`${server.base}/api/ingest`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "hello",
    });
    expect(plain.status).toBe(415);
    const form = new FormData();
    form.append("analyses", "key");
    expect((await fetch(`${server.base}/api/ingest`, { method: "POST", body: form })).status).toBe(400);
  });
});

describe("POST /api/ingest upload limits", () => {
  let limited: TestServer;
  afterAll(async () => limited?.close());

  it("refuses a batch with one file over maxUploadBytes with 413 and keeps none of its files", async () => {
    const small = toneWav(0.2);
    limited = await startTestServer({ maxUploadBytes: small.length }, { runJobs: false });
    const form = new FormData();
    form.append("file", new Blob([small], { type: "audio/wav" }), "small.wav");
    form.append("file", new Blob([toneWav(1)], { type: "audio/wav" }), "big.wav");
    const response = await fetch(`${limited.base}/api/ingest`, { method: "POST", body: form });
    expect(response.status).toBe(413);
    expect((await readJson(response)).error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(limited.uploads()).toEqual([]);
    expect((await limited.service.listAnalyses()).total).toBe(0);
  });
});
