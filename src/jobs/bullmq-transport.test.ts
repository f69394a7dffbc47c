/**
 * The BullMQ transport against the real Redis (127.0.0.1:6379, a key prefix per run) and a
 * real SQLite store: a job whose message never reached Redis (or was lost to a Redis
 * restart or flush) is dispatched again by a worker's recovery round and completes.
 * (Two worker processes sharing jobs, one killed mid-job: src/service/bullmq-scale-out.test.ts.)
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeWav } from "../io/wav-writer.js";
import { openStore, type Store } from "../store/open-store.js";
import { createTestDatabase, type TestDatabase } from "../store/test-helpers/test-databases.js";
import { BullmqJobWorker } from "./bullmq-transport.js";
import { JobEventHub } from "./job-events.js";
import { WorkerThreadJobRunner } from "./job-runner.js";

const WORKER = new URL("./test-helpers/test-job-worker.ts", import.meta.url);
const REDIS_URL = process.env.TONEARM_TEST_REDIS_URL || "redis://127.0.0.1:6379";

describe("BullmqJobWorker", () => {
  let testDatabase: TestDatabase;
  let store: Store;
  let wav: string;

  beforeAll(async () => {
    testDatabase = await createTestDatabase("sqlite");
    store = await openStore(testDatabase.options);
    wav = join(testDatabase.directory, "tone.wav");
    const samples = new Float32Array(44_100 * 2);
    for (let i = 0; i < samples.length; i++) samples[i] = 0.3 * Math.sin((2 * Math.PI * 330 * i) / 44_100);
    await writeWav(wav, { channels: [samples], sampleRate: 44_100 });
  });
  afterAll(async () => {
    await store?.close();
    await testDatabase?.dispose();
  });

  it("dispatches again a queued job that has no message in Redis, and runs it", async () => {
    // Queued in the database, never dispatched: as if Redis had lost the message.
    const job = await store.jobs.insert({ kind: "analysis", payload: { path: wav }, maxAttempts: 1 });
    const worker = new BullmqJobWorker({
      connection: { redisUrl: REDIS_URL, prefix: `tonearm-test-${process.pid}-${Date.now()}` },
      repository: store.jobs,
      runner: new WorkerThreadJobRunner(WORKER, 1, {}),
      events: new JobEventHub(),
      concurrency: 1,
      timeoutMs: 30_000,
      // Recovery acts on queued jobs older than 300 ms; the running job's heartbeat (every
      // 100 ms) keeps it from being taken for abandoned on a slow machine.
      heartbeatMs: 100,
      staleAfterMs: 300,
      recoveryIntervalMs: 200,
    });
    try {
      await worker.start();
      const deadline = Date.now() + 20_000;
      let status = (await store.jobs.get(job.id))?.status;
      while (status !== "completed" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = (await store.jobs.get(job.id))?.status;
      }
      expect(status).toBe("completed");
    } finally {
      await worker.close();
    }
  }, 30_000);
});
