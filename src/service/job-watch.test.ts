import { describe, expect, it } from "vitest";
import { JobEventHub } from "../jobs/job-events.js";
import type { JobRecord } from "../jobs/job-model.js";
import { watchJobEvents } from "./job-watch.js";
import type { JobEvent } from "./service.js";

function runningJob(): JobRecord {
  const now = new Date().toISOString();
  return {
    id: "00000000-0000-4000-8000-000000000001",
    kind: "analysis",
    status: "running",
    stage: "rhythm",
    progress: 0.4,
    attempts: 1,
    maxAttempts: 1,
    error: null,
    payload: null,
    result: null,
    analysisId: null,
    workerId: "elsewhere",
    heartbeatAt: now,
    createdAt: now,
    startedAt: now,
    finishedAt: null,
  };
}

describe("watchJobEvents", () => {
  it("ends as cancelled when the job disappears from the database (deleted by another process)", async () => {
    const job = runningJob();
    let stored: JobRecord | undefined = job;
    const seen: JobEvent[] = [];
    const ended = new Promise<void>((resolve) => {
      watchJobEvents(
        job,
        (event) => {
          seen.push(event);
          if (event.status === "cancelled") resolve();
        },
        { events: new JobEventHub(), read: async () => stored, pollIntervalMs: 5 },
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    stored = undefined;
    await ended;
    expect(seen).toEqual([
      { jobId: job.id, status: "running", stage: "rhythm", progress: 0.4, error: null },
      {
        jobId: job.id,
        status: "cancelled",
        stage: "rhythm",
        progress: 0.4,
        error: { code: "CANCELLED", message: "the job was deleted" },
      },
    ]);
  });
});
