import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TonearmError } from "../analysis/errors.js";
import type { JobKind, JobRecord } from "../jobs/job-model.js";
import type { JobRunner, JobTaskProgress } from "../jobs/job-runner.js";
import { TaskFailure } from "../jobs/worker-pool.js";
import type { AnalysisJobPayload } from "./job-payloads.js";
import { TranscriptionAttemptRunner } from "./transcription-attempts.js";
import { transcriptionFilePath } from "./transcription-files.js";

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "tonearm-transcription-attempts-"));
});
afterAll(async () => rm(scratch, { recursive: true, force: true }));

function job(kind: JobKind, artifactsDirectory: string | undefined): JobRecord {
  const now = new Date().toISOString();
  const payload: AnalysisJobPayload = {
    audioPath: "/audio/loop.wav",
    analyses: null,
    genre: null,
    level: null,
    ...(artifactsDirectory === undefined ? {} : { artifactsDirectory }),
  };
  return {
    id: "00000000-0000-4000-8000-000000000002",
    kind,
    status: "running",
    stage: null,
    progress: 0,
    attempts: 1,
    maxAttempts: 1,
    error: null,
    payload,
    result: null,
    analysisId: null,
    workerId: "here",
    heartbeatAt: now,
    createdAt: now,
    startedAt: now,
    finishedAt: null,
  };
}

/**
 * Stands in for the worker-thread runner: records each payload, writes a truncated PDF into the
 * attempt's folder as a worker half-way through writing would, then ends as `end` says — with
 * an output, a failure, or when the signal aborts (as the pool rejects a terminated worker's task).
 */
class HalfWritingRunner implements JobRunner {
  readonly payloads: AnalysisJobPayload[] = [];
  constructor(private readonly end: "output" | "failure" | "abort") {}

  async run(record: JobRecord, _onProgress: (progress: JobTaskProgress) => void, signal: AbortSignal) {
    const payload = record.payload as AnalysisJobPayload;
    this.payloads.push(payload);
    // Listen before writing: the test aborts as soon as it sees the file, which may be before
    // writeFile has resolved.
    const aborted = new Promise((resolve) => {
      if (signal.aborted) resolve(undefined);
      else signal.addEventListener("abort", resolve, { once: true });
    });
    if (payload.attemptDirectory !== undefined) {
      await mkdir(payload.attemptDirectory, { recursive: true });
      await writeFile(transcriptionFilePath(payload.attemptDirectory, "pdf"), "%PD");
    }
    if (this.end === "output") return { output: "report" };
    if (this.end === "failure") throw new TaskFailure({ code: "CORRUPT_AUDIO", message: "bad audio" });
    await aborted;
    throw new TaskFailure({ code: "CANCELLED", message: (signal.reason as Error).message });
  }

  async close(): Promise<void> {}
}

const noProgress = () => {};

describe("TranscriptionAttemptRunner", () => {
  it("gives each transcription attempt its own folder inside the artifacts folder, payload otherwise unchanged", async () => {
    const artifacts = join(scratch, "fresh");
    const inner = new HalfWritingRunner("output");
    const runner = new TranscriptionAttemptRunner(inner);
    const record = job("transcription", artifacts);
    expect(await runner.run(record, noProgress, new AbortController().signal)).toEqual({ output: "report" });
    await runner.run(record, noProgress, new AbortController().signal);
    const [first, second] = inner.payloads.map((payload) => payload.attemptDirectory);
    expect(dirname(first!)).toBe(artifacts);
    expect(dirname(second!)).toBe(artifacts);
    expect(first).not.toBe(second);
    expect(inner.payloads[0]).toEqual({ ...(record.payload as AnalysisJobPayload), attemptDirectory: first });
    expect(record.payload).not.toHaveProperty("attemptDirectory");
  });

  it("a cancelled attempt's half-written folder is removed, and the artifacts folder when left empty", async () => {
    const artifacts = join(scratch, "cancelled");
    const inner = new HalfWritingRunner("abort");
    const controller = new AbortController();
    const running = new TranscriptionAttemptRunner(inner).run(
      job("transcription", artifacts),
      noProgress,
      controller.signal,
    );
    await new Promise<void>((resolve) => {
      const written = () => {
        const attempt = inner.payloads[0]?.attemptDirectory;
        return attempt !== undefined && existsSync(transcriptionFilePath(attempt, "pdf"));
      };
      const poll = () => (written() ? resolve() : setTimeout(poll, 2));
      poll();
    });
    expect(await readdir(inner.payloads[0]!.attemptDirectory!)).toEqual(["transcription.pdf"]);
    controller.abort(new TonearmError("CANCELLED", "the job was stopped (cancel)"));
    await expect(running).rejects.toMatchObject({ summary: { code: "CANCELLED" } });
    expect(existsSync(artifacts)).toBe(false);
  });

  it("a failed attempt's folder goes; files already in place and another attempt's folder stay", async () => {
    const artifacts = join(scratch, "failed");
    const other = join(artifacts, ".attempt-other");
    await mkdir(other, { recursive: true });
    await writeFile(transcriptionFilePath(artifacts, "midi"), "MThd");
    const inner = new HalfWritingRunner("failure");
    const running = new TranscriptionAttemptRunner(inner).run(
      job("transcription", artifacts),
      noProgress,
      new AbortController().signal,
    );
    await expect(running).rejects.toMatchObject({ summary: { code: "CORRUPT_AUDIO", message: "bad audio" } });
    expect(existsSync(inner.payloads[0]!.attemptDirectory!)).toBe(false);
    expect((await readdir(artifacts)).sort()).toEqual([".attempt-other", "transcription.mid"]);
  });

  it("other kinds of jobs, and transcriptions without an artifacts folder, pass through untouched", async () => {
    const inner = new HalfWritingRunner("failure");
    const runner = new TranscriptionAttemptRunner(inner);
    const analysis = job("analysis", join(scratch, "analysis"));
    await expect(runner.run(analysis, noProgress, new AbortController().signal)).rejects.toBeInstanceOf(TaskFailure);
    const bare = job("transcription", undefined);
    await expect(runner.run(bare, noProgress, new AbortController().signal)).rejects.toBeInstanceOf(TaskFailure);
    expect(inner.payloads).toEqual([analysis.payload, bare.payload]);
    expect(inner.payloads[0]).toBe(analysis.payload);
  });
});
