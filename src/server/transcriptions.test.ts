/**
 * Drum transcription as a service job, over real HTTP on the real service (SQLite): DrumScore's
 * flow (multipart `audio_file` → job_id → status → PDF, MIDI and drum audio downloads) and
 * tonearm's own (POST /api/transcriptions → the analysis with its downloads → each file with its
 * content type and name). Jobs are gated, so the "not completed yet" answers are certain; then
 * they run for real on a worker thread (one synthetic four-bar rock loop each).
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDrumHits, rockBeat } from "../core/drums/transcription/test-helpers/drum-signals.js";
import { notesOf, readMidi } from "../io/midi/test-helpers/read-midi.js";
import { encodeWav } from "../io/wav-writer.js";
import type { JobEvent } from "../service/service.js";
import { audioForm, readJson } from "./test-helpers/audio.js";
import { startTestServer, type TestServer, waitForAnalysis } from "./test-helpers/test-server.js";

const SAMPLE_RATE = 22_050;

function drumLoopWav(): Uint8Array<ArrayBuffer> {
  const drums = renderDrumHits(rockBeat(120, 4), SAMPLE_RATE, 9);
  const bytes = encodeWav({ channels: [drums, drums], sampleRate: SAMPLE_RATE });
  const copy = new Uint8Array(new ArrayBuffer(bytes.length));
  copy.set(bytes);
  return copy;
}

let server: TestServer;
let loop: Uint8Array<ArrayBuffer>;
/** DrumScore's job and tonearm's analysis, both submitted before any job may start. */
let drumScoreJobId: string;
let analysisId: string;
const stages = new Map<string, string[]>();

beforeAll(async () => {
  server = await startTestServer({}, { gated: true });
  loop = drumLoopWav();
});
afterAll(async () => server?.close());

async function watchStages(jobId: string): Promise<void> {
  const seen: string[] = [];
  stages.set(jobId, seen);
  await server.service.watchJob(jobId, (event: JobEvent) => {
    if (event.stage !== null && seen.at(-1) !== event.stage) seen.push(event.stage);
  });
}

