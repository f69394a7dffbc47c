/**
 * `tonearm ingest` in process on SQLite in a temporary home, with real worker threads
 * analysing synthesised WAVs (loudness only, to be quick): one job per content within a run and
 * across runs (copies are duplicates; hidden and non-audio files are skipped), edited content
 * and a deleted analysis are ingested again, --no-wait only queues, a file may be named
 * instead of a folder, usage errors; and --watch: a file written slowly is ingested once,
 * complete, as is a folder moved in, while non-audio and hidden files are ignored.
 */
import { createHash } from "node:crypto";
import { appendFile, copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config/load-config.js";
import { encodeWav } from "../../io/wav-writer.js";
import { type OpenedTonearmService, openService } from "../../service/open-service.js";
import type { IngestReport } from "../ingest-summary.js";
import { captureOutput } from "../test-helpers/run-main.js";
import { runIngest } from "./ingest.js";

const SAVED_ENV = { ...process.env };
let home: string;
let music: string;
let inspector: OpenedTonearmService;

function toneWav(hz: number, seconds = 1): Uint8Array {
  const rate = 8_000;
  const samples = new Float32Array(seconds * rate).map((_, i) => 0.3 * Math.sin((2 * Math.PI * hz * i) / rate));
  return encodeWav({ channels: [samples], sampleRate: rate });
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

async function ingestJson(args: readonly string[]): Promise<{ status: number; report: IngestReport; stderr: string }> {
  const run = await captureOutput(() => runIngest(["--json", "--analyses", "loudness", ...args]));
  return { status: run.status, report: JSON.parse(run.stdout) as IngestReport, stderr: run.stderr };
}

const paths = (entries: readonly { path: string }[]) => entries.map((entry) => entry.path).sort();

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "tonearm-ingest-"));
  music = join(home, "music");
  process.env.TONEARM_HOME = join(home, "home");
  process.env.TONEARM_JOBS = "1";
  delete process.env.TONEARM_DATABASE_URL;
  delete process.env.TONEARM_REDIS_URL;
  delete process.env.TONEARM_CONFIG;
  await mkdir(join(music, "album", ".hidden"), { recursive: true });
  await writeFile(join(music, "album", "one.wav"), toneWav(220));
  await writeFile(join(music, "two.wav"), toneWav(330));
  await copyFile(join(music, "album", "one.wav"), join(music, "copy of one.wav"));
  await copyFile(join(music, "album", "one.wav"), join(music, "album", ".hidden", "one.wav"));
  await writeFile(join(music, "notes.txt"), "not audio");
  inspector = await openService(loadConfig({}), { runJobs: false, pollIntervalMs: 50 });
});

afterAll(async () => {
  await inspector?.close();
  process.env = SAVED_ENV;
  await rm(home, { recursive: true, force: true });
});

