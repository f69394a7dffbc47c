/**
 * End-to-end tests of the tonearm command, run from source as a child process, on files
 * the tests synthesise and encode (with the bundled ffmpeg).
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANALYSIS_NAMES } from "../analysis/registry.js";
import { type Report, ReportSchema } from "../analysis/report.js";
import {
  createFixtureDir,
  encodeFixtures,
  type FixtureDir,
  systemFfmpegSkipReason,
} from "../io/test-helpers/fixtures.js";
import { seededBytes, stereoTones } from "../io/test-helpers/tones.js";
import { encodeWav } from "../io/wav-writer.js";

const MAIN = new URL("./main.ts", import.meta.url).pathname;

interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", MAIN, ...args],
      { env: { ...process.env, ...env }, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

const errorLines = (stderr: string) => stderr.split("\n").filter((line) => line.startsWith("tonearm"));

let fixtures: FixtureDir;
let files: Record<string, string>;

beforeAll(async () => {
  fixtures = await createFixtureDir("cli");
  const tones = stereoTones(44_100, 2, 0.5);
  files = await encodeFixtures(fixtures, tones, ["tones.mp3", "tones.flac"]);
  files["tones.wav"] = fixtures.file("tones.wav");
  writeFileSync(files["tones.wav"], encodeWav(tones, { format: "pcm16" }));
  files.empty = fixtures.file("empty.mp3");
  writeFileSync(files.empty, "");
  files.text = fixtures.file("notes.mp3");
  writeFileSync(files.text, "Shopping list: milk, eggs, bread.\nCall the plumber.\n");
  files.random = fixtures.file("random.flac");
  writeFileSync(files.random, seededBytes(40_000, 7));
  const wav = readFileSync(files["tones.wav"]);
  files.lying = fixtures.file("lying.wav");
  writeFileSync(files.lying, wav.subarray(0, Math.floor(wav.length / 3)));
  const mp3 = readFileSync(files["tones.mp3"]);
  files.truncated = fixtures.file("truncated.mp3");
  writeFileSync(files.truncated, mp3.subarray(0, Math.floor(mp3.length / 3)));
}, 60_000);

afterAll(() => fixtures?.remove());

describe("tonearm analyze", () => {
  it("prints a summary with the file's facts and levels", async () => {
    const result = await runCli(["analyze", files["tones.wav"]!]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("WAV (pcm_s16le), 44.1 kHz, stereo, 16-bit");
    expect(result.stdout).toMatch(/peak −6\.0 dBFS, RMS −9\.0 dBFS/);
    expect(result.stderr).toBe("");
  });

  it("prints the full report as JSON, valid against the schema", async () => {
    const result = await runCli(["analyze", "--json", files["tones.flac"]!]);
    expect(result.status).toBe(0);
    const report = ReportSchema.parse(JSON.parse(result.stdout)) as Report;
    expect(report.source.codec).toBe("flac");
    expect(report.audio.channels).toBe(2);
    expect(report.audio.durationSeconds).toBeCloseTo(2, 2);
    expect(report.analyses.signal!.channels[0]!.samplePeakDbfs!).toBeCloseTo(-6.02, 1);
  });

  it("analyses many files in parallel, reports bad ones on one line each, and writes --out files", async () => {
    const out = fixtures.file("reports");
    const inputs = [files["tones.wav"]!, files.text!, files["tones.mp3"]!, files["tones.flac"]!];
    const result = await runCli(["analyze", "--json", "-j", "2", "--out", out, ...inputs]);
    expect(result.status).toBe(1);
    expect(errorLines(result.stderr)).toEqual([
      expect.stringMatching(/notes\.mp3: .*looks like text.*\[UNSUPPORTED_FORMAT\]$/),
    ]);
    const entries = JSON.parse(result.stdout) as { path: string; report?: unknown; error?: { code: string } }[];
    expect(entries.map((entry) => entry.path)).toEqual(inputs);
    expect(entries[1]!.error!.code).toBe("UNSUPPORTED_FORMAT");
    expect(entries.filter((entry) => entry.report).length).toBe(3);
    expect(readdirSync(out).sort()).toEqual(["tones-2.json", "tones-3.json", "tones.json"]);
  });

  it.each([
    ["empty", "EMPTY_FILE"],
    ["text", "UNSUPPORTED_FORMAT"],
    ["random", "UNSUPPORTED_FORMAT"],
    ["lying", "TRUNCATED_AUDIO"],
    ["truncated", "TRUNCATED_AUDIO"],
  ])("gives a %s file its typed error on one line with exit status 1", async (name, code) => {
    const result = await runCli(["analyze", files[name]!]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(errorLines(result.stderr)).toHaveLength(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(new RegExp(`\\[${code}\\]$`));
  });

  it("reports a missing file and a directory without audio", async () => {
    const missing = await runCli(["analyze", fixtures.file("nope.wav")]);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toMatch(/nope\.wav: .*\[FILE_NOT_FOUND\]$/);
    const emptyDir = fixtures.file("reports-empty");
    await import("node:fs/promises").then((fs) => fs.mkdir(emptyDir));
    const directory = await runCli(["analyze", emptyDir]);
    expect(directory.status).toBe(2);
    expect(directory.stderr.trim()).toMatch(/no audio files found.*\[INVALID_OPTION\]$/);
  });

  it("analyses what a truncated file holds with --allow-truncated", async () => {
    const result = await runCli(["analyze", "--json", "--allow-truncated", files.lying!]);
    expect(result.status).toBe(0);
    const report = ReportSchema.parse(JSON.parse(result.stdout));
    expect(report.audio.durationSeconds).toBeGreaterThan(0.5);
    expect(report.audio.durationSeconds).toBeLessThan(0.8);
  });

  it("refuses a file over --max-duration with TOO_LONG", async () => {
    const result = await runCli(["analyze", "--max-duration", "1", files["tones.flac"]!]);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/\[TOO_LONG\]$/);
  });

  it("rejects unknown analyses, unknown flags and missing files as usage errors", async () => {
    const analyses = await runCli(["analyze", "-a", "tempo", files["tones.wav"]!]);
    expect(analyses.status).toBe(2);
    expect(analyses.stderr.trim()).toBe(
      `tonearm: unknown analysis "tempo"; available: ${ANALYSIS_NAMES.join(", ")} [INVALID_OPTION]`,
    );
    expect((await runCli(["analyze", "--colour", files["tones.wav"]!])).status).toBe(2);
    expect((await runCli(["analyze"])).status).toBe(2);
    expect((await runCli(["transmogrify"])).status).toBe(2);
  });

  it("decodes with the bundled ffmpeg when asked, and with the system's when there is one", async () => {
    const bundled = await runCli(["analyze", "--json", files["tones.mp3"]!], { TONEARM_DECODER: "bundled" });
    expect(bundled.status).toBe(0);
    expect(ReportSchema.parse(JSON.parse(bundled.stdout)).source.decoder).toMatchObject({
      name: "ffmpeg",
      source: "bundled",
    });
    if (systemFfmpegSkipReason() === null) {
      const system = await runCli(["analyze", "--json", "--decoder", "system", files["tones.mp3"]!]);
      expect(ReportSchema.parse(JSON.parse(system.stdout)).source.decoder).toMatchObject({ source: "system" });
    }
  });
});

describe("tonearm probe, decode, doctor, help", () => {
  it("probes without decoding", async () => {
    const result = await runCli(["probe", "--json", files["tones.mp3"]!]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      container: "mp3",
      codec: "mp3",
      sampleRate: 44_100,
      channels: 2,
    });
  });

  it("decodes to a WAV that analyses like the original", async () => {
    const out = fixtures.file("decoded.wav");
    const result = await runCli([
      "decode",
      files["tones.flac"]!,
      "-o",
      out,
      "--format",
      "float32",
      "--sample-rate",
      "22050",
    ]);
    expect(result.status).toBe(0);
    expect(existsSync(out)).toBe(true);
    const report = ReportSchema.parse(JSON.parse((await runCli(["analyze", "--json", out])).stdout));
    expect(report.audio.sampleRate).toBe(22_050);
    expect(report.source.codec).toBe("pcm_f32le");
    expect(report.audio.durationSeconds).toBeCloseTo(2, 2);
  });

  it("tells which decoder is in use", async () => {
    const result = await runCli(["doctor", "--json"]);
    expect(result.status).toBe(0);
    const doctor = JSON.parse(result.stdout) as {
      decoder: { source: string };
      candidates: { bundled: { path: string } };
    };
    expect(["system", "bundled", "env"]).toContain(doctor.decoder.source);
    expect(doctor.candidates.bundled.path).toMatch(/ffmpeg/);
  });

  it("prints help for every command", async () => {
    for (const command of ["analyze", "probe", "decode", "doctor"]) {
      const result = await runCli([command, "--help"]);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`tonearm ${command}`);
    }
    const main = await runCli(["--help"]);
    expect(main.stdout).toContain("Commands:");
  });
});
