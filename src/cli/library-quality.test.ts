/**
 * `tonearm library quality` on a real library: a track copied into another album under other
 * tags is found by its fingerprint (--audio) but not by its tags, a file that is not audio is
 * reported unreadable, a FLAC cut short is reported undecodable, and missing tags are counted.
 */
import { open, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { melody } from "../core/fingerprint/test-helpers/music-like.js";
import { bundledFfmpegPath, createFixtureDir, type FixtureDir, runFfmpeg } from "../io/test-helpers/fixtures.js";
import { buildTestLibrary } from "../library/test-helpers/test-library.js";
import { runMain } from "./test-helpers/run-main.js";

/** 20 s of a seeded melody, a different tune per seed. */
function music(seed: number) {
  const samples = melody(44_100, 20, seed);
  return { key: `melody-${seed}`, signal: { channels: [samples, samples], sampleRate: 44_100 } };
}

describe("tonearm library quality", () => {
  let fixtures: FixtureDir;
  let root: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    fixtures = await createFixtureDir("library-quality");
    process.env.TONEARM_HOME = join(fixtures.dir, "home");
    delete process.env.TONEARM_DATABASE_URL;
    delete process.env.TONEARM_CONFIG;
    root = join(fixtures.dir, "Music");
    await buildTestLibrary(root, [
      {
        path: "Ana/First/01.flac",
        tags: { artist: "Ana", album: "First", title: "Uno", track: "1", date: "2001", genre: "Pop" },
        audio: music(1),
      },
      {
        path: "Ana/First/02.flac",
        tags: { artist: "Ana", album: "First", title: "Dos", track: "2", date: "2001", genre: "Pop" },
        audio: music(2),
      },
      {
        path: "Ben/Second/01.flac",
        tags: { artist: "Ben", album: "Second", title: "Other", track: "1", date: "2005", genre: "Jazz" },
        audio: music(3),
      },
      {
        path: "Ben/Second/03.flac",
        tags: { artist: "Ben", album: "Second", title: "Cut", track: "3", date: "2005", genre: "Jazz" },
        audio: music(4),
      },
    ]);
    // The same recording as Ana's "Uno", filed under Ben's album with other tags (audio copied as is).
    await runFfmpeg(await bundledFfmpegPath(), [
      "-i",
      join(root, "Ana/First/01.flac"),
      "-map_metadata",
      "-1",
      "-c",
      "copy",
      "-metadata",
      "artist=Ben",
      "-metadata",
      "album=Second",
      "-metadata",
      "title=Mystery",
      "-metadata",
      "track=2",
      "-metadata",
      "date=2005",
      "-metadata",
      "genre=Jazz",
      join(root, "Ben/Second/02.flac"),
    ]);
    await writeFile(join(root, "Ben/Second/notes.mp3"), Buffer.alloc(4000, 9));
    // Cut a FLAC short: its tags read, its audio does not decode to the end.
    const cut = join(root, "Ben/Second/03.flac");
    const handle = await open(cut, "r+");
    await handle.truncate(Math.floor((await stat(cut)).size * 0.6));
    await handle.close();
    expect((await runMain(["library", "scan", root, "--no-progress"])).status).toBe(0);
  }, 60_000);

  afterAll(async () => {
    process.env = saved;
    await fixtures?.remove();
  });

  it("reports tags and duplicates from the scan alone, and decode failures and same recordings with --audio", async () => {
    const plain = await runMain(["library", "quality", root, "--json"]);
    expect(plain.status).toBe(0);
    const tagsOnly = JSON.parse(plain.stdout) as { counts: Record<string, { issues: number }>; score: number };
    expect(tagsOnly.counts["unreadable-file"]?.issues).toBe(1);
    expect(tagsOnly.counts["duplicate-recording"]?.issues ?? 0).toBe(0);

    const audio = await runMain(["library", "quality", root, "--audio", "--json", "--no-progress"]);
    const report = JSON.parse(audio.stdout) as {
      counts: Record<string, { issues: number }>;
      issues: { kind: string; paths: string[] }[];
      score: number;
      audioChecked: { fingerprinted: number; decoded: number };
    };
    const recording = report.issues.filter((issue) => issue.kind === "duplicate-recording");
    expect(recording).toHaveLength(1);
    expect(recording[0]!.paths.map((path) => path.slice(root.length + 1)).sort()).toEqual([
      "Ana/First/01.flac",
      "Ben/Second/02.flac",
    ]);
    const undecodable = report.issues
      .filter((issue) => issue.kind === "undecodable-file")
      .flatMap((issue) => issue.paths);
    expect(undecodable).toContain(join(root, "Ben/Second/03.flac"));
    expect(report.score).toBeLessThan(tagsOnly.score);

    const text = await runMain(["library", "quality", root]);
    expect(text.stdout).toMatch(/health/i);
    expect((await runMain(["library", "quality", join(root, "nothing-here")])).status).toBe(1);
  }, 60_000);
});
