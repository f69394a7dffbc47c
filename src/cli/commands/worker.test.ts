/**
 * `tonearm worker` as a real child process sharing a SQLite database with this test: it runs
 * a job submitted here and stops gracefully on SIGTERM. `tonearm jobs` lists, cancels and
 * retries (in-process, output captured).
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../config/load-config.js";
import { writeWav } from "../../io/wav-writer.js";
import { type OpenedTonearmService, openService } from "../../service/open-service.js";
import { runJobs } from "./jobs.js";

const WORKER_MODULE = new URL("./worker.ts", import.meta.url).href;

let home: string;
let wav: string;
let producer: OpenedTonearmService;
const savedHome = process.env.TONEARM_HOME;

async function captureStdout(run: () => Promise<number>): Promise<{ status: number; output: string }> {
  let output = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    output += chunk.toString();
    return true;
  });
  try {
    return { status: await run(), output };
  } finally {
    spy.mockRestore();
  }
}

async function waitForStatus(jobId: string, status: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await producer.getJob(jobId))?.status !== status) {
    if (Date.now() > deadline) throw new Error(`job ${jobId} never became ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "tonearm-worker-"));
  process.env.TONEARM_HOME = home;
  wav = join(home, "tone.wav");
  const samples = new Float32Array(3 * 44_100).map((_, i) => 0.3 * Math.sin((2 * Math.PI * 330 * i) / 44_100));
  await writeWav(wav, { channels: [samples], sampleRate: 44_100 });
  producer = await openService(loadConfig({ jobs: 1 }), { runJobs: false, pollIntervalMs: 50 });
});
afterAll(async () => {
  await producer?.close();
  process.env.TONEARM_HOME = savedHome;
  await rm(home, { recursive: true, force: true });
});

describe("tonearm jobs", () => {
  it("lists, cancels and retries queued jobs without running them", async () => {
    const submitted = await producer.submitAnalysis({
      kind: "analysis",
      audio: { path: wav, originalName: "tone.wav", owned: false },
      analyses: ["loudness"],
    });
    const listed = await captureStdout(() => runJobs(["list", "--status", "queued"]));
    expect(listed.status).toBe(0);
    expect(listed.output).toContain(submitted.job.id);
    expect(listed.output).toMatch(/analysis\s+queued/);

    const cancelled = await captureStdout(() => runJobs(["cancel", submitted.job.id, "--json"]));
    expect(JSON.parse(cancelled.output)).toMatchObject({ id: submitted.job.id, status: "cancelled" });
    await expect(runJobs(["cancel", submitted.job.id])).rejects.toMatchObject({ code: "CONFLICT" });
    const retried = await captureStdout(() => runJobs(["retry", submitted.job.id]));
    expect(retried.output).toMatch(/queued/);
    const json = await captureStdout(() => runJobs(["--json", "--kind", "analysis"]));
    expect(JSON.parse(json.output)).toMatchObject({ total: 1, items: [{ id: submitted.job.id, status: "queued" }] });
    await expect(runJobs(["--status", "sleeping"])).rejects.toMatchObject({ code: "INVALID_OPTION" });
    await expect(runJobs(["explode"])).rejects.toMatchObject({ code: "INVALID_OPTION" });
    expect((await captureStdout(() => runJobs(["--help"]))).output).toMatch(/^Usage: tonearm jobs/);
    await producer.cancelJob(submitted.job.id);
  });
});

describe("tonearm worker", () => {
  it("runs jobs from the shared database and stops gracefully on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `const { runWorker } = await import(${JSON.stringify(WORKER_MODULE)}); process.exitCode = await runWorker([]);`,
      ],
      { env: { ...process.env, TONEARM_HOME: home, TONEARM_JOBS: "1" }, stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

    const submitted = await producer.submitAnalysis({
      kind: "mastering",
      audio: { path: wav, originalName: "tone.wav", owned: false },
    });
    await waitForStatus(submitted.job.id, "completed");
    const done = await producer.getAnalysis(submitted.id);
    expect(done?.mastering?.report.analyses.loudness?.integratedLufs).toBeLessThan(0);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/running up to 1 jobs at once/);
    expect(stderr).toContain(`job ${submitted.job.id} completed`);
    expect(stderr).toMatch(/stopping/);
  });
});
