import {
  appendFile,
  chmod,
  copyFile,
  lstat,
  readdir,
  readFile,
  stat,
  symlink,
  utimes,
  writeFile,
} from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createFixtureDir, type FixtureDir } from "../../io/test-helpers/fixtures.js";
import { flacGenreTagFormat } from "./flac-genre-tags.js";
import type { GenreTagFormat } from "./genre-tag-format.js";
import { id3v2GenreTagFormat } from "./id3v2-genre-tags.js";
import { readGenresOf, writeGenresSafely } from "./safe-tag-writer.js";
import { removeStaleTemporaryFiles, TEMPORARY_FILE_PREFIX, temporaryPathFor } from "./temporary-tag-files.js";
import { encodeTone, metadataArgs, musicMetadataOf, sha256OfFile } from "./test-helpers/tag-fixtures.js";

let fixtures: FixtureDir;
let mp3: string;
let flac: string;
const directories: FixtureDir[] = [];

beforeAll(async () => {
  fixtures = await createFixtureDir("safe-tags");
  const tags = metadataArgs({ genre: "Rock", title: "Hello" });
  mp3 = await encodeTone(fixtures, "source.mp3", ["-c:a", "libmp3lame", "-b:a", "64k", "-id3v2_version", "4", ...tags]);
  flac = await encodeTone(fixtures, "source.flac", ["-c:a", "flac", ...tags]);
});
afterAll(async () => {
  await Promise.all([fixtures, ...directories].map((dir) => dir.remove()));
});

/** A copy of `source` alone in a fresh directory, so leftovers can be counted. */
async function copyOf(source: string, name: string): Promise<string> {
  const dir = await createFixtureDir("safe-tags");
  directories.push(dir);
  const path = `${dir.dir}/${name}`;
  await copyFile(source, path);
  return path;
}

async function leftovers(path: string): Promise<string[]> {
  const dir = path.slice(0, path.lastIndexOf("/"));
  return (await readdir(dir)).filter((name) => name.startsWith(TEMPORARY_FILE_PREFIX));
}

