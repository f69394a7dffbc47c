/**
 * Drum transcription as a service job, over real HTTP on the real service, on SQLite and on
 * PostgreSQL: DrumScore's flow (multipart `audio_file` → job_id → status → PDF, MIDI and drum
 * audio downloads) and tonearm's own (POST /api/transcriptions → the analysis with its
 * downloads → each file with its content type and name). Jobs are gated, so the "not
 * completed yet" answers are certain; then they run for real on a worker thread (one
 * synthetic four-bar rock loop each). Then, on SQLite, jobs stopped at the worst moment —
 * files written, result not yet reported (a held result, job-gates.ts): cancelling one stops
 * its thread and leaves no files, downloads refuse it, and its retry completes on the thread
 * the pool started in place; deleting another does the same and the job is gone.
 */
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDrumHits, rockBeat } from "../core/drums/transcription/test-helpers/drum-signals.js";
import { notesOf, readMidi } from "../io/midi/test-helpers/read-midi.js";
import { encodeWav } from "../io/wav-writer.js";
import type { JobEvent } from "../service/service.js";
import { TEST_DIALECTS } from "../store/test-helpers/test-databases.js";
import { audioForm, readJson } from "./test-helpers/audio.js";
import { clearJobGates, holdJobResult, isJobResultHeld, releaseJobResult } from "./test-helpers/job-gates.js";
import { startTestServer, type TestServer, waitForAnalysis } from "./test-helpers/test-server.js";

const SAMPLE_RATE = 22_050;
/** A transcription's folder when done: its five files and nothing else. */
const FILE_NAMES = [
  "transcription.drums.flac",
  "transcription.drums.json",
  "transcription.mid",
  "transcription.musicxml",
  "transcription.pdf",
];
/** Longer than the gated worker's 10 ms poll: a living thread would have unmarked its held job by then. */
const THREAD_STOPPED_AFTER_MS = 250;

function drumLoopWav(): Uint8Array<ArrayBuffer> {
  const drums = renderDrumHits(rockBeat(120, 4), SAMPLE_RATE, 9);
  const bytes = encodeWav({ channels: [drums, drums], sampleRate: SAMPLE_RATE });
  const copy = new Uint8Array(new ArrayBuffer(bytes.length));
  copy.set(bytes);
  return copy;
}

const loop = drumLoopWav();

/** The status of a request, its body read (a response left unread keeps its connection, and the server's close waits). */
async function statusOf(url: string, init?: RequestInit): Promise<number> {
  const response = await fetch(url, init);
  await response.arrayBuffer();
  return response.status;
}

