/**
 * Starts a real server on 127.0.0.1 (port 0) over the real service (`openService`): a fresh
 * temporary home, and a fresh database — SQLite in that home, or PostgreSQL
 * (TONEARM_TEST_DATABASE_URL) in a fresh schema dropped on close — for tests that talk HTTP
 * with fetch. Jobs run on a worker thread, for real. Two options hold jobs back where a test
 * must see them unfinished: `runJobs: false` (this process only submits, as `tonearm jobs`
 * does; nothing ever runs) and `gated: true` (jobs run, but each waits for `release(jobId)`).
 * The service's methods are observed, never replaced: `received()` lists what the routes
 * asked of submitAnalysis, `openWatches()` counts watches the routes have not released.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { pino } from "pino";
import { defaultConfig, type TonearmConfig } from "../../config/load-config.js";
import { type OpenedTonearmService, openService } from "../../service/open-service.js";
import type { AnalysisRequest } from "../../service/service.js";
import { createTestDatabase, TEST_POSTGRES_URL, type TestDialect } from "../../store/test-helpers/test-databases.js";
import { buildServer } from "../app.js";
import { uploadDirectory } from "../uploads.js";
import { GATED_JOB_WORKER, openJobGate } from "./job-gates.js";

export interface TestServer {
  readonly app: FastifyInstance;
  readonly base: string;
  readonly service: OpenedTonearmService;
  readonly config: TonearmConfig;
  readonly dialect: TestDialect;
  /** PostgreSQL: the test's schema (for a peer store on the same database). */
  readonly postgresSchema: string | undefined;
  /** A scratch directory (the service's home) removed by close(). */
  readonly scratch: string;
  /** Files currently in the upload directory. */
  uploads(): string[];
  /** Every request the routes handed to submitAnalysis (analyzeNow included), in order. */
  received(): readonly AnalysisRequest[];
  /** Watches opened through service.watchJob (for `jobId`, or all) that were not released yet. */
  openWatches(jobId?: string): number;
  /** With `gated: true`: lets the job start. */
  release(jobId: string): Promise<void>;
  /** Resolves once `condition()` holds (polling every 5 ms); rejects after `timeoutMs`. */
  until(condition: () => boolean | Promise<boolean>, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Default "sqlite". */
  readonly dialect?: TestDialect;
  /** False: jobs are queued and never run (default true). */
  readonly runJobs?: boolean;
  /** True: every job waits for `release(jobId)` before it runs. */
  readonly gated?: boolean;
  /** Another job worker entry (ignored with `gated`). */
  readonly workerUrl?: URL;
  readonly logger?: FastifyBaseLogger;
  readonly sseHeartbeatMs?: number;
}

/** Config overrides, or a function of the scratch directory giving them (to place allowed roots there). */
export type TestConfigOverrides = Partial<TonearmConfig> | ((scratch: string) => Partial<TonearmConfig>);

export async function startTestServer(
  configOverrides: TestConfigOverrides = {},
  options: TestServerOptions = {},
): Promise<TestServer> {
  const dialect = options.dialect ?? "sqlite";
  const database = await createTestDatabase(dialect);
  const scratch = database.directory;
  const overrides = typeof configOverrides === "function" ? configOverrides(scratch) : configOverrides;
  const config: TonearmConfig = Object.freeze({
    ...defaultConfig({ home: scratch }),
    home: scratch,
    dataDir: join(scratch, "data"),
    databaseUrl: dialect === "postgres" ? TEST_POSTGRES_URL : null,
    redisUrl: null,
    jobs: 1,
    jobMaxAttempts: 1,
    ...overrides,
  });
  const service = await openService(config, {
    runJobs: options.runJobs ?? true,
    postgresSchema: database.options.postgresSchema,
    pollIntervalMs: 50,
    heartbeatMs: 200,
    retentionSweepIntervalMs: 0,
    ...(options.gated
      ? { workerUrl: GATED_JOB_WORKER }
      : options.workerUrl === undefined
        ? {}
        : { workerUrl: options.workerUrl }),
  });

  const received: AnalysisRequest[] = [];
  const submit = service.submitAnalysis;
  service.submitAnalysis = (request) => {
    received.push(request);
    return submit(request);
  };
  const watches = new Map<string, number>();
  const watch = service.watchJob;
  service.watchJob = async (id, listener) => {
    const stop = await watch(id, listener);
    watches.set(id, (watches.get(id) ?? 0) + 1);
    let released = false;
    return () => {
      if (!released) {
        released = true;
        watches.set(id, watches.get(id)! - 1);
      }
      stop();
    };
  };

  let app: FastifyInstance;
  try {
    app = await buildServer({
      config,
      service,
      logger: options.logger ?? pino({ level: "silent" }),
      ...(options.sseHeartbeatMs === undefined ? {} : { sseHeartbeatMs: options.sseHeartbeatMs }),
    });
    await app.listen({ host: "127.0.0.1", port: 0 });
  } catch (error) {
    await service.close();
    await database.dispose();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  let closed = false;
  return {
    app,
    base: `http://127.0.0.1:${port}`,
    service,
    config,
    dialect,
    postgresSchema: database.options.postgresSchema,
    scratch,
    uploads: () => {
      try {
        return readdirSync(uploadDirectory(config));
      } catch {
        return [];
      }
    },
    received: () => received,
    openWatches: (jobId) =>
      jobId === undefined ? [...watches.values()].reduce((sum, count) => sum + count, 0) : (watches.get(jobId) ?? 0),
    release: openJobGate,
    until: async (condition, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${condition}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      // app.close() ends the keep-alive connections idle at that moment; one whose response was
      // still finishing (a download the client has just read) would hold the close until the
      // keep-alive timeout (72 s), so idle connections are ended again until the close is done.
      const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
      try {
        await app.close();
      } finally {
        clearInterval(sweep);
      }
      await service.close();
      await database.dispose();
    },
  };
}

/** Polls the analysis until its job has finished, and returns its job status. */
export async function waitForAnalysis(server: TestServer, analysisId: string, timeoutMs = 30_000): Promise<string> {
  let status = "";
  await server.until(async () => {
    const view = await server.service.getAnalysis(analysisId);
    status = view?.job.status ?? "deleted";
    return !["queued", "running"].includes(status);
  }, timeoutMs);
  return status;
}
