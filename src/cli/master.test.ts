/**
 * `tonearm master` end to end, as a child process, on WAV files the test synthesises: the six
 * cases the issue names (silent, mono, one silent channel, clipped, 5.1, 96 kHz) each give a
 * report that explains itself, options are checked before decoding, and --json carries the
 * recommendations.
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toneSegments } from "../core/loudness/ebu-test-signals.js";
import { createFixtureDir, type FixtureDir } from "../io/test-helpers/fixtures.js";
import { encodeWav } from "../io/wav-writer.js";

const MAIN = new URL("./main.ts", import.meta.url).pathname;

function runCli(args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", MAIN, ...args], { maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let fixtures: FixtureDir;
const files: Record<string, string> = {};

function writeFixture(name: string, channels: Float32Array[], sampleRate: number): void {
  files[name] = fixtures.file(name);
  writeFileSync(files[name], encodeWav({ channels, sampleRate }, { format: "float32" }));
}

beforeAll(async () => {
  fixtures = await createFixtureDir("master");
  const tone = (rate: number, dbfs: number, seconds: number, frequency = 220) =>
    toneSegments([[dbfs, seconds]], rate, { frequency });
  writeFixture("silent.wav", [new Float32Array(44_100 * 4), new Float32Array(44_100 * 4)], 44_100);
  writeFixture("mono.wav", [tone(44_100, -14, 6, 1000)], 44_100);
  const left = tone(44_100, -14, 6);
  writeFixture("one-silent.wav", [left, new Float32Array(left.length)], 44_100);
  const clipped = tone(44_100, 6, 6).map((value) => Math.max(-1, Math.min(1, value)));
  writeFixture("clipped.wav", [clipped, clipped], 44_100);
  writeFixture(
    "surround.wav",
    Array.from({ length: 6 }, (_, c) => tone(48_000, -20, 6, 200 + 100 * c)),
    48_000,
  );
  const hiRes = tone(96_000, -16, 6, 1000);
  writeFixture("hires.wav", [hiRes, hiRes], 96_000);
  writeFileSync(fixtures.file("notes.txt"), "not audio at all\n");
});
afterAll(() => fixtures.remove());

describe("tonearm master", () => {
  it("documents itself and lists at least 24 genre targets", async () => {
    const help = await runCli(["master", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--genre/);
    expect(help.stdout).toMatch(/informative \| suggestive \| prescriptive/);
    const list = await runCli(["master", "--list-genres"]);
    expect(list.status).toBe(0);
    const ids = list.stdout
      .trim()
      .split("\n")
      .map((line) => line.split(/\s+/)[0]);
    expect(ids.length).toBeGreaterThanOrEqual(25);
    for (const id of ["psytrance", "techno", "drum-and-bass", "classical", "metal", "balanced"])
      expect(ids).toContain(id);
  });

  it("checks the genre and level before decoding anything (usage errors, exit 2)", async () => {
    const genre = await runCli(["master", files["mono.wav"]!, "--genre", "polka"]);
    expect(genre.status).toBe(2);
    expect(genre.stderr).toMatch(/unknown genre "polka"; expected one of .*techno.* \[INVALID_OPTION\]/);
    const level = await runCli(["master", files["mono.wav"]!, "--level", "shouty"]);
    expect(level.status).toBe(2);
    expect(level.stderr).toMatch(/recommendation level must be one of informative, suggestive, prescriptive/);
  });

  it("explains a silent file, a mono file and a file with one silent channel", async () => {
    const result = await runCli(["master", files["silent.wav"]!, files["mono.wav"]!, files["one-silent.wav"]!]);
    expect(result.status).toBe(0);
    const [silent, mono, oneSilent] = result.stdout.split("\n\n");
    expect(silent).toMatch(/loudness {2}below the −70 LUFS gate/);
    expect(silent).toMatch(/cannot assess/i);
    expect(mono).toMatch(/stereo {4}mono \(correlation 1, nothing lost when summed\)/);
    expect(mono).toMatch(/loudness {2}−17\.0 LUFS integrated/); // one channel of a 1 kHz sine at −14 dBFS: −14 − 3.01
    expect(oneSilent).toMatch(/correlation –/);
    expect(oneSilent).toMatch(/note {6}.*silent/i);
  });

  it("reports a clipped file's clipped runs and a true peak above full scale", async () => {
    const result = await runCli(["master", files["clipped.wav"]!, "--json"]);
    expect(result.status).toBe(0);
    const { report, recommendations } = JSON.parse(result.stdout);
    expect(report.analyses.mastering.clipping.events).toBeGreaterThan(500);
    expect(report.analyses.loudness.truePeakDbtp).toBeGreaterThanOrEqual(0);
    const clipping = recommendations.overall.find((finding: { area: string }) => finding.area === "clipping");
    expect(clipping.severity).not.toBe("ok");
  });

  it("handles 5.1 (front pair for stereo, weighted surrounds) and 96 kHz", async () => {
    const result = await runCli([
      "master",
      files["surround.wav"]!,
      files["hires.wav"]!,
      "--genre",
      "classical",
      "--json",
    ]);
    expect(result.status).toBe(0);
    const [surround, hiRes] = JSON.parse(result.stdout);
    expect(surround.report.analyses.mastering.stereo.source).toBe("front-pair");
    expect(surround.report.analyses.loudness.channelWeights).toEqual([1, 1, 1, 0, 1.41, 1.41]);
    expect(surround.target.id).toBe("classical");
    expect(hiRes.report.audio.sampleRate).toBe(96_000);
    expect(hiRes.report.analyses.loudness.integratedLufs).toBeCloseTo(-16, 1);
    const mid = hiRes.report.analyses.mastering.bands.find((band: { name: string }) => band.name === "mid");
    expect(mid.energyShare).toBeGreaterThan(0.99);
  });

  it("fails one bad input with its code and still measures the others (exit 1)", async () => {
    const result = await runCli(["master", fixtures.file("notes.txt"), files["mono.wav"]!]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/UNSUPPORTED_FORMAT/);
    expect(result.stdout).toMatch(/mono\.wav/);
  });
});