describe.each(TEST_DIALECTS)("transcription jobs on %s", (dialect) => {
  let server: TestServer;
  /** DrumScore's job and tonearm's analysis, both submitted before any job may start. */
  let drumScoreJobId: string;
  let analysisId: string;
  const stages = new Map<string, string[]>();

  beforeAll(async () => {
    server = await startTestServer({}, { gated: true, dialect });
  });
  afterAll(async () => server?.close());

  async function watchStages(jobId: string): Promise<void> {
    const seen: string[] = [];
    stages.set(jobId, seen);
    await server.service.watchJob(jobId, (event: JobEvent) => {
      if (event.stage !== null && seen.at(-1) !== event.stage) seen.push(event.stage);
    });
  }

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
    // The worker may claim the job between the two requests.
    expect(["pending", "separating"].map((stage) => `Job not completed. Current status: ${stage}`)).toContain(
      (await readJson(early)).detail,
    );
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
    expect(stages.size).toBe(2);
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
      expect(bytes.length).toBeGreaterThan(artifact === "midi" ? 100 : 1000);
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
      expect(text.length).toBeGreaterThan(200);
      if (artifact === "musicxml") expect(text).toContain("<sign>percussion</sign>");
      if (artifact === "json")
        expect(JSON.parse(text)).toMatchObject({ hasDrums: true, source: "Grand Café loop.wav" });
    }
    // The attempt wrote privately and moved its files into place: nothing else is left.
    expect((await readdir(server.service.dataDirectory.artifactsDirectory(analysisId))).sort()).toEqual(FILE_NAMES);
  });

  it("404 for unknown transcriptions and for analyses of another kind; deleting removes the files", async () => {
    expect((await fetch(`${server.base}/api/transcriptions/${crypto.randomUUID()}/pdf`)).status).toBe(404);
    const directory = server.service.dataDirectory.artifactsDirectory(analysisId);
    expect(existsSync(directory)).toBe(true);
    expect((await fetch(`${server.base}/api/analyses/${analysisId}`, { method: "DELETE" })).status).toBe(204);
    expect(existsSync(directory)).toBe(false);
    expect((await fetch(`${server.base}/api/transcriptions/${analysisId}/pdf`)).status).toBe(404);
  });

  // Stopping a job is the same on both databases (the SQL of cancel and retry is tested on both
  // in src/store and jobs-references.test.ts), and each stopped thread's successor pays the
  // first engraving's seconds again, so this runs once. Order matters for time only: the retry
  // warms the successor of the cancelled job's thread, which then runs the job to delete.
  if (dialect !== "sqlite") return;

  describe("transcriptions stopped at the worst moment: files written, result not yet reported", () => {
    /** Lets the job start, waits until it holds its result, and answers its ids and folder (five files in it). */
    async function runUntilHeld(jobId: string) {
      const analysisId = (await server.service.getJob(jobId))!.analysisId!;
      const directory = server.service.dataDirectory.artifactsDirectory(analysisId);
      await holdJobResult(jobId);
      await server.release(jobId);
      await server.until(() => isJobResultHeld(jobId), 60_000);
      expect((await readdir(directory)).sort()).toEqual(FILE_NAMES);
      return { jobId, analysisId, directory };
    }

    /** Lifts the hold of a job whose thread should be gone: a living thread would unmark it within 10 ms. */
    async function expectThreadStopped(jobId: string): Promise<void> {
      await releaseJobResult(jobId);
      await new Promise((resolve) => setTimeout(resolve, THREAD_STOPPED_AFTER_MS));
      expect(isJobResultHeld(jobId)).toBe(true);
      await clearJobGates(jobId);
    }

    /** DrumScore's job, cancelled and then retried. */
    let cancelled: { jobId: string; analysisId: string; directory: string };

    it("cancelling one stops its worker thread and removes its files; downloads refuse it", async () => {
      const submitted = await readJson(
        await fetch(`${server.base}/api/v1/transcribe`, {
          method: "POST",
          body: audioForm(loop, "cancel me.wav", "audio_file"),
        }),
      );
      cancelled = await runUntilHeld(submitted.job_id);
      const { jobId, analysisId, directory } = cancelled;
      const cancel = await fetch(`${server.base}/api/jobs/${jobId}/cancel`, { method: "POST" });
      expect(cancel.status).toBe(200);
      expect(await readJson(cancel)).toMatchObject({ id: jobId, status: "cancelled", error: { code: "CANCELLED" } });
      expect(existsSync(directory)).toBe(false);
      await expectThreadStopped(jobId);
      expect(await statusOf(`${server.base}/api/jobs/${jobId}/cancel`, { method: "POST" })).toBe(409);

      // DrumScore has no cancel route; its clients see a failed job that will not complete.
      expect(await readJson(await fetch(`${server.base}/api/v1/status/${jobId}`))).toMatchObject({
        status: "failed",
        message: "the job was cancelled",
        result_url: null,
      });
      const drumScoreDownload = await fetch(`${server.base}/api/v1/download/${jobId}/pdf`);
      expect(drumScoreDownload.status).toBe(400);
      expect((await readJson(drumScoreDownload)).detail).toBe("Job not completed. Current status: failed");
      const download = await fetch(`${server.base}/api/transcriptions/${analysisId}/midi`);
      expect(download.status).toBe(409);
      expect((await readJson(download)).error).toEqual({
        code: "CONFLICT",
        message: `transcription ${analysisId} is cancelled, not completed`,
      });
      expect((await readJson(await fetch(`${server.base}/api/analyses/${analysisId}`))).downloads).toBeNull();
    });

    it("retried, the cancelled transcription completes on the thread the pool started in place", async () => {
      const { jobId, analysisId, directory } = cancelled;
      const retry = await fetch(`${server.base}/api/jobs/${jobId}/retry`, { method: "POST" });
      expect(await readJson(retry)).toMatchObject({ id: jobId, status: "queued" });
      await server.release(jobId);
      expect(await waitForAnalysis(server, analysisId, 60_000)).toBe("completed");
      expect((await readdir(directory)).sort()).toEqual(FILE_NAMES);
      for (const [artifact, magic] of [
        ["pdf", "%PDF"],
        ["midi", "MThd"],
        ["audio", "fLaC"],
      ] as const) {
        const response = await fetch(`${server.base}/api/v1/download/${jobId}/${artifact}`);
        expect(response.status).toBe(200);
        expect(new TextDecoder().decode(new Uint8Array(await response.arrayBuffer()).subarray(0, 4))).toBe(magic);
      }
    });

    it("deleting one stops its worker thread and removes its files; it is gone", async () => {
      const view = await readJson(
        await fetch(`${server.base}/api/transcriptions`, { method: "POST", body: audioForm(loop, "delete me.wav") }),
      );
      const { jobId, analysisId, directory } = await runUntilHeld(view.job.id);
      expect(await statusOf(`${server.base}/api/analyses/${analysisId}`, { method: "DELETE" })).toBe(204);
      expect(existsSync(directory)).toBe(false);
      expect(await server.service.getJob(jobId)).toBeUndefined();
      await expectThreadStopped(jobId);
      expect(await statusOf(`${server.base}/api/transcriptions/${analysisId}/pdf`)).toBe(404);
      expect(await statusOf(`${server.base}/api/v1/status/${jobId}`)).toBe(404);
    });
  });
});
