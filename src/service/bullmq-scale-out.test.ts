/**
 * Scale-out for real: jobs submitted by one process go through BullMQ on Redis to two worker
 * processes sharing a PostgreSQL database; both take jobs; one is killed with SIGKILL while
 * running a job, and the other takes that job over (after BullMQ's lock expires) and
 * completes it, with every job completed in the end. Keys live under a prefix of their own.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TonearmConfig } from "../config/load-config.js";
import { writeWav } from "../io/wav-writer.js";
import { openStore, type Store } from "../store/open-store.js";
import { createTestDatabase, TEST_POSTGRES_URL, type TestDatabase } from "../store/test-helpers/test-databases.js";
import { type OpenedTonearmService, openService } from "./open-service.js";
import { testConfig } from "./test-helpers/test-config.js";

const REDIS_URL = process.env.TONEARM_TEST_REDIS_URL || "redis://127.0.0.1:6379";
const WORKER_SCRIPT = new URL("./test-helpers/scale-out-worker.ts", import.meta.url).pathname;

interface WorkerProcess {
  readonly child: ChildProcess;
  readonly workerId: string;
  readonly exited: Promise<number | null>;
}

describe("BullMQ scale-out", () => {
  let testDatabase: TestDatabase;
  let config: TonearmConfig;
  let producer: OpenedTonearmService;
  /** Reads what the views leave out (which worker holds a job). */
  let peer: Store;
  let wav: string;
  const prefix = `tonearm-test-${process.pid}-${Date.now()}`;
  const workers: WorkerProcess[] = [];

  function startWorker(): Promise<WorkerProcess> {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", WORKER_SCRIPT, config.home, prefix, testDatabase.options.postgresSchema!],
      {
        env: {
          ...process.env,
          TONEARM_REDIS_URL: REDIS_URL,
          TONEARM_DATABASE_URL: TEST_POSTGRES_URL,
          TONEARM_TEST_JOB_HOLD_MS: "1500",
        },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    return new Promise((resolve, reject) => {
      let output = "";
      child.stdout!.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = /ready (\S+)/.exec(output);
        if (match) resolve({ child, workerId: match[1]!, exited });
      });
      exited.then((code) => reject(new Error(`worker exited (${code}) before it was ready: ${output}`)));
    });
  }

  async function waitFor<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    testDatabase = await createTestDatabase("postgres");
    config = testConfig(join(testDatabase.directory, "home"), {
      databaseUrl: TEST_POSTGRES_URL,
      redisUrl: REDIS_URL,
      jobMaxAttempts: 3,
    });
    wav = join(testDatabase.directory, "tone.wav");
    const samples = new Float32Array(3 * 44_100).map((_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / 44_100));
    await writeWav(wav, { channels: [samples, samples], sampleRate: 44_100 });
    // The producer migrates the schema before the workers start, and runs no jobs itself.
    producer = await openService(config, { postgresSchema: testDatabase.options.postgresSchema, bullmqPrefix: prefix });
    peer = await openStore(testDatabase.options);
    workers.push(...(await Promise.all([startWorker(), startWorker()])));
  });

  afterAll(async () => {
    for (const worker of workers) {
      if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill("SIGKILL");
      await worker.exited;
    }
    await producer?.close();
    await peer?.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await testDatabase?.dispose();
  });

  it("spreads jobs over two workers and completes a killed worker's job on the other", async () => {
    const submitted = await Promise.all(
      [0, 1, 2, 3].map((index) =>
        producer.submitAnalysis({
          kind: "analysis",
          audio: { path: wav, originalName: `tone-${index}.wav`, owned: false },
          analyses: ["loudness"],
        }),
      ),
    );
    const readiness = await producer.readiness();
    expect(readiness.find((check) => check.name === "queue")).toMatchObject({
      ok: true,
      detail: expect.stringContaining("BullMQ"),
    });

    // Both workers hold a job at the same time.
    const running = await waitFor(async () => {
      const page = await producer.listJobs({ status: "running" });
      const jobs = await Promise.all(page.items.map((job) => producer.getJob(job.id)));
      return jobs.filter((job) => job?.stage === "hold").length === 2 ? page.items : undefined;
    }, "two jobs running at once");
    const { items } = await producer.listJobs({ status: "running" });
    expect(items.map((job) => job.id).sort()).toEqual(running.map((job) => job.id).sort());

    // Kill the worker holding the first running job, without warning.
    const victimJob = (await peer.jobs.get(running[0]!.id))!;
    const victim = workers.find((worker) => worker.workerId === victimJob.workerId)!;
    const survivor = workers.find((worker) => worker !== victim)!;
    expect(victim).toBeDefined();
    const holders = await Promise.all(running.map(async (job) => (await peer.jobs.get(job.id))?.workerId));
    expect(new Set(holders)).toEqual(new Set(workers.map((worker) => worker.workerId)));
    victim.child.kill("SIGKILL");
    await victim.exited;

    const finished = await Promise.all(
      submitted.map((analysis) =>
        waitFor(async () => {
          const job = await producer.getJob(analysis.job.id);
          return job && ["completed", "failed", "cancelled"].includes(job.status) ? job : undefined;
        }, `job ${analysis.job.id} to finish`),
      ),
    );
    expect(finished.map((job) => job.status)).toEqual(["completed", "completed", "completed", "completed"]);
    // The killed worker's job was taken over by the survivor on a second attempt; every report is there.
    expect(await peer.jobs.get(victimJob.id)).toMatchObject({ attempts: 2, workerId: survivor.workerId });
    for (const analysis of submitted) {
      expect((await producer.getAnalysis(analysis.id))?.report?.analyses.loudness).toBeDefined();
    }

    survivor.child.kill("SIGTERM");
    expect(await survivor.exited).toBe(0);
  });
});