describe("tonearm ingest", () => {
  it("queues each content once, waits for the jobs, and queues nothing on a re-run", async () => {
    const first = await ingestJson([music]);
    expect(first.status).toBe(0);
    expect(first.report.queued).toHaveLength(2);
    expect(first.report.duplicates).toHaveLength(1);
    const copy = first.report.duplicates[0]!;
    const original = first.report.queued.find((entry) => entry.path === copy.firstPath);
    expect(original).toBeDefined();
    expect(copy.analysisId).toBe(original?.analysisId);
    expect([copy.path, copy.firstPath].sort()).toEqual([
      join(music, "album", "one.wav"),
      join(music, "copy of one.wav"),
    ]);
    expect(paths([...first.report.queued, ...first.report.duplicates])).not.toContain(join(music, "notes.txt"));
    expect(first.report.jobs).toMatchObject({ completed: 2, failed: [], unfinished: 0 });
    const analysis = await inspector.getAnalysis(original!.analysisId);
    expect(analysis?.job.status).toBe("completed");
    expect(analysis?.report?.analyses.loudness?.integratedLufs).toBeLessThan(0);

    const again = await ingestJson([music]);
    expect(again.status).toBe(0);
    expect(again.report.queued).toHaveLength(0);
    expect(paths(again.report.duplicates)).toEqual(
      [join(music, "album", "one.wav"), join(music, "copy of one.wav"), join(music, "two.wav")].sort(),
    );
    expect(again.report.jobs).toMatchObject({ completed: 0, failed: [], unfinished: 0 });
  });

  it("queues edited content again, and content whose analysis was deleted", async () => {
    const two = join(music, "two.wav");
    await writeFile(two, toneWav(440));
    const edited = await ingestJson([music]);
    expect(paths(edited.report.queued)).toEqual([two]);
    expect(edited.report.queued[0]?.contentHash).toBe(sha256(await readFile(two)));

    expect(await inspector.deleteAnalysis(edited.report.queued[0]!.analysisId)).toBe(true);
    const readded = await ingestJson([two]);
    expect(paths(readded.report.queued)).toEqual([two]);
    expect(readded.report.jobs?.completed).toBe(1);
  });

  it("--no-wait only queues; the text summary counts and names what happened", async () => {
    const three = join(music, "three.wav");
    await writeFile(three, toneWav(550));
    const run = await captureOutput(() => runIngest(["--no-wait", music]));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /4 files, 1 queued, 3 duplicates \(2 ingested before, 1 copy of other files\), 0 unreadable/,
    );
    expect(run.stdout).toMatch(/queued for 'tonearm serve' or 'tonearm worker'/);
    expect(run.stdout).toContain(" = ");
    const page = await inspector.listAnalyses({ fileName: "three.wav" });
    expect(page.items.map((item) => item.job.status)).toEqual(["queued"]);
    // The next waiting run runs it, though it is a duplicate by now.
    const waited = await ingestJson([three]);
    expect(waited.report.duplicates).toHaveLength(1);
    expect(waited.report.jobs).toMatchObject({ completed: 1, unfinished: 0 });
  });

  it("reports a failed job with its reason and exits 1", async () => {
    const broken = join(home, "broken.mp3");
    await writeFile(broken, "this is text, not audio");
    const run = await captureOutput(() => runIngest([broken]));
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/jobs: 0 completed, 1 failed/);
    expect(run.stdout).toMatch(/broken\.mp3: not an audio file.*\[UNSUPPORTED_FORMAT\]/);
  });

  it("refuses a missing folder, no folder, and unknown analyses", async () => {
    await expect(runIngest([join(home, "nowhere")])).rejects.toMatchObject({ code: "FILE_NOT_FOUND" });
    await expect(runIngest([])).rejects.toMatchObject({ code: "INVALID_OPTION" });
    await expect(runIngest(["--analyses", "loudness,telepathy", music])).rejects.toMatchObject({
      code: "INVALID_OPTION",
    });
    await expect(runIngest(["--settle=0", "--watch", music])).rejects.toMatchObject({ code: "INVALID_OPTION" });
    expect((await captureOutput(() => runIngest(["--help"]))).stdout).toMatch(/^Usage: tonearm ingest/);
  });
});

describe("tonearm ingest --watch", () => {
  it("ingests a slowly written file once it is complete, and a folder moved in; ignores other files", async () => {
    const watched = join(home, "inbox");
    await mkdir(watched, { recursive: true });
    const stopping = new AbortController();
    let watching: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      watching = resolve;
    });
    const running = captureOutput(() =>
      runIngest(["--json", "--analyses", "loudness", "--watch", "--settle", "1.5", "--rescan", "0.5", watched], {
        signal: stopping.signal,
        onWatching: () => watching(),
      }),
    );
    await started;

    // Written in 20 pieces with pauses far shorter than the settle time, as a slow copy would.
    const slow = join(watched, "slow.wav");
    const bytes = toneWav(660, 2);
    const piece = Math.ceil(bytes.length / 20);
    for (let offset = 0; offset < bytes.length; offset += piece) {
      await appendFile(slow, bytes.subarray(offset, offset + piece));
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await writeFile(join(watched, "readme.txt"), "not audio");
    await mkdir(join(watched, ".partial"));
    await writeFile(join(watched, ".partial", "hidden.wav"), toneWav(770));
    const outside = join(home, "album-to-move");
    await mkdir(outside);
    await writeFile(join(outside, "moved.wav"), toneWav(880));
    await rename(outside, join(watched, "moved-album"));

    // Until both have been analysed (the inspector reads the same database).
    const deadline = Date.now() + 60_000;
    for (;;) {
      const page = await inspector.listAnalyses({ status: "completed", limit: 500 });
      const names = page.items.map((item) => item.fileName);
      if (names.includes("slow.wav") && names.includes("moved.wav")) break;
      if (Date.now() > deadline) throw new Error(`not ingested in time; completed: ${names.join(", ")}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    stopping.abort();
    const run = await running;
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as IngestReport;
    expect(report.interrupted).toBe(true);
    expect(paths(report.queued)).toEqual([join(watched, "moved-album", "moved.wav"), slow]);
    expect(report.queued.find((entry) => entry.path === slow)?.contentHash).toBe(sha256(bytes));
    expect(report.duplicates).toEqual([]);
    expect(report.unreadable).toEqual([]);
    expect(run.stderr).toMatch(/watching .*inbox/);
    expect(run.stderr).toContain(`queued ${slow}`);
  });
});
