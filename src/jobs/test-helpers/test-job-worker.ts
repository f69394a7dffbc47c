/**
 * A job worker entry for the queue's tests: analyses the WAV named in the payload with the
 * real analyze(), after optionally holding for `holdMs` while reporting progress (so a test can
 * cancel or time out a job that is certainly running), failing with a typed error, or
 * crashing its thread on chosen attempts.
 */
import { parentPort } from "node:worker_threads";
import { summariseError, TonearmError } from "../../analysis/errors.js";
import { analyze } from "../../analyze.js";
import type { JobTask, JobTaskProgress } from "../job-runner.js";
import type { WorkerReply } from "../worker-pool.js";

export interface TestJobPayload {
  readonly path: string;
  readonly holdMs?: number;
  readonly failWith?: string;
  /** Attempts (1-based) on which the worker thread exits abruptly. */
  readonly crashOnAttempts?: readonly number[];
}

export interface TestJobOutput {
  readonly durationSeconds: number;
  readonly analyses: readonly string[];
  readonly attempt: number;
  readonly context: unknown;
}

const port = parentPort;
if (!port) throw new Error("test-job-worker must run in a worker thread");

port.on("message", async ({ id, task }: { id: number; task: JobTask }) => {
  const send = (reply: WorkerReply<TestJobOutput, JobTaskProgress>) => port.postMessage(reply);
  const payload = task.payload as TestJobPayload;
  try {
    if (payload.crashOnAttempts?.includes(task.attempt)) process.exit(3);
    const holdMs = payload.holdMs ?? 0;
    for (let step = 0; step < 20 && holdMs > 0; step++) {
      send({ id, type: "progress", progress: { stage: "hold", fraction: step / 40 } });
      await new Promise((resolve) => setTimeout(resolve, holdMs / 20));
    }
    if (payload.failWith) throw new TonearmError("CORRUPT_AUDIO", `test failure ${payload.failWith}`);
    const report = await analyze(payload.path, {
      analyses: ["loudness", "rhythm"],
      onProgress: ({ stage, fraction }) =>
        send({ id, type: "progress", progress: { stage, fraction: holdMs > 0 ? 0.5 + fraction / 2 : fraction } }),
    });
    send({
      id,
      type: "result",
      result: {
        durationSeconds: report.audio.durationSeconds,
        analyses: Object.keys(report.analyses),
        attempt: task.attempt,
        context: task.context,
      },
    });
  } catch (error) {
    send({ id, type: "error", error: summariseError(error) });
  }
});
