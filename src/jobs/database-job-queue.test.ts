/**
 * The embedded queue with its real parts: jobs in SQLite and PostgreSQL (the store's
 * repository), executed on worker threads that decode and analyse short synthesised WAVs.
 * Covers completion with increasing progress, concurrency, cancel (the worker thread is
 * terminated), timeout, typed failures, a crashing worker thread (retried), retry, recovery of
 * jobs left running by a dead process, and a graceful close that hands its job back.
 */
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { writeWav } from "../io/wav-writer.js";
import { openStore, type Store } from "../store/open-store.js";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "../store/test-helpers/test-databases.js";
import { DatabaseJobQueue, type DatabaseJobQueueOptions } from "./database-job-queue.js";
import type { JobEvent } from "./job-events.js";
import type { JobRecord } from "./job-model.js";
import { type JobRunner, WorkerThreadJobRunner } from "./job-runner.js";
import type { TestJobOutput, TestJobPayload } from "./test-helpers/test-job-worker.js";

const WORKER = new URL("./test-helpers/test-job-worker.ts", import.meta.url);

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
async function waitFor<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A click every half second over a 220 Hz tone, stereo, 44.1 kHz. */
async function writeTestWav(path: string, seconds: number): Promise<void> {
  const rate = 44_100;
  const channels = [0, 1].map((channel) => {
    const samples = new Float32Array(seconds * rate);
    for (let i = 0; i < samples.length; i++) {
      samples[i] = 0.2 * Math.sin((2 * Math.PI * (220 + 110 * channel) * i) / rate) + (i % 22_050 < 64 ? 0.6 : 0);
    }
    return samples;
  });
  await writeWav(path, { channels, sampleRate: rate });
}

