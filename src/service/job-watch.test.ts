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

  it("a read of the database trailing a published event does not take the stage back at equal progress", async () => {
    const claimed: JobRecord = { ...runningJob(), stage: "start", progress: 0 };
    const hub = new JobEventHub();
    const seen: string[] = [];
    // The store still says "start" (the progress write is in flight) while this process has published "separate".
    watchJobEvents(claimed, (event) => seen.push(`${event.stage} ${event.progress}`), {
      events: hub,
      read: async () => claimed,
      pollIntervalMs: 2,
    });
    hub.publish({ jobId: claimed.id, status: "running", stage: "separate", progress: 0, error: null });
    await new Promise((resolve) => setTimeout(resolve, 30));
    hub.publish({ jobId: claimed.id, status: "running", stage: "separate", progress: 0.1, error: null });
    expect(seen).toEqual(["start 0", "separate 0", "separate 0.1"]);
  });

  it("a read that has moved on is delivered (a job run by another process)", async () => {
    const job = runningJob();
    let stored: JobRecord = job;
    const seen: string[] = [];
    const stop = watchJobEvents(job, (event) => seen.push(`${event.stage} ${event.progress}`), {
      events: new JobEventHub(),
      read: async () => stored,
      pollIntervalMs: 2,
    });
    stored = { ...job, stage: "tonal", progress: 0.6 };
    await new Promise((resolve) => setTimeout(resolve, 30));
    stop();
    expect(seen).toEqual(["rhythm 0.4", "tonal 0.6"]);
  });
});
