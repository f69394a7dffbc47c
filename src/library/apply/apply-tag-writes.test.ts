import { writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixtureDir, type FixtureDir } from "../../io/test-helpers/fixtures.js";
import { openStore, type Store } from "../../store/open-store.js";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "../../store/test-helpers/test-databases.js";
import { applyTagWrites, type GenreTagWriter, undoTagWrites } from "./apply-tag-writes.js";
import { planTagWrites } from "./tag-write-plan.js";

/** Genres kept in memory; a write also rewrites the file so its size and time change. */
function memoryWriter(initial: Record<string, string[]>, failOn = new Set<string>()) {
  const genres = new Map(Object.entries(initial));
  const writer: GenreTagWriter = {
    async write(path, values) {
      if (failOn.has(path)) throw new Error("read-only file");
      const before = genres.get(path) ?? [];
      genres.set(path, [...values]);
      await writeFile(path, values.join("\n"));
      return { before, format: "id3v2" };
    },
    async read(path) {
      return genres.get(path) ?? [];
    },
  };
  return { writer, genres };
}

const join3 = (genres: readonly string[]) => [genres.join("; ")];
const normalise = (values: readonly string[]) =>
  values.map((value) => (value.toLowerCase() === "hip-hop" ? "Hip Hop" : value));

describe("planTagWrites", () => {
  it("writes decided genres, else normalised existing ones, and skips unchanged and unreadable tracks", () => {
    const plan = planTagWrites(
      [
        { path: "/m/a.mp3", albumId: "A", genres: ["Rock"], readError: null },
        { path: "/m/b.mp3", albumId: "B", genres: ["hip-hop"], readError: null },
        { path: "/m/c.mp3", albumId: "B", genres: ["Hip Hop"], readError: null },
        { path: "/m/d.mp3", albumId: null, genres: [], readError: null },
        { path: "/m/e.mp3", albumId: "A", genres: [], readError: "no audio" },
      ],
      new Map([["A", ["Rock", "Indie Rock"]]]),
      join3,
      normalise,
    );
    expect(plan).toEqual([
      { path: "/m/a.mp3", albumId: "A", before: ["Rock"], after: ["Rock; Indie Rock"], reason: "decided" },
      { path: "/m/b.mp3", albumId: "B", before: ["hip-hop"], after: ["Hip Hop"], reason: "normalised" },
    ]);
  });
});

describe.each(TEST_DIALECTS)("applyTagWrites and undoTagWrites on %s", (dialect) => {
  let fixtures: FixtureDir;
  let database: TestDatabase;
  let store: Store;
  let paths: string[];

  beforeAll(async () => {
    fixtures = await createFixtureDir("library-apply");
    paths = ["a.mp3", "b.flac", "c.m4a"].map((name) => fixtures.file(name));
    for (const path of paths) await writeFile(path, "x");
    database = await createTestDatabase(dialect);
    store = await openStore(database.options);
  });

  afterAll(async () => {
    await store?.close();
    await database?.dispose();
    await fixtures?.remove();
  });

  it("writes, logs every file with its previous values, and undo restores exactly those", async () => {
    const [a, b, c] = paths as [string, string, string];
    const { writer, genres } = memoryWriter({ [a]: ["rock"], [b]: ["Jazz"], [c]: [] }, new Set([c]));
    const plan = [
      { path: a, albumId: null, before: ["rock"], after: ["Rock"], reason: "normalised" as const },
      { path: b, albumId: null, before: ["Jazz"], after: ["Jazz; Soul"], reason: "decided" as const },
      { path: c, albumId: null, before: [], after: ["Pop"], reason: "decided" as const },
    ];
    const summary = await applyTagWrites(fixtures.dir, plan, writer, store.tagWrites);
    expect(summary.written).toBe(2);
    expect(summary.failed).toEqual([{ path: c, error: "read-only file" }]);
    expect(Object.fromEntries(genres)).toEqual({ [a]: ["Rock"], [b]: ["Jazz; Soul"], [c]: [] });
    expect(await store.tagWrites.run(summary.runId)).toMatchObject({
      status: "finished",
      files: 3,
      written: 2,
      failed: 1,
    });
    expect((await store.tagWrites.writesOf(summary.runId)).map((write) => write.status)).toEqual([
      "written",
      "written",
      "failed",
    ]);

    // Someone edits b by hand after the run: undo leaves it and says so.
    genres.set(b, ["Blues"]);
    const undo = await undoTagWrites(summary.runId, writer, store.tagWrites);
    expect(undo).toEqual({ restored: 1, changedSince: [b], failed: [] });
    expect(genres.get(a)).toEqual(["rock"]);
    expect(genres.get(b)).toEqual(["Blues"]);
    expect((await store.tagWrites.run(summary.runId)).status).toBe("finished");

    await expect(undoTagWrites("no-such-run", writer, store.tagWrites)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("leaves a file alone whose genres changed since the plan was made", async () => {
    const [a] = paths as [string];
    const { writer, genres } = memoryWriter({ [a]: ["Edited By Hand"] });
    const plan = [{ path: a, albumId: null, before: ["rock"], after: ["Rock"], reason: "normalised" as const }];
    const summary = await applyTagWrites(fixtures.dir, plan, writer, store.tagWrites);
    expect(summary.written).toBe(0);
    expect(summary.failed[0]!.error).toMatch(/changed since the last scan/);
    expect(genres.get(a)).toEqual(["Edited By Hand"]);
  });

  it("undoes a run that was killed after a write but before its log said so", async () => {
    const [a] = paths as [string];
    const { writer, genres } = memoryWriter({ [a]: ["Funk"] });
    const runId = await store.tagWrites.startRun(fixtures.dir, 1);
    await store.tagWrites.recordPending(runId, {
      path: a,
      albumId: null,
      before: ["Funk"],
      after: ["Soul"],
      reason: "decided",
    });
    await writer.write(a, ["Soul"]); // the process dies here
    const undo = await undoTagWrites(runId, writer, store.tagWrites);
    expect(undo.restored).toBe(1);
    expect(genres.get(a)).toEqual(["Funk"]);
    expect((await store.tagWrites.run(runId)).status).toBe("undone");
  });
});