describe.each(TEST_DIALECTS)("DatabaseJobQueue on %s", (dialect) => {
  let testDatabase: TestDatabase;
  let store: Store;
  let runner: WorkerThreadJobRunner;
  /** The shared runner, not closed by each test's queue (starting worker threads costs ~1 s). */
  let sharedRunner: JobRunner;
  let wav: string;
  const queues: DatabaseJobQueue[] = [];

  beforeAll(async () => {
    testDatabase = await createTestDatabase(dialect);
    store = await openStore(testDatabase.options);
    runner = new WorkerThreadJobRunner(WORKER, 2, { settings: "from the runner" });
    sharedRunner = { run: (...args) => runner.run(...args), close: async () => {} };
    wav = join(testDatabase.directory, "clicks.wav");
    await writeTestWav(wav, 4);
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.close()));
  });
  afterAll(async () => {
    await runner?.close();
    await store?.close();
    await testDatabase?.dispose();
  });

  async function startQueue(options: Partial<DatabaseJobQueueOptions> = {}): Promise<DatabaseJobQueue> {
    const queue = new DatabaseJobQueue({
      repository: store.jobs,
      runner: sharedRunner,
      concurrency: 2,
      timeoutMs: 30_000,
      heartbeatMs: 100,
      pollIntervalMs: 100,
      ...options,
    });
    queues.push(queue);
    await queue.start();
    return queue;
  }

  async function submit(queue: DatabaseJobQueue, payload: Partial<TestJobPayload> = {}, maxAttempts = 2) {
    const job = await store.jobs.insert({ kind: "analysis", payload: { path: wav, ...payload }, maxAttempts });
    queue.wake();
    return job;
  }

  const finished = (id: string) =>
    waitFor(async () => {
      const job = await store.jobs.get(id);
      return job && ["completed", "failed", "cancelled"].includes(job.status) ? job : undefined;
    }, `job ${id} to finish`);

  const runningJob = (id: string) =>
    waitFor(async () => {
      const job = await store.jobs.get(id);
      return job?.status === "running" && job.stage === "hold" ? job : undefined;
    }, `job ${id} to run`);

  it("runs a job on a worker thread, with stages and increasing progress, to completion", async () => {
    const queue = await startQueue();
    const job = await store.jobs.insert({ kind: "analysis", payload: { path: wav, holdMs: 400 }, maxAttempts: 1 });
    const events: JobEvent[] = [];
    const ended = new Promise<void>((resolve) => {
      const unsubscribe = queue.events.subscribe(job.id, (event) => {
        events.push(event);
        if (event.status !== "running") {
          unsubscribe();
          resolve();
        }
      });
    });
    queue.wake();
    await ended;
    const done = (await store.jobs.get(job.id))!;
    expect(done.status).toBe("completed");
    expect(done.attempts).toBe(1);
    const output = done.result as TestJobOutput;
    expect(output.durationSeconds).toBeCloseTo(4, 2);
    expect(output.analyses).toEqual(expect.arrayContaining(["loudness", "rhythm"]));
    expect(output.context).toEqual({ settings: "from the runner" });

    const running = events.filter((event) => event.status === "running");
    expect(running.length).toBeGreaterThanOrEqual(3);
    const progress = running.map((event) => event.progress);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(new Set(running.map((event) => event.stage))).toContain("hold");
    expect(events.at(-1)).toMatchObject({ status: "completed", progress: 1 });
  });

  it("runs at most `concurrency` jobs at once and completes them all", async () => {
    const queue = await startQueue({ concurrency: 2 });
    const jobs = await Promise.all([0, 1, 2].map(() => submit(queue, { holdMs: 300 })));
    let most = 0;
    const watching = setInterval(() => {
      most = Math.max(most, queue.state().running);
    }, 10);
    const done = await Promise.all(jobs.map((job) => finished(job.id)));
    clearInterval(watching);
    expect(done.map((job) => job.status)).toEqual(["completed", "completed", "completed"]);
    expect(most).toBe(2);
  });

  it("cancels a running job at once by terminating its worker thread", async () => {
    const queue = await startQueue();
    const job = await submit(queue, { holdMs: 10_000 });
    await runningJob(job.id);
    const started = Date.now();
    const cancelled = await queue.cancel(job.id);
    expect(cancelled.status).toBe("cancelled");
    await waitFor(async () => (queue.state().running === 0 ? true : undefined), "the attempt to stop", 2_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    const stored = await store.jobs.get(job.id);
    expect(stored).toMatchObject({ status: "cancelled", error: { code: "CANCELLED" } });
    await expect(queue.cancel(job.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(queue.cancel("00000000-0000-0000-0000-000000000000")).rejects.toMatchObject({ code: "NOT_FOUND" });

    // The replaced worker takes the next job, and a retry completes the cancelled one.
    const next = await submit(queue);
    expect((await finished(next.id)).status).toBe("completed");
    await queue.retry(job.id);
    await expect(queue.retry(next.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await store.jobs.cancel(job.id, { code: "CANCELLED", message: "tidy up" });
  });

  it("stops a job that runs too long with TIMEOUT", async () => {
    const queue = await startQueue({ timeoutMs: 300 });
    const job = await submit(queue, { holdMs: 10_000 });
    const done = await finished(job.id);
    expect(done.status).toBe("failed");
    expect(done.error?.code).toBe("TIMEOUT");
    expect(done.error?.message).toMatch(/limit of 0 s|limit/);
    expect(done.attempts).toBe(1);
  });

  it("records a typed failure without retrying, and retries it on request", async () => {
    const queue = await startQueue();
    const job = await submit(queue, { failWith: "bad bytes" }, 3);
    const failed = await finished(job.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 1, error: { code: "CORRUPT_AUDIO" } });
    const retried = await queue.retry(job.id);
    expect(retried).toMatchObject({ status: "queued", attempts: 0, error: null });
    expect((await finished(job.id)).error?.code).toBe("CORRUPT_AUDIO");
  });

  it("retries an attempt whose worker thread crashed, until attempts run out", async () => {
    const queue = await startQueue();
    const recovers = await submit(queue, { crashOnAttempts: [1] }, 2);
    const done = await finished(recovers.id);
    expect(done).toMatchObject({ status: "completed", attempts: 2 });
    expect((done.result as TestJobOutput).attempt).toBe(2);

    const givesUp = await submit(queue, { crashOnAttempts: [1, 2] }, 2);
    const failed = await finished(givesUp.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 2, error: { code: "WORKER_EXITED" } });
    expect(failed.error?.message).toMatch(/attempt 2 of 2/);
  });

  it("recovers jobs left running by a dead process on start: re-queued and completed, or INTERRUPTED", async () => {
    const deadWorker = `${hostname()}:${2 ** 22 + 12_345}:dead`;
    const resumed = await store.jobs.insert({ kind: "analysis", payload: { path: wav }, maxAttempts: 2 });
    const exhausted = await store.jobs.insert({ kind: "analysis", payload: { path: wav }, maxAttempts: 1 });
    const staleElsewhere = await store.jobs.insert({ kind: "analysis", payload: { path: wav }, maxAttempts: 2 });
    await store.jobs.claim(resumed.id, deadWorker);
    await store.jobs.claim(exhausted.id, deadWorker);
    await store.jobs.claim(staleElsewhere.id, "other-host:1:beef");

    const queue = await startQueue({ staleAfterMs: 60_000 });
    expect((await finished(resumed.id)).status).toBe("completed");
    expect((await store.jobs.get(resumed.id))?.attempts).toBe(2);
    const interrupted = await store.jobs.get(exhausted.id);
    expect(interrupted).toMatchObject({ status: "failed", error: { code: "INTERRUPTED" } });
    expect(interrupted?.error?.message).toMatch(/attempt 1 of 1/);
    // Another host's job with a fresh heartbeat is left alone until the heartbeat goes stale.
    expect((await store.jobs.get(staleElsewhere.id))?.status).toBe("running");
    const report = await new DatabaseJobQueue({
      repository: store.jobs,
      runner: sharedRunner,
      timeoutMs: 1_000,
      staleAfterMs: 0,
    }).recover();
    expect(report.requeued).toContain(staleElsewhere.id);
    queue.wake();
    expect((await finished(staleElsewhere.id)).status).toBe("completed");
  });

  it("on close hands its running job back without counting the attempt; the next queue completes it", async () => {
    const first = await startQueue();
    const job = await submit(first, { holdMs: 10_000 }, 1);
    await runningJob(job.id);
    await first.close();
    const handedBack = (await store.jobs.get(job.id)) as JobRecord;
    expect(handedBack).toMatchObject({ status: "queued", attempts: 0, workerId: null });
    const second = await startQueue();
    const takenOver = await runningJob(job.id);
    expect(takenOver).toMatchObject({ workerId: second.workerId, attempts: 1 });
    await second.cancel(job.id);
  });
});
