import { describe, expect, it } from "vitest";
import { createOutputNamer, createStemNamer, safeStem } from "./output-names.js";

describe("safeStem", () => {
  it("drops the folder and the extension", () => {
    expect(safeStem("/music/Artist/01 Song.flac")).toBe("01 Song");
  });

  it("neutralises hostile names", () => {
    expect(safeStem("a/..\\..\\etc:passwd\u0007.mp3")).toBe("__.._etc_passwd_");
    expect(safeStem("...mp3")).toBe("_");
    expect(safeStem("CON.wav")).toBe("_CON");
    expect(safeStem(".hidden.wav")).toBe("_hidden");
  });
});

describe("createOutputNamer", () => {
  it("keeps names unique within a run, case-insensitively", () => {
    const name = createOutputNamer();
    expect(name("/a/song.mp3")).toBe("song.json");
    expect(name("/b/song.flac")).toBe("song-2.json");
    expect(name("/c/SONG.wav")).toBe("SONG-3.json");
  });
});

describe("createStemNamer", () => {
  it("gives the stems of several files per input, unique within a run", () => {
    const stem = createStemNamer();
    expect(stem("/a/song.mp3")).toBe("song");
    expect(stem("/b/Song.flac")).toBe("Song-2");
    expect(stem("/c/other.wav")).toBe("other");
  });
});
