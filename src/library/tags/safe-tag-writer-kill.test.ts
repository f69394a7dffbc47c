import { type ChildProcess, spawn } from "node:child_process";
import { readdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixtureDir, type FixtureDir } from "../../io/test-helpers/fixtures.js";
import { readGenresOf, writeGenresSafely } from "./safe-tag-writer.js";
import { removeStaleTemporaryFiles, TEMPORARY_FILE_PREFIX } from "./temporary-tag-files.js";
import { encodeTone, metadataArgs, sha256OfFile } from "./test-helpers/tag-fixtures.js";

const CHILD = fileURLToPath(new URL("./test-helpers/rewrite-genres-forever.ts", import.meta.url));
const KILLS = 10;
const GENRES = ["Rock", "Jazz"] as const;

let fixtures: FixtureDir;
/** Children still alive, killed at the end even when the test fails half-way. */
const running = new Set<ChildProcess>();
beforeAll(async () => {
  fixtures = await createFixtureDir("tag-kill");
});
afterAll(async () => {
  for (const child of running) child.kill("SIGKILL");
  await fixtures.remove();
});

/** Seeded uniform numbers in [0, 1) (mulberry32). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
  };
}

interface Rewriter {
  readonly child: ChildProcess;
  /** Resolves with the time (ms) once the child has finished `count` writes. */
  readonly afterWrites: (count: number) => Promise<number>;
}

/** Loads a rewriting child (it waits for "go" on stdin); resolves once it is ready. */
function loadRewriter(path: string): Promise<Rewriter> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, path, ...GENRES], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  running.add(child);
  child.on("exit", () => running.delete(child));
  let writes = 0;
  let errors = "";
  const waiting: { count: number; resolve: (time: number) => void }[] = [];
  const afterWrites = (count: number): Promise<number> =>
    new Promise((resolve) => {
      if (writes >= count) resolve(performance.now());
      else waiting.push({ count, resolve });
    });
  child.stderr!.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      const lines = chunk.toString().trim().split("\n");
      if (lines.includes("ready")) resolve({ child, afterWrites });
      writes = Math.max(writes, ...lines.map(Number).filter(Number.isFinite));
      for (const waiter of waiting.filter((entry) => entry.count <= writes)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(performance.now());
      }
    });
    child.on("exit", (code) => {
      if (code !== null) reject(new Error(`the rewriting child exited with ${code}: ${errors}`));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("writeGenresSafely under kill -9", () => {
  it("leaves the file exactly old or exactly new at every kill, and the leftovers removable", async () => {
    const path = await encodeTone(
      fixtures,
      "kill.mp3",
      ["-c:a", "libmp3lame", "-b:a", "128k", "-id3v2_version", "4", ...metadataArgs({ title: "Kill" })],
      10,
    );
    // The two byte versions the file may have: genre A and genre B (each write is deterministic).
    await writeGenresSafely(path, [GENRES[0]]);
    const versionA = await sha256OfFile(path);
    await writeGenresSafely(path, [GENRES[1]]);
    const versionB = await sha256OfFile(path);
    await writeGenresSafely(path, [GENRES[0]]);
    expect(await sha256OfFile(path)).toBe(versionA);
    expect(versionB).not.toBe(versionA);

    const random = seededRandom(20261122);
    const seen = { a: 0, b: 0, leftovers: 0 };
    // Two children load ahead (node + tsx take most of a second), each starts on "go".
    const loading = [loadRewriter(path), loadRewriter(path)];
    for (let kill = 0; kill < KILLS; kill++) {
      const { child, afterWrites } = await loading.shift()!;
      if (kill + loading.length + 1 < KILLS) loading.push(loadRewriter(path));
      child.stdin!.write("go\n");
      // Kill at a seeded moment inside a write cycle: after 1–3 finished writes, a random part
      // (0–150 %) of the last cycle's duration later.
      const finished = 1 + Math.floor(random() * 3);
      const before = await afterWrites(finished);
      const cycleMs = (await afterWrites(finished + 1)) - before;
      await sleep(random() * 1.5 * cycleMs);
      const exited = new Promise((resolve) => child.on("exit", resolve));
      child.kill("SIGKILL");
      await exited;

      const hash = await sha256OfFile(path);
      expect([versionA, versionB]).toContain(hash);
      if (hash === versionA) seen.a++;
      else seen.b++;
      const temporary = (await readdir(fixtures.dir)).filter((name) => name.startsWith(TEMPORARY_FILE_PREFIX));
      expect(temporary.length).toBeLessThanOrEqual(1);
      seen.leftovers += temporary.length;
      expect((await removeStaleTemporaryFiles(fixtures.dir)).length).toBe(temporary.length);
      expect((await readdir(fixtures.dir)).filter((name) => name.startsWith(TEMPORARY_FILE_PREFIX))).toEqual([]);
      expect((await readGenresOf(path)).genres).toEqual([hash === versionA ? GENRES[0] : GENRES[1]]);
    }
    console.info(`kill -9 test: ${JSON.stringify(seen)}`);
  }, 60_000);
});
