/**
 * Upload limits and format checks (HTTP only, so on SQLite only), over the real service with
 * no job running (runJobs: false): what matters is what reaches the service and the disk.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { audioForm, readJson, toneWav } from "./test-helpers/audio.js";
import { startTestServer, type TestServer } from "./test-helpers/test-server.js";

let server: TestServer;
afterEach(async () => server?.close());

async function post(path: string, body: FormData | string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.base}${path}`, { method: "POST", body, headers });
  return { status: response.status, body: await readJson(response) };
}

describe("uploads", () => {
  it("refuses a file over maxUploadBytes with 413 and leaves no file behind", async () => {
    server = await startTestServer({ maxUploadBytes: 64 * 1024 }, { runJobs: false });
    const result = await post("/api/analyses", audioForm(toneWav(2), "big.wav")); // ~176 KB
    expect(result.status).toBe(413);
    expect(result.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(server.uploads()).toEqual([]);
    expect(server.received()).toEqual([]);
  });

  it("refuses a file just over the limit while streaming (no Content-Length shortcut)", async () => {
    const bytes = toneWav(0.5);
    server = await startTestServer({ maxUploadBytes: bytes.length - 1 }, { runJobs: false });
    const result = await post("/api/analyses", audioForm(bytes, "edge.wav"));
    expect(result.status).toBe(413);
    expect(server.uploads()).toEqual([]);
  });

  it("accepts a file exactly at the limit", async () => {
    const bytes = toneWav(0.5);
    server = await startTestServer({ maxUploadBytes: bytes.length }, { runJobs: false });
    expect((await post("/api/analyses", audioForm(bytes, "edge.wav"))).status).toBe(202);
  });

  it("judges the format by magic number: text named .wav is 415, a WAV named .txt is accepted", async () => {
    server = await startTestServer({}, { runJobs: false });
    const text = new TextEncoder().encode("<html><body>not audio</body></html>\n".repeat(50));
    const refused = await post("/api/analyses", audioForm(text, "song.wav"));
    expect(refused.status).toBe(415);
    expect(refused.body.error.code).toBe("UNSUPPORTED_FORMAT");
    expect(refused.body.error.message).toMatch(/HTML/);
    expect(server.uploads()).toEqual([]);
    const accepted = await post("/api/analyses", audioForm(toneWav(0.5), "notes.txt", "file", {}, "text/plain"));
    expect(accepted.status).toBe(202);
    expect(server.received()[0]!.audio.path).toMatch(/\.wav$/);
    expect((await server.service.listAnalyses({ fileName: "notes.txt" })).total).toBe(1);
  });

  it("refuses a PNG with 415 and an empty file with 422", async () => {
    server = await startTestServer({}, { runJobs: false });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect((await post("/api/analyses", audioForm(png, "cover.mp3"))).status).toBe(415);
    const empty = await post("/api/analyses", audioForm(new Uint8Array(0), "empty.wav"));
    expect(empty.status).toBe(422);
    expect(empty.body.error.code).toBe("EMPTY_FILE");
    expect(server.uploads()).toEqual([]);
  });

  it("needs the audio in the named field (400) and one of JSON or multipart (415)", async () => {
    server = await startTestServer({}, { runJobs: false });
    const wrongField = await post("/api/analyses", audioForm(toneWav(0.2), "a.wav", "audio"));
    expect(wrongField.status).toBe(400);
    const noFile = new FormData();
    noFile.append("analyses", "key");
    expect((await post("/api/analyses", noFile)).status).toBe(400);
    const text = await post("/api/analyses", "path=/x", { "content-type": "text/plain" });
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(server.uploads()).toEqual([]);
  });

  it("validates JSON bodies: malformed 400, wrong shape 422", async () => {
    server = await startTestServer({}, { runJobs: false });
    const json = { "content-type": "application/json" };
    const malformed = await post("/api/analyses", "{ nope", json);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("BAD_REQUEST");
    const relative = await post("/api/analyses", JSON.stringify({ path: "music/x.wav" }), json);
    expect(relative.status).toBe(422);
    expect(relative.body.error).toEqual({ code: "VALIDATION_FAILED", message: expect.stringContaining("path") });
    const unknownAnalysis = await post("/api/analyses", JSON.stringify({ path: "/x.wav", analyses: ["vibes"] }), json);
    expect(unknownAnalysis.status).toBe(422);
    const extra = await post("/api/analyses", JSON.stringify({ path: "/x.wav", shell: "rm -rf /" }), json);
    expect(extra.status).toBe(422);
  });

  it("refuses unknown analysis names in a form with 422 and removes the upload", async () => {
    server = await startTestServer({}, { runJobs: false });
    const result = await post("/api/analyses", audioForm(toneWav(0.3), "a.wav", "file", { analyses: "key,vibes" }));
    expect(result.status).toBe(422);
    expect(server.uploads()).toEqual([]);
  });

  it("removes the upload when the service refuses the request", async () => {
    server = await startTestServer({}, { runJobs: false });
    // The one stub here: the real service cannot be made to fail on demand, and this checks the 500 path.
    vi.spyOn(server.service, "submitAnalysis").mockRejectedValue(new Error("database is down"));
    const result = await post("/api/analyses", audioForm(toneWav(0.3), "a.wav"));
    expect(result.status).toBe(500);
    expect(server.uploads()).toEqual([]);
  });
});
