/**
 * End-to-end tests of `tonearm serve` as a user runs it: the real command in a child
 * process, real HTTP, real decoding and analysis in worker threads, and the real database
 * (SQLite in a fresh home, and PostgreSQL in a database created for the run). Uploads are
 * grooves the tests synthesise at known tempos, so every report can be checked.
 * Covered: upload → server-sent events → report; 20 concurrent uploads with correct
 * reports; `kill -9` of the server mid-job, a restart, and every job completed or failed
 * with a reason in an intact database.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Groove, renderGroove } from "../core/rhythm/test-helpers/rhythm-signals.js";
import { encodeWav } from "../io/wav-writer.js";
import { withDefaultUser } from "../store/open-database.js";

const MAIN = new URL("./main.ts", import.meta.url).pathname;
const RATE = 22_050;
const POSTGRES_URL = withDefaultUser(process.env.TONEARM_TEST_DATABASE_URL || "postgres://127.0.0.1:5432/test");
/** The tests poll job status quickly; the default limit (600 per minute) is for people. */
const SERVER_ENV = { TONEARM_RATE_LIMIT: "1000000" };

interface RunningServer {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
}

/** Starts `tonearm serve --port 0` and resolves with its URL once it prints it. */
function startServer(env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, "serve", "--port", "0"], {
    env: { ...process.env, ...SERVER_ENV, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
}

async function stopServer(server: RunningServer, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill(signal);
  await exited;
}

/** A 4/4 groove (kick, snare, eighth hats, a chord per bar) at `tempoBpm`, as WAV bytes. */
function grooveWav(tempoBpm: number, seconds: number): Uint8Array {
  const groove: Groove = {
    pulseBpm: 2 * tempoBpm,
    pulsesPerBar: 8,
    kickPulses: [0, 4],
    snarePulses: [2, 6],
    hatPulses: [0, 1, 2, 3, 4, 5, 6, 7],
    bassPulses: [0],
    chordPulses: [],
    roots: [60, 65, 67, 65],
  };
  return encodeWav({ channels: [renderGroove(groove, RATE, seconds)], sampleRate: RATE });
}

interface JobJson {
  readonly status: string;
  readonly stage: string | null;
  readonly progress: number;
  readonly attempts: number;
  readonly error: { readonly code: string; readonly message: string } | null;
}

interface AnalysisJson {
  readonly id: string;
  readonly job: JobJson;
  readonly report: { readonly analyses: { readonly rhythm?: { readonly tempoBpm: number | null } } } | null;
}

async function upload(url: string, wav: Uint8Array, name: string): Promise<AnalysisJson> {
  const form = new FormData();
  form.append("file", new Blob([wav], { type: "audio/wav" }), name);
  const response = await fetch(`${url}/api/analyses`, { method: "POST", body: form });
  expect(response.status, await response.clone().text()).toBe(202);
  return (await response.json()) as AnalysisJson;
}

async function getAnalysis(url: string, id: string): Promise<AnalysisJson> {
  const response = await fetch(`${url}/api/analyses/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as AnalysisJson;
}

/** Grooves long enough (60 s) to be caught mid-analysis, at tempos the tracker gets right at that length. */
const KILL_TEMPOS = [104, 108, 112, 120];

const FINISHED = new Set(["completed", "failed", "cancelled"]);

async function waitFinished(url: string, id: string, timeoutMs = 120_000): Promise<AnalysisJson> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const analysis = await getAnalysis(url, id);
    if (FINISHED.has(analysis.job.status)) return analysis;
    if (Date.now() > deadline) throw new Error(`analysis ${id} still ${analysis.job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface ServerSentEvent {
  readonly event: string;
  readonly data: string;
}

/** Reads the event stream until it closes. */
async function readEvents(url: string): Promise<ServerSentEvent[]> {
  const response = await fetch(url, { headers: { accept: "text/event-stream" } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
  const events: ServerSentEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const lines = block.split("\n").filter((line) => !line.startsWith(":"));
      const event =
        lines
          .find((line) => line.startsWith("event:"))
          ?.slice(6)
          .trim() ?? "message";
      const data = lines
        .filter((line) => line.startsWith("data:"))
        .map((line) => line.slice(5).trim())
        .join("\n");
      if (lines.length > 0) events.push({ event, data });
      end = buffer.indexOf("\n\n");
    }
  }
  return events;
}

function expectTempo(analysis: AnalysisJson, tempoBpm: number): void {
  expect(analysis.job.status, JSON.stringify(analysis.job.error)).toBe("completed");
  const measured = analysis.report?.analyses.rhythm?.tempoBpm ?? null;
  expect(measured).not.toBeNull();
  expect(Math.abs(measured! / tempoBpm - 1)).toBeLessThan(0.03);
}

interface StoreUnderTest {
  readonly name: string;
  /** Environment for the server; made fresh per store. */
  setUp(): Promise<Record<string, string>>;
  /** Checks the database is intact after a crash. */
  checkIntegrity(env: Record<string, string>): Promise<void>;
  tearDown(): Promise<void>;
}

function sqliteStore(): StoreUnderTest {
  let home = "";
  return {
    name: "SQLite",
    async setUp() {
      home = mkdtempSync(join(tmpdir(), "tonearm-serve-"));
      return { TONEARM_HOME: home };
    },
    async checkIntegrity() {
      const database = new Database(join(home, "tonearm.db"), { readonly: true });
      try {
        expect(database.prepare("PRAGMA integrity_check").pluck().get()).toBe("ok");
      } finally {
        database.close();
      }
    },
    async tearDown() {
      rmSync(home, { recursive: true, force: true });
    },
  };
}

function postgresStore(): StoreUnderTest {
  let home = "";
  const name = `tonearm_e2e_${process.pid}_${Date.now()}`;
  const admin = () => new pg.Client({ connectionString: POSTGRES_URL });
  const databaseUrl = () => {
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    return url.toString();
  };
  return {
    name: "PostgreSQL",
    async setUp() {
      home = mkdtempSync(join(tmpdir(), "tonearm-serve-pg-"));
      const client = admin();
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      return { TONEARM_HOME: home, TONEARM_DATABASE_URL: databaseUrl() };
    },
    async checkIntegrity() {
      // PostgreSQL is crash-safe by design; check the job table is readable and consistent.
      const client = new pg.Client({ connectionString: databaseUrl() });
      await client.connect();
      try {
        const { rows } = await client.query("SELECT count(*)::int AS n FROM jobs WHERE status = 'running'");
        expect(rows[0].n).toBe(0);
      } finally {
        await client.end();
      }
    },
    async tearDown() {
      const client = admin();
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

describe.each([sqliteStore(), postgresStore()])("tonearm serve on $name", (store) => {
  let env: Record<string, string> = {};
  let server: RunningServer | undefined;

  beforeAll(async () => {
    env = await store.setUp();
    server = await startServer(env);
  }, 60_000);

  afterAll(async () => {
    if (server) await stopServer(server);
    await store.tearDown();
  }, 60_000);

  it("upload → progress events → report with the groove's tempo", async () => {
    const created = await upload(server!.url, grooveWav(112, 16), "groove 112.wav");
    expect(["queued", "running"]).toContain(created.job.status);
    const events = await readEvents(`${server!.url}/api/analyses/${created.id}/events`);
    const progress = events.filter((event) => event.event === "progress").map((event) => JSON.parse(event.data));
    expect(progress.length).toBeGreaterThan(0);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i].progress).toBeGreaterThanOrEqual(progress[i - 1].progress);
    }
    expect(events.at(-1)!.event).toBe("done");
    expectTempo(await getAnalysis(server!.url, created.id), 112);
  }, 120_000);

  it("20 concurrent uploads all complete, each with its own tempo", async () => {
    const tempos = Array.from({ length: 20 }, (_, i) => 92 + 2 * i);
    const created = await Promise.all(
      tempos.map((tempo) => upload(server!.url, grooveWav(tempo, 16), `groove ${tempo}.wav`)),
    );
    expect(new Set(created.map((analysis) => analysis.id)).size).toBe(20);
    const finished = await Promise.all(created.map((analysis) => waitFinished(server!.url, analysis.id)));
    finished.forEach((analysis, i) => {
      expectTempo(analysis, tempos[i]!);
    });
  }, 240_000);

  it("kill -9 mid-job, restart: every job completes or fails with a reason; the database is intact", async () => {
    await stopServer(server!);
    server = await startServer({ ...env, TONEARM_JOBS: "1" });
    const created: AnalysisJson[] = [];
    for (const tempo of KILL_TEMPOS) created.push(await upload(server.url, grooveWav(tempo, 60), `${tempo}.wav`));
    // Wait until a job is really running, then kill the server without warning.
    const deadline = Date.now() + 30_000;
    const seen: string[] = [];
    let interrupted = -1;
    for (;;) {
      const statuses = await Promise.all(
        created.map(async (analysis) => (await getAnalysis(server!.url, analysis.id)).job.status),
      );
      seen.push(statuses.join(","));
      interrupted = statuses.indexOf("running");
      if (interrupted >= 0) break;
      if (Date.now() > deadline) throw new Error(`no job started: ${seen.slice(-3).join(" | ")}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await stopServer(server, "SIGKILL");
    server = await startServer(env);
    const finished = await Promise.all(created.map((analysis) => waitFinished(server!.url, analysis.id)));
    for (const analysis of finished) {
      if (analysis.job.status === "failed") {
        expect(analysis.job.error?.code).toBeTruthy();
        expect(analysis.job.error?.message).toBeTruthy();
      } else {
        expect(analysis.job.status).toBe("completed");
      }
    }
    // The interrupted job was retried (a second attempt), so here all of them complete.
    expect(finished[interrupted]!.job.attempts).toBeGreaterThanOrEqual(2);
    finished.forEach((analysis, i) => {
      expectTempo(analysis, KILL_TEMPOS[i]!);
    });
    await stopServer(server);
    await store.checkIntegrity(env);
    server = await startServer(env);
  }, 240_000);
});
