/**
 * `tonearm tonics` on a real SQLite database in a temporary TONEARM_HOME: a recording of a
 * tanpura-like drone on D3 (146.83 Hz) under a melody, submitted as an analysis; `set` stores a
 * tonic by hand, `update` runs the tonic-update job here and keeps it, `update --force` replaces
 * it with an estimate within 20 cents; `list` and `show`; usage errors; `--no-wait` only queues,
 * and a second update is then refused while the first is unfinished.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config/load-config.js";
import { hzToCents } from "../../core/pitch/hz-to-cents.js";
import { mix, tanpuraDrone, wanderingMelody } from "../../core/pitch/test-helpers/tonic-signals.js";
import { writeWav } from "../../io/wav-writer.js";
import { openService } from "../../service/open-service.js";
import { captureOutput, runMain } from "../test-helpers/run-main.js";
import { runTonics } from "./tonics.js";

const SA_HZ = 146.83;
const saved = { ...process.env };
let home: string;
let analysisId: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "tonearm-tonics-"));
  process.env.TONEARM_HOME = home;
  process.env.TONEARM_JOBS = "1";
  delete process.env.TONEARM_DATABASE_URL;
  delete process.env.TONEARM_REDIS_URL;
  delete process.env.TONEARM_DATA_DIR;
  const wav = join(home, "raga.wav");
  const samples = mix(tanpuraDrone(SA_HZ, 22_050, 6), wanderingMelody(SA_HZ, 22_050, 6, 7).samples);
  await writeWav(wav, { channels: [samples], sampleRate: 22_050 });
  const producer = await openService(loadConfig({}), { runJobs: false });
  try {
    const submitted = await producer.submitAnalysis({
      kind: "analysis",
      audio: { path: wav, originalName: "raga.wav", owned: false },
      analyses: ["loudness"],
    });
    analysisId = submitted.id;
  } finally {
    await producer.close();
  }
});

afterAll(async () => {
  process.env = { ...saved };
  await rm(home, { recursive: true, force: true });
});

describe("tonearm tonics", () => {
  it("sets a tonic by hand, keeps it through an update, and replaces it with --force", async () => {
    const set = await runMain(["tonics", "set", analysisId, "138"]);
    expect(set).toMatchObject({ status: 0, stderr: "" });
    expect(set.stdout).toMatch(/^138\.0 Hz {2}C#3 −7 cents {2}set by hand\n$/);

    const kept = await runMain(["tonics", "update", "--no-progress"]);
    expect(kept.status).toBe(0);
    expect(kept.stdout).toMatch(/1 recording\(s\): 0 updated, 1 skipped \(0 without audio, 1 set by hand/);

    const forced = await runMain(["tonics", "update", "--force", "--json"]);
    expect(forced.status).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({
      kind: "tonic-update",
      status: "completed",
      result: { updated: 1, failed: 0 },
    });
    const shown = await runMain(["tonics", "show", analysisId, "--json"]);
    const tonic = JSON.parse(shown.stdout);
    expect(tonic).toMatchObject({ source: "estimated", note: "D3", method: "drone+melody" });
    expect(Math.abs(hzToCents(tonic.hz, SA_HZ))).toBeLessThan(20);
    expect((await runMain(["tonics", "show", analysisId])).stdout).toMatch(
      /Hz {2}D3.*confidence 0\.\d\d {2}drone\+melody/,
    );

    const list = await runMain(["tonics", "list"]);
    expect(list.stdout).toMatch(new RegExp(`^${analysisId} {2}14\\d\\.\\d Hz {2}D3.* {2}raga\\.wav\\n$`));
    expect(JSON.parse((await runMain(["tonics", "list", "--json"])).stdout)).toMatchObject({ total: 1 });
  });

  it("refuses bad command lines, unknown analyses and a second unfinished update", async () => {
    expect((await runMain(["tonics"])).status).toBe(2);
    expect((await runMain(["tonics", "set", analysisId])).status).toBe(2);
    expect((await runMain(["tonics", "set", analysisId, "loud"])).status).toBe(2);
    expect((await runMain(["tonics", "set", analysisId, "5"])).stderr).toMatch(/20 to 2000 Hz/);
    await expect(runTonics(["show", "00000000-0000-4000-8000-000000000000"])).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await captureOutput(() => runTonics(["--help"]))).stdout).toMatch(/^Usage: tonearm tonics update/);

    const queued = await runMain(["tonics", "update", "--no-wait"]);
    expect(queued).toMatchObject({ status: 0 });
    expect(queued.stdout).toMatch(/^queued job [0-9a-f-]{36} /);
    const refused = await runMain(["tonics", "update", "--only-missing"]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/CONFLICT|is queued/);
  });
});