describe("transcription jobs", () => {
  it("DrumScore: POST /api/v1/transcribe answers like DrumScore; downloads wait for the job (400)", async () => {
    const response = await fetch(`${server.base}/api/v1/transcribe`, {
      method: "POST",
      body: audioForm(loop, "loop.wav", "audio_file"),
    });
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body).toEqual({
      job_id: expect.any(String),
      status: "pending",
      filename: "loop.wav",
      created_at: expect.any(String),
      updated_at: expect.any(String),
      message: expect.any(String),
      progress: 0,
    });
    drumScoreJobId = body.job_id;
    await watchStages(drumScoreJobId);
    const status = await readJson(await fetch(`${server.base}/api/v1/status/${drumScoreJobId}`));
    // Queued, or claimed by the worker and waiting at its gate (DrumScore: separating comes first).
    expect(["pending", "separating"]).toContain(status.status);
    expect(status.result_url).toBeNull();
    const early = await fetch(`${server.base}/api/v1/download/${drumScoreJobId}/pdf`);
    expect(early.status).toBe(400);
    expect((await readJson(early)).detail).toBe(`Job not completed. Current status: ${status.status}`);
  });

  it("tonearm: POST /api/transcriptions queues an analysis of kind transcription; files answer 409 until done", async () => {
    const response = await fetch(`${server.base}/api/transcriptions`, {
      method: "POST",
      body: audioForm(loop, "Grand Café loop.wav"),
    });
    expect(response.status).toBe(202);
    const view = await readJson(response);
    expect(view).toMatchObject({ kind: "transcription", fileName: "Grand Café loop.wav", downloads: null });
    expect(response.headers.get("location")).toBe(`/api/analyses/${view.id}`);
    analysisId = view.id;
    await watchStages(view.job.id);
    expect((await fetch(`${server.base}/api/transcriptions/${analysisId}/midi`)).status).toBe(409);
  });

  it("runs both jobs through separate, transcribe and notation", async () => {
    const analysis = await server.service.getAnalysis(analysisId);
    await server.release(drumScoreJobId);
    await server.release(analysis!.job.id);
    expect(await waitForAnalysis(server, analysis!.id, 60_000)).toBe("completed");
    await server.until(async () => (await server.service.getJob(drumScoreJobId))?.status === "completed", 60_000);
    for (const seen of stages.values()) {
      expect(seen.filter((stage) => ["separate", "transcribe", "notation"].includes(stage))).toEqual([
        "separate",
        "transcribe",
        "notation",
      ]);
    }
  });

  it("DrumScore: status completed with its URLs, and the PDF, MIDI and drum audio", async () => {
    const status = await readJson(await fetch(`${server.base}/api/v1/status/${drumScoreJobId}`));
    const base = `/api/v1/download/${drumScoreJobId}`;
    expect(status).toMatchObject({
      status: "completed",
      progress: 100,
      result_url: `${base}/pdf`,
      midi_url: `${base}/midi`,
      drum_audio_url: `${base}/audio`,
    });
    const expected = [
      ["pdf", "application/pdf", `drum_sheet_${drumScoreJobId}.pdf`, "%PDF"],
      ["midi", "audio/midi", `drums_${drumScoreJobId}.mid`, "MThd"],
      ["audio", "audio/flac", `drums_${drumScoreJobId}.flac`, "fLaC"],
    ] as const;
    for (const [artifact, type, name, magic] of expected) {
      const response = await fetch(`${server.base}${base}/${artifact}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe(type);
      expect(response.headers.get("content-disposition")).toContain(`filename="${name}"`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe(magic);
      if (artifact === "midi") expect(notesOf(readMidi(bytes)).length).toBeGreaterThan(0);
    }
    expect((await fetch(`${server.base}/api/v1/download/${crypto.randomUUID()}/pdf`)).status).toBe(404);
    expect((await fetch(`${server.base}/api/v1/download/${drumScoreJobId}/musicxml`)).status).toBe(400);
  });

  it("tonearm: the analysis lists its downloads; each file has its content type and the upload's name", async () => {
    const view = await readJson(await fetch(`${server.base}/api/analyses/${analysisId}`));
    expect(view.report.analyses.drums.hasDrums).toBe(true);
    expect(view.report.analyses.rhythm.timeSignature).toBe("4/4");
    expect(view.report.source.path).toBe("Grand Café loop.wav");
    const expected = {
      pdf: ["application/pdf", "Grand Caf_ loop.pdf"],
      midi: ["audio/midi", "Grand Caf_ loop.mid"],
      musicxml: ["application/vnd.recordare.musicxml+xml", "Grand Caf_ loop.musicxml"],
      audio: ["audio/flac", "Grand Caf_ loop.drums.flac"],
      json: ["application/json", "Grand Caf_ loop.drums.json"],
    } as const;
    expect(Object.keys(view.downloads).sort()).toEqual(Object.keys(expected).sort());
    for (const [artifact, [type, asciiName]] of Object.entries(expected)) {
      const response = await fetch(`${server.base}${view.downloads[artifact]}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe(type);
      const disposition = response.headers.get("content-disposition")!;
      expect(disposition).toContain(`filename="${asciiName}"`);
      expect(disposition).toContain(`filename*=UTF-8''Grand%20Caf%C3%A9%20loop.`);
      const text = await response.text();
      if (artifact === "musicxml") expect(text).toContain("<sign>percussion</sign>");
      if (artifact === "json")
        expect(JSON.parse(text)).toMatchObject({ hasDrums: true, source: "Grand Café loop.wav" });
    }
  });

  it("404 for unknown transcriptions and for analyses of another kind; deleting removes the files", async () => {
    expect((await fetch(`${server.base}/api/transcriptions/${crypto.randomUUID()}/pdf`)).status).toBe(404);
    const directory = server.service.dataDirectory.artifactsDirectory(analysisId);
    expect(existsSync(directory)).toBe(true);
    expect((await fetch(`${server.base}/api/analyses/${analysisId}`, { method: "DELETE" })).status).toBe(204);
    expect(existsSync(directory)).toBe(false);
    expect((await fetch(`${server.base}/api/transcriptions/${analysisId}/pdf`)).status).toBe(404);
  });
});
