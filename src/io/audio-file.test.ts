import { mkdir, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAudioFile, displayName, fileSystemError } from "./audio-file.js";
import { createFixtureDir, type FixtureDir } from "./test-helpers/fixtures.js";

let fixtures: FixtureDir;
beforeAll(async () => {
  fixtures = await createFixtureDir("audio-file");
});
afterAll(() => fixtures.remove());

const errno = (code: string) => Object.assign(new Error(`${code}: something`), { code });

describe("fileSystemError", () => {
  it.each([
    ["ENOENT", "FILE_NOT_FOUND", "song.mp3: no such file"],
    ["EACCES", "FILE_NOT_READABLE", "song.mp3: permission denied (cannot read the file)"],
    ["EPERM", "FILE_NOT_READABLE", "song.mp3: permission denied (cannot read the file)"],
    ["EISDIR", "FILE_NOT_READABLE", "song.mp3: is a directory, not an audio file"],
    ["EIO", "FILE_NOT_READABLE", "song.mp3: cannot be read (EIO: something)"],
  ])("maps %s to %s with a one-line message naming the file", (code, expected, message) => {
    const error = fileSystemError("/music/album/song.mp3", errno(code));
    expect(error).toMatchObject({ code: expected, message, path: "/music/album/song.mp3" });
    expect(error.message).not.toContain("\n");
  });
});

describe("checkAudioFile", () => {
  it("returns the size of a readable file", async () => {
    await writeFile(fixtures.file("three.bin"), "abc");
    expect(await checkAudioFile(fixtures.file("three.bin"))).toBe(3);
  });

  it("rejects missing, directory and empty paths", async () => {
    await expect(checkAudioFile(fixtures.file("none"))).rejects.toMatchObject({ code: "FILE_NOT_FOUND" });
    await mkdir(fixtures.file("dir.wav"));
    await expect(checkAudioFile(fixtures.file("dir.wav"))).rejects.toMatchObject({
      code: "FILE_NOT_READABLE",
      message: "dir.wav: is a directory, not an audio file",
    });
    await writeFile(fixtures.file("empty.mp3"), "");
    await expect(checkAudioFile(fixtures.file("empty.mp3"))).rejects.toMatchObject({
      code: "EMPTY_FILE",
      message: "empty.mp3: the file is empty (0 bytes)",
    });
  });

  it("names files by their base name", () => {
    expect(displayName("/a/b/c.flac")).toBe("c.flac");
  });
});
