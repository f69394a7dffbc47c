/**
 * `tonearm library scan` end to end, in process, on a real library encoded by ffmpeg and a
 * SQLite database in a temporary TONEARM_HOME: the summary, the JSON, a re-scan that reads
 * nothing, and usage errors.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixtureDir, type FixtureDir } from "../io/test-helpers/fixtures.js";
import { buildTestLibrary } from "../library/test-helpers/test-library.js";
import { runMain } from "./test-helpers/run-main.js";

const run = runMain;

describe("tonearm library scan", () => {
  let fixtures: FixtureDir;
  let root: string;
  const savedHome = process.env.TONEARM_HOME;
  const savedUrl = process.env.TONEARM_DATABASE_URL;

  beforeAll(async () => {
    fixtures = await createFixtureDir("cli-library");
    process.env.TONEARM_HOME = join(fixtures.dir, "home");
    delete process.env.TONEARM_DATABASE_URL;
    root = join(fixtures.dir, "Music with spaces; and 'quotes'");
    await buildTestLibrary(root, [
      { path: "Ana/First/01.mp3", tags: { artist: "Ana", album: "First", title: "Uno" } },
      { path: "Ana/First/02.flac", tags: { artist: "Ana", album: "First", title: "Dos" }, frequency: 500 },
    ]);
  }, 60_000);

  afterAll(async () => {
    if (savedHome === undefined) delete process.env.TONEARM_HOME;
    else process.env.TONEARM_HOME = savedHome;
    if (savedUrl !== undefined) process.env.TONEARM_DATABASE_URL = savedUrl;
    await fixtures?.remove();
  });

  it("scans, summarises, and reads nothing the second time", async () => {
    const first = await run(["library", "scan", root, "--no-progress"]);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("2 files in 1 album");
    expect(first.stdout).toContain("added 2");
    const second = await run(["library", "scan", root, "--json"]);
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ files: 2, unchanged: 2, added: 0, albums: 1 });
  });

  it("answers usage errors with one line", async () => {
    const missing = await run(["library", "scan", join(root, "nope")]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/nope/);
    expect((await run(["library", "scan"])).status).toBe(2);
    expect((await run(["library", "frobnicate"])).status).toBe(2);
    expect((await run(["library", "--help"])).stdout).toContain("scan ROOT");
  });
});