describe("writeGenresSafely", () => {
  for (const [name, source] of [
    ["MP3", () => mp3],
    ["FLAC", () => flac],
  ] as const) {
    it(`${name}: writes, returns the previous genres, and writing them back undoes it`, async () => {
      const path = await copyOf(source(), `song.${name.toLowerCase()}`);
      const result = await writeGenresSafely(path, ["Jazz", "Blues"]);
      expect(result).toMatchObject({ before: ["Rock"], after: ["Jazz", "Blues"], written: true });
      expect(result.format).toBe(name === "MP3" ? "id3v2" : "flac");
      expect((await readGenresOf(path)).genres).toEqual(["Jazz", "Blues"]);
      expect((await musicMetadataOf(path)).common.genre).toEqual(["Jazz", "Blues"]);
      const undo = await writeGenresSafely(path, result.before);
      expect(undo.before).toEqual(["Jazz", "Blues"]);
      expect((await musicMetadataOf(path)).common).toMatchObject({ genre: ["Rock"], title: "Hello" });
      expect(await leftovers(path)).toEqual([]);
    });
  }

  it("keeps the permission bits, changes the mtime unless asked to keep it, and skips a no-op", async () => {
    const path = await copyOf(mp3, "mode.mp3");
    await chmod(path, 0o640);
    const old = new Date("2020-01-02T03:04:05Z");
    await utimes(path, old, old);
    await writeGenresSafely(path, ["Ska"]);
    const changed = await stat(path);
    expect(changed.mode & 0o7777).toBe(0o640);
    expect(changed.mtimeMs).toBeGreaterThan(old.getTime());

    await utimes(path, old, old);
    await writeGenresSafely(path, ["Dub"], { preserveModificationTime: true });
    expect((await stat(path)).mtimeMs).toBe(old.getTime());
    expect((await readGenresOf(path)).genres).toEqual(["Dub"]);

    const inode = (await stat(path)).ino;
    const same = await writeGenresSafely(path, ["Dub"]);
    expect(same).toMatchObject({ before: ["Dub"], after: ["Dub"], written: false });
    expect((await stat(path)).ino).toBe(inode);
    expect((await stat(path)).mtimeMs).toBe(old.getTime());
  });

  it("writes through a symlink to the real file and leaves the link a link", async () => {
    const path = await copyOf(flac, "real.flac");
    const link = `${path}.link.flac`;
    await symlink(path, link);
    const result = await writeGenresSafely(link, ["Folk"]);
    expect(result.path).toBe(path);
    expect((await readGenresOf(path)).genres).toEqual(["Folk"]);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
  });

  it("refuses a read-only file with FILE_NOT_READABLE and leaves it untouched", async () => {
    const path = await copyOf(mp3, "readonly.mp3");
    await chmod(path, 0o444);
    const hash = await sha256OfFile(path);
    await expect(writeGenresSafely(path, ["Jazz"])).rejects.toMatchObject({
      code: "FILE_NOT_READABLE",
      message: expect.stringContaining("read-only"),
    });
    expect(await sha256OfFile(path)).toBe(hash);
  });

  it("refuses unknown formats, missing files and invalid genres with typed errors, leaving nothing behind", async () => {
    const wav = await copyOf(mp3, "not-audio.wav");
    await writeFile(wav, Buffer.from("RIFF\u0000\u0000\u0000\u0000WAVEfmt ".repeat(8), "latin1"));
    await expect(writeGenresSafely(wav, ["Jazz"])).rejects.toMatchObject({ code: "UNSUPPORTED_FORMAT" });
    await expect(readGenresOf(wav)).rejects.toMatchObject({ code: "UNSUPPORTED_FORMAT" });
    await expect(writeGenresSafely(`${wav}.missing`, ["Jazz"])).rejects.toMatchObject({ code: "FILE_NOT_FOUND" });
    const path = await copyOf(mp3, "invalid.mp3");
    const hash = await sha256OfFile(path);
    for (const genres of [[""], ["a\u0000b"], ["17"]]) {
      await expect(writeGenresSafely(path, genres)).rejects.toMatchObject({ code: "INVALID_OPTION" });
    }
    expect(await sha256OfFile(path)).toBe(hash);
    expect(await leftovers(path)).toEqual([]);
  });

  it("aborts with CONFLICT when the original changes during the write", async () => {
    const path = await copyOf(mp3, "conflict.mp3");
    const meddling: GenreTagFormat = {
      ...id3v2GenreTagFormat,
      async writeCopyWithGenres(source, target, genres) {
        await id3v2GenreTagFormat.writeCopyWithGenres(source, target, genres);
        await appendFile(source, "another program's bytes");
      },
    };
    await expect(writeGenresSafely(path, ["Jazz"], { formats: [meddling] })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await readFile(path)).toString("latin1").endsWith("another program's bytes")).toBe(true);
    expect((await readGenresOf(path)).genres).toEqual(["Rock"]);
    expect(await leftovers(path)).toEqual([]);
  });

  it("refuses a copy whose audio payload differs, or whose genres do not read back", async () => {
    const path = await copyOf(flac, "broken.flac");
    const hash = await sha256OfFile(path);
    const damaging: GenreTagFormat = {
      ...flacGenreTagFormat,
      async writeCopyWithGenres(source, target, genres) {
        await flacGenreTagFormat.writeCopyWithGenres(source, target, genres);
        await appendFile(target, Buffer.of(0));
      },
    };
    await expect(writeGenresSafely(path, ["Jazz"], { formats: [damaging] })).rejects.toThrow(/audio payload/);
    const forgetful: GenreTagFormat = {
      ...flacGenreTagFormat,
      writeCopyWithGenres: (source, target) => flacGenreTagFormat.writeCopyWithGenres(source, target, ["Pop"]),
    };
    await expect(writeGenresSafely(path, ["Jazz"], { formats: [forgetful] })).rejects.toMatchObject({
      code: "INVALID_OPTION",
    });
    expect(await sha256OfFile(path)).toBe(hash);
    expect(await leftovers(path)).toEqual([]);
  });
});

describe("removeStaleTemporaryFiles", () => {
  it("removes the writer's leftovers only, and only old enough ones when asked", async () => {
    const path = await copyOf(mp3, "keep.mp3");
    const leftover = temporaryPathFor(path);
    await writeFile(leftover, "partial copy");
    const lookalike = path.replace("keep.mp3", ".tonearm-tmp-notrandom-keep.mp3");
    await writeFile(lookalike, "someone else's file");
    expect(await removeStaleTemporaryFiles(path.slice(0, path.lastIndexOf("/")), { minimumAgeMs: 60_000 })).toEqual([]);
    expect(await removeStaleTemporaryFiles(path.slice(0, path.lastIndexOf("/")))).toEqual([leftover]);
    expect((await leftovers(path)).sort()).toEqual([".tonearm-tmp-notrandom-keep.mp3"]);
    expect((await readGenresOf(path)).genres).toEqual(["Rock"]);
  });

  it("removes a leftover stamped after the process's clock when no minimum age is asked", async () => {
    // A clock stepped back (or a network share's server ahead) makes the file look "from the future".
    const path = await copyOf(mp3, "ahead.mp3");
    const leftover = temporaryPathFor(path);
    await writeFile(leftover, "partial copy");
    const dir = path.slice(0, path.lastIndexOf("/"));
    const clock = vi.spyOn(Date, "now").mockReturnValue(Date.now() - 3_600_000);
    try {
      expect(await removeStaleTemporaryFiles(dir, { minimumAgeMs: 60_000 })).toEqual([]);
      expect(await removeStaleTemporaryFiles(dir)).toEqual([leftover]);
    } finally {
      clock.mockRestore();
    }
  });
});
