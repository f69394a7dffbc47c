import { chmod, mkdir, rename, rm, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixtureDir, type FixtureDir } from "../../io/test-helpers/fixtures.js";
import { openStore, type Store } from "../../store/open-store.js";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "../../store/test-helpers/test-databases.js";
import { buildTestLibrary } from "../test-helpers/test-library.js";
import { scanLibrary } from "./scan-library.js";

const TRACKS = [
  // An album with album-artist tags, one guest credit.
  {
    path: "Nina/Blue Hour/01 Dawn.mp3",
    tags: {
      title: "Dawn",
      artist: "Nina",
      album_artist: "Nina",
      album: "Blue Hour",
      track: "1/2",
      date: "2001",
      genre: "Jazz",
    },
    frequency: 330,
  },
  {
    path: "Nina/Blue Hour/02 Dusk.mp3",
    tags: { title: "Dusk", artist: "Nina feat. Joe", album: "Blue Hour", track: "2/2", date: "2001", genre: "Jazz" },
    frequency: 350,
  },
  // A compilation without album-artist tags: different artists, one folder, one title.
  {
    path: "Compilations/Summer Mix/01.flac",
    tags: { title: "A", artist: "Alpha", album: "Summer Mix", genre: "Pop" },
    frequency: 370,
  },
  {
    path: "Compilations/Summer Mix/02.flac",
    tags: { title: "B", artist: "Beta", album: "Summer Mix", genre: "Pop" },
    frequency: 390,
  },
  // Two discs in sub-folders, titled with disc suffixes.
  {
    path: "Band/Double/CD1/01.m4a",
    tags: { title: "One", artist: "Band", album: "Double (Disc 1)", disc: "1/2" },
    frequency: 410,
  },
  {
    path: "Band/Double/CD2/01.m4a",
    tags: { title: "Two", artist: "Band", album: "Double (Disc 2)", disc: "2/2" },
    frequency: 430,
  },
  // No album tag: grouped by folder.
  { path: "Loose Recordings/take.opus", tags: { title: "Take", artist: "Someone" }, frequency: 450 },
  // Hostile names: quotes, a semicolon, a newline, non-Latin letters.
  {
    path: 'Ωmega/it\'s "odd"; rm -rf ~\nnewline.flac',
    tags: { title: "Odd", artist: "Ωmega", album: "Strange" },
    frequency: 470,
  },
] as const;

describe("scanLibrary across formats", () => {
  it("reads tags and facts from Ogg Vorbis, WAV, AIFF and WMA as from the others", async () => {
    const fixtures = await createFixtureDir("library-formats");
    const database = await createTestDatabase("sqlite");
    const store = await openStore(database.options);
    try {
      const root = join(fixtures.dir, "Music");
      const tags = (title: string) => ({ title, artist: "Fmt", album: "Mixed", date: "1999" });
      await buildTestLibrary(root, [
        { path: "Fmt/Mixed/01.ogg", tags: tags("Vorbis"), frequency: 300 },
        { path: "Fmt/Mixed/02.wav", tags: tags("Wave"), frequency: 310 },
        { path: "Fmt/Mixed/03.aiff", tags: tags("Aiff"), frequency: 320 },
        { path: "Fmt/Mixed/04.wma", tags: tags("Windows"), frequency: 330 },
      ]);
      const summary = await scanLibrary(root, store.library);
      expect(summary).toMatchObject({ files: 4, added: 4, unreadable: 0, albums: 1 });
      const rows = await store.database.db.selectFrom("library_tracks").selectAll().orderBy("path").execute();
      expect(rows.map((row) => [row.title, row.artist, row.album])).toEqual([
        ["Vorbis", "Fmt", "Mixed"],
        ["Wave", "Fmt", "Mixed"],
        ["Aiff", "Fmt", "Mixed"],
        ["Windows", "Fmt", "Mixed"],
      ]);
      for (const row of rows) expect(row.duration_seconds).toBeCloseTo(1, 0);
    } finally {
      await store.close();
      await database.dispose();
      await fixtures.remove();
    }
  }, 60_000);
});

