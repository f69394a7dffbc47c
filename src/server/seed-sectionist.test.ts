/**
 * Sectionist's clients against tonearm over the real service (a worker thread analyses the
 * upload while the request waits), on SQLite and on PostgreSQL: the request is built byte for byte as the Swift
 * client builds it (alienbrainfarm/Sectionist Sectionist/AnalysisService.swift), and the
 * assertions read exactly the fields its Codable structs decode.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../store/test-helpers/test-databases.js";
import { corruptWav, readJson, toneWav } from "./test-helpers/audio.js";
import { startTestServer, type TestServer } from "./test-helpers/test-server.js";

/** The body AnalysisService.analyzeAudio writes: UUID boundary, field "audio", Content-Type audio/<ext>. */
function swiftMultipart(fileName: string, bytes: Uint8Array): { body: Buffer; contentType: string } {
  const boundary = crypto.randomUUID().toUpperCase();
  const extension = fileName.split(".").pop();
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="audio"; filename="${fileName}"\r\nContent-Type: audio/${extension}\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

const isDouble = (value: unknown) => typeof value === "number" && Number.isFinite(value);

describe.each(TEST_DIALECTS)("Sectionist on %s", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { dialect });
  });
  afterAll(async () => server?.close());

  it("GET /health decodes as ServerHealth { status, version, backend }", async () => {
    const response = await fetch(`${server.base}/health`);
    expect(response.status).toBe(200);
    const health = await readJson(response);
    for (const field of ["status", "version", "backend"]) expect(typeof health[field]).toBe("string");
  });

  it("POST /analyze answers 200 with AnalysisResponse / BackendAnalysisData", async () => {
    const { body, contentType } = swiftMultipart("My Song.wav", toneWav(4));
    const response = await fetch(`${server.base}/analyze`, {
      method: "POST",
      body,
      headers: { "content-type": contentType },
    });
    expect(response.status).toBe(200);
    const result = await readJson(response);
    expect(result.success).toBe(true);
    expect(result.file_name).toBe("My Song.wav");
    const analysis = result.analysis;
    expect(isDouble(analysis.duration)).toBe(true);
    expect(analysis.duration).toBeCloseTo(4, 1);
    expect(isDouble(analysis.tempo)).toBe(true);
    expect(typeof analysis.key).toBe("string");
    expect(analysis.key).toMatch(/^([A-G]#? (major|minor)|Unknown)$/);
    expect(Number.isInteger(analysis.beats_detected)).toBe(true);
    expect(analysis.sections.length).toBeGreaterThan(0);
    for (const list of [analysis.sections, analysis.chords]) {
      for (const item of list) {
        expect(typeof item.name).toBe("string");
        for (const field of ["start", "end", "confidence"]) expect(isDouble(item[field])).toBe(true);
      }
    }
    expect(analysis.sections[0].name).toMatch(/^(Intro|Verse( \d)?|Chorus|Bridge|Outro|Instrumental)$/);
    for (const change of analysis.key_changes) {
      expect(isDouble(change.timestamp) && isDouble(change.confidence)).toBe(true);
      expect(typeof change.from_key === "string" && typeof change.to_key === "string").toBe(true);
    }
    expect(server.received().at(-1)).toMatchObject({
      kind: "analysis",
      analyses: ["rhythm", "key", "chords", "structure"],
    });
    const stored = await server.service.listAnalyses({ fileName: "My Song" });
    expect(stored.items.map((item) => item.job.status)).toEqual(["completed"]);
  });

  it("errors decode as ErrorResponse { error: String }", async () => {
    const before = server.uploads().length;
    const missing = await fetch(`${server.base}/analyze`, { method: "POST", body: new FormData() });
    expect(missing.status).toBe(400);
    expect(await readJson(missing)).toEqual({ success: false, error: expect.any(String) });
    const { body, contentType } = swiftMultipart("notes.wav", new TextEncoder().encode("plain text\n".repeat(10)));
    const notAudio = await fetch(`${server.base}/analyze`, {
      method: "POST",
      body,
      headers: { "content-type": contentType },
    });
    expect(notAudio.status).toBe(415);
    expect(typeof (await readJson(notAudio)).error).toBe("string");
    expect(server.uploads()).toHaveLength(before);
  });

  it("a file that fails to decode answers 422 with the job's reason", async () => {
    const { body, contentType } = swiftMultipart("broken.wav", corruptWav());
    const response = await fetch(`${server.base}/analyze`, {
      method: "POST",
      body,
      headers: { "content-type": contentType },
    });
    expect(response.status).toBe(422);
    expect(await readJson(response)).toEqual({ success: false, error: expect.stringMatching(/damaged WAV/) });
  });

  it("GET /formats decodes as SupportedFormats", async () => {
    const formats = await readJson(await fetch(`${server.base}/formats`));
    expect(formats.supported_formats).toEqual(expect.arrayContaining(["mp3", "wav", "flac", "aiff", "m4a", "ogg"]));
  });
});
