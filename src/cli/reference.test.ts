/**
 * `tonearm reference` and `tonearm similar` end to end, as child processes with their own
 * TONEARM_HOME: references are measured, listed, found by similarity (with a genre filter)
 * and removed; concurrent adds lose nothing; a damaged catalogue gets a clear error.
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeededRandom } from "../core/test-helpers/seeded-random.js";
import { createFixtureDir, type FixtureDir } from "../io/test-helpers/fixtures.js";
import { encodeWav } from "../io/wav-writer.js";

const MAIN = new URL("./main.ts", import.meta.url).pathname;

let fixtures: FixtureDir;
let home: string;

function runCli(args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", MAIN, ...args],
      { env: { ...process.env, TONEARM_HOME: home }, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

/** Stereo noise through a one-pole filter: `brightness` near 1 keeps the highs, near 0 only lows. */
function noise(seed: number, brightness: number, seconds = 6, rate = 44_100): Float32Array[] {
  const random = createSeededRandom(seed);
  return [0, 1].map(() => {
    const out = new Float32Array(seconds * rate);
    let state = 0;
    for (let i = 0; i < out.length; i++) {
      state += brightness * (2 * random() - 1 - state);
      out[i] = 0.3 * state;
    }
    return out;
  });
}

const file = (name: string) => fixtures.file(name);

beforeAll(async () => {
  fixtures = await createFixtureDir("references");
  home = fixtures.file("home");
  const write = (name: string, channels: Float32Array[]) =>
    writeFileSync(file(name), encodeWav({ channels, sampleRate: 44_100 }, { format: "float32" }));
  write("bright-a.wav", noise(1, 0.9));
  write("bright-b.wav", noise(2, 0.85));
  write("dark.wav", noise(3, 0.02));
  for (let i = 0; i < 4; i++) write(`extra-${i}.wav`, noise(10 + i, 0.3 + 0.1 * i, 3));
});
afterAll(() => fixtures.remove());

describe("tonearm reference and similar", () => {
  it("adds, lists, finds the closest reference (within a genre) and removes", async () => {
    expect((await runCli(["reference", "list"])).stdout).toMatch(/no references yet/);
    const added = await runCli([
      "reference",
      "add",
      file("bright-a.wav"),
      "--name",
      "Bright",
      "--artist",
      "A",
      "--genre",
      "Techno",
      "--year",
      "2021",
    ]);
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/^added bright-[0-9a-f]{8} {2}A – Bright {2}\(Techno, 2021\)$/m);
    await runCli(["reference", "add", file("dark.wav"), "--name", "Dark", "--genre", "ambient"]);
    const list = await runCli(["reference", "list", "--json"]);
    const references = JSON.parse(list.stdout) as { id: string; name: string; genre: string }[];
    expect(references.map((reference) => reference.name)).toEqual(["Bright", "Dark"]);

    const similar = JSON.parse((await runCli(["similar", file("bright-b.wav"), "--json"])).stdout);
    expect(similar.searched).toBe(2);
    expect(similar.matches.map((match: { reference: { name: string } }) => match.reference.name)).toEqual([
      "Bright",
      "Dark",
    ]);
    expect(similar.matches[0].score).toBeGreaterThan(similar.matches[1].score + 0.3);
    const ambientOnly = JSON.parse(
      (await runCli(["similar", file("bright-b.wav"), "--genre", "AMBIENT", "--json"])).stdout,
    );
    expect(ambientOnly.matches.map((match: { reference: { name: string } }) => match.reference.name)).toEqual(["Dark"]);
    const text = await runCli(["similar", file("bright-b.wav"), "--top", "1"]);
    expect(text.stdout).toMatch(/1 of 2 references\n {3}1\. 0\.\d{3} {2}A – Bright {2}\(Techno, 2021\)/);

    const dark = references.find((reference) => reference.name === "Dark")!;
    expect((await runCli(["reference", "remove", dark.id])).status).toBe(0);
    expect((await runCli(["reference", "list"])).stdout).not.toMatch(/Dark/);
    const missing = await runCli(["reference", "remove", dark.id]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/REFERENCE_NOT_FOUND/);
  });

  it("loses no reference when several processes add at once", async () => {
    const before = JSON.parse((await runCli(["reference", "list", "--json"])).stdout).length;
    const results = await Promise.all(
      [0, 1, 2, 3].map((i) => runCli(["reference", "add", file(`extra-${i}.wav`), "--genre", "test"])),
    );
    expect(results.map((result) => result.status)).toEqual([0, 0, 0, 0]);
    const after = JSON.parse((await runCli(["reference", "list", "--json"])).stdout);
    expect(after.length).toBe(before + 4);
  });

  it("rejects bad options and explains a damaged catalogue", async () => {
    const year = await runCli(["reference", "add", file("dark.wav"), "--year", "20x"]);
    expect(year.status).toBe(2);
    expect(year.stderr).toMatch(/--year must be a four-digit year/);
    const top = await runCli(["similar", file("dark.wav"), "--top", "0"]);
    expect(top.status).toBe(2);
    writeFileSync(`${home}/references.json`, "{ not json");
    const damaged = await runCli(["reference", "list"]);
    expect(damaged.status).toBe(1);
    expect(damaged.stderr).toMatch(/reference catalogue is damaged.*CATALOGUE_INVALID/);
  });
});