describe.each(TEST_DIALECTS)("scanLibrary on %s", (dialect) => {
  let fixtures: FixtureDir;
  let database: TestDatabase;
  let store: Store;
  let root: string;

  beforeAll(async () => {
    fixtures = await createFixtureDir("library-scan");
    root = join(fixtures.dir, "Music");
    await buildTestLibrary(root, TRACKS);
    await writeFile(join(root, "Nina", "cover.jpg"), "not audio");
    await writeFile(join(root, "Loose Recordings", "broken.mp3"), Buffer.alloc(3000, 7));
    await writeFile(join(root, ".hidden.mp3"), "hidden");
    database = await createTestDatabase(dialect);
    store = await openStore(database.options);
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await database?.dispose();
    await fixtures?.remove();
  });

  async function albums() {
    return store.database.db.selectFrom("library_albums").selectAll().orderBy("folder").orderBy("title").execute();
  }

  async function track(path: string) {
    return store.database.db
      .selectFrom("library_tracks")
      .selectAll()
      .where("path", "=", join(root, path))
      .executeTakeFirst();
  }

  it("reads every audio file, groups albums and keeps unreadable files with their error", async () => {
    const summary = await scanLibrary(root, store.library);
    expect(summary).toMatchObject({ files: 9, added: 9, unchanged: 0, unreadable: 1, albums: 5, problems: [] });
    const grouped = (await albums()).map((album) => [
      album.artist,
      album.title,
      album.track_count,
      album.compilation,
      album.inferred,
      album.disc_count,
    ]);
    expect(grouped).toEqual([
      ["Band", "Double", 2, 0, 0, 2],
      ["Various Artists", "Summer Mix", 2, 1, 0, 1],
      ["Someone", "Loose Recordings", 2, 0, 1, 1],
      ["Nina", "Blue Hour", 2, 0, 0, 1],
      ["Ωmega", "Strange", 1, 0, 0, 1],
    ]);
    const dawn = await track("Nina/Blue Hour/01 Dawn.mp3");
    expect(dawn).toMatchObject({
      title: "Dawn",
      artist: "Nina",
      album: "Blue Hour",
      track_number: 1,
      track_total: 2,
      year: 2001,
      codec: "MPEG 1 Layer 3",
      read_error: null,
    });
    expect(dawn?.duration_seconds).toBeCloseTo(1, 0);
    expect((await track("Loose Recordings/broken.mp3"))?.read_error).toBeTruthy();
  });

  it("reads nothing when nothing changed", async () => {
    const summary = await scanLibrary(root, store.library);
    expect(summary).toMatchObject({
      files: 9,
      unchanged: 9,
      added: 0,
      changed: 0,
      touched: 0,
      moved: 0,
      removed: 0,
      albums: 5,
    });
  });

  it("tells a touched file from a changed one", async () => {
    const dawn = join(root, "Nina/Blue Hour/01 Dawn.mp3");
    const later = new Date(Date.now() + 60_000);
    await utimes(dawn, later, later);
    const touched = await scanLibrary(root, store.library);
    expect(touched).toMatchObject({ touched: 1, changed: 0, added: 0 });

    await rm(join(root, "Nina/Blue Hour/02 Dusk.mp3"));
    await buildTestLibrary(root, [{ ...TRACKS[1], tags: { ...TRACKS[1].tags, title: "Dusk (edit)" } }]);
    const changed = await scanLibrary(root, store.library);
    expect(changed).toMatchObject({ changed: 1, added: 0, removed: 0 });
    expect((await track("Nina/Blue Hour/02 Dusk.mp3"))?.title).toBe("Dusk (edit)");
  });

  it("follows a moved file and forgets a deleted one", async () => {
    const before = await track("Loose Recordings/take.opus");
    await mkdir(join(root, "Someone", "Takes"), { recursive: true });
    await rename(join(root, "Loose Recordings/take.opus"), join(root, "Someone/Takes/take.opus"));
    await rm(join(root, "Compilations/Summer Mix/02.flac"));
    const summary = await scanLibrary(root, store.library);
    expect(summary).toMatchObject({ moved: 1, removed: 1, added: 0 });
    const after = await track("Someone/Takes/take.opus");
    expect(after?.id).toBe(before?.id);
    expect(after?.title).toBe("Take");
    const summer = (await albums()).find((album) => album.title === "Summer Mix");
    expect(summer).toMatchObject({ track_count: 1, artist: "Alpha", compilation: 0 });
  });

  it.skipIf(process.getuid?.() === 0)("does not take an unreadable folder's tracks for deleted ones", async () => {
    const folder = join(root, "Band");
    await chmod(folder, 0o000);
    try {
      const summary = await scanLibrary(root, store.library);
      expect(summary.removed).toBe(0);
      expect(summary.problems.map((problem) => problem.path)).toEqual([folder]);
    } finally {
      await chmod(folder, 0o755);
    }
  });

  it("reports a file whose name is not valid UTF-8 instead of losing it silently", async () => {
    const { writeFileSync } = await import("node:fs");
    const bad = Buffer.concat([Buffer.from(`${root}/`), Buffer.from([0x66, 0xff, 0x2e, 0x6d, 0x70, 0x33])]);
    writeFileSync(bad, "x");
    try {
      const summary = await scanLibrary(root, store.library);
      expect(summary.problems).toHaveLength(1);
      expect(summary.problems[0]!.message).toMatch(/not valid UTF-8/);
    } finally {
      (await import("node:fs")).rmSync(bad);
    }
  });

  it("refuses a root that is missing or not a folder", async () => {
    await expect(scanLibrary(join(root, "nope"), store.library)).rejects.toMatchObject({ code: "FILE_NOT_FOUND" });
    await expect(scanLibrary(join(root, "Nina/cover.jpg"), store.library)).rejects.toMatchObject({
      code: "INVALID_OPTION",
    });
  });
});
