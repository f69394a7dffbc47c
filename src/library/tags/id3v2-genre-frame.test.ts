import { describe, expect, it } from "vitest";
import {
  decodeGenreText,
  decodeGenreValue,
  encodeGenreFrame,
  encodeGenreValue,
  genreFrameText,
  removeUnsynchronisation,
} from "./id3v2-genre-frame.js";

describe("decodeGenreValue (ID3v2.3 §4.2.1, ID3v2.4 §4.2.3)", () => {
  it.each([
    ["(17)", ["Rock"]],
    ["(4)Eurodisco", ["Disco", "Eurodisco"]],
    ["(51)(39)", ["Techno-Industrial", "Noise"]],
    ["(17)Rock", ["Rock"]],
    ["((I can figure out any question) Answers", ["(I can figure out any question) Answers"]],
    ["(RX)(CR)", ["Remix", "Cover"]],
    ["17", ["Rock"]],
    ["Pop/Funk", ["Pop/Funk"]],
    ["Duo Cello/Piano", ["Duo Cello/Piano"]],
    ["(Live) Rock", ["(Live) Rock"]],
    ["(999)", ["(999)"]],
    ["1990", ["1990"]],
    ["", []],
  ])("%j → %j", (value, genres) => {
    expect(decodeGenreValue(value)).toEqual(genres);
  });
});

describe("encodeGenreValue", () => {
  it("writes plain names as they are and escapes what would read as a reference", () => {
    expect(encodeGenreValue("Shoegaze")).toBe("Shoegaze");
    expect(encodeGenreValue("(17)")).toBe("((17)");
    expect(encodeGenreValue("((odd")).toBe("(((odd");
    expect(decodeGenreValue(encodeGenreValue("((odd"))).toEqual(["((odd"]);
  });

  it("refuses a bare ID3v1 genre number, which every reader turns into a name", () => {
    expect(() => encodeGenreValue("17")).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }));
  });
});

describe("decodeGenreText", () => {
  it("splits ISO-8859-1 and UTF-8 text on NUL and ignores a terminating NUL", () => {
    expect(decodeGenreText(Buffer.from("\u0000Rock\u0000Caf\u00e9\u0000", "latin1"))).toEqual(["Rock", "Café"]);
    expect(decodeGenreText(Buffer.concat([Buffer.of(3), Buffer.from("Jazz\u0000日本のロック", "utf8")]))).toEqual([
      "Jazz",
      "日本のロック",
    ]);
  });

  it("reads UTF-16 with a BOM per value (either order) and UTF-16BE without", () => {
    const little = Buffer.concat([Buffer.of(1, 0xff, 0xfe), Buffer.from("Rock\u0000", "utf16le")]);
    const big = Buffer.concat([Buffer.of(0xfe, 0xff), Buffer.from("Pop", "utf16le").swap16()]);
    expect(decodeGenreText(Buffer.concat([little, big]))).toEqual(["Rock", "Pop"]);
    expect(decodeGenreText(Buffer.concat([Buffer.of(2), Buffer.from("Ska", "utf16le").swap16()]))).toEqual(["Ska"]);
  });

  it("expands numeric references in each value", () => {
    expect(decodeGenreText(Buffer.from("\u0000(17)\u0000(8)Fusion", "latin1"))).toEqual(["Rock", "Jazz", "Fusion"]);
  });
});

describe("encodeGenreFrame", () => {
  const textOf = (frame: Uint8Array, version: number): string[] =>
    decodeGenreText(genreFrameText(frame, version, 0, "test.mp3"));

  it("writes v2.4 as UTF-8 joined by NUL with a synchsafe size", () => {
    const frame = encodeGenreFrame(["Rock", "Música"], 4, 0);
    expect(Buffer.from(frame.subarray(0, 4)).toString("latin1")).toBe("TCON");
    expect(frame[10]).toBe(3);
    expect(Buffer.from(frame.subarray(11)).toString("utf8")).toBe("Rock\u0000Música");
    expect(Array.from(frame.subarray(4, 8))).toEqual([0, 0, 0, frame.length - 10]);
    expect(textOf(frame, 4)).toEqual(["Rock", "Música"]);
  });

  it("writes v2.3 as ISO-8859-1 when every character fits, else as UTF-16 with a BOM", () => {
    const latin = encodeGenreFrame(["Café", "(17)"], 3, 0);
    expect(latin[10]).toBe(0);
    expect(Buffer.from(latin.subarray(11)).toString("latin1")).toBe("Café\u0000((17)");
    expect(textOf(latin, 3)).toEqual(["Café", "(17)"]);
    const wide = encodeGenreFrame(["日本のロック", "Jazz"], 3, 0);
    expect(Array.from(wide.subarray(10, 13))).toEqual([1, 0xff, 0xfe]);
    expect(textOf(wide, 3)).toEqual(["日本のロック", "Jazz"]);
  });

  it("flags the frame unsynchronised in a v2.4 tag that says all frames are", () => {
    expect(encodeGenreFrame(["Rock"], 4, 0x80)[9]).toBe(0x02);
    expect(encodeGenreFrame(["Rock"], 4, 0)[9]).toBe(0);
  });
});

describe("genreFrameText", () => {
  it("skips v2.4 grouping and data-length bytes and undoes frame unsynchronisation", () => {
    const data = Buffer.of(0x07, 0, 0, 0, 5, 0, 0xff, 0x00, 0xe0, 0x41);
    const frame = Buffer.concat([Buffer.from("TCON", "latin1"), Buffer.of(0, 0, 0, data.length, 0, 0x43), data]);
    expect(Array.from(genreFrameText(frame, 4, 0, "x.mp3"))).toEqual([0, 0xff, 0xe0, 0x41]);
  });

  it("refuses an encrypted frame", () => {
    const frame = Buffer.concat([Buffer.from("TCON", "latin1"), Buffer.of(0, 0, 0, 2, 0, 0x40, 1, 0)]);
    expect(() => genreFrameText(frame, 3, 0, "x.mp3")).toThrow(expect.objectContaining({ code: "UNSUPPORTED_FORMAT" }));
  });

  it("removeUnsynchronisation turns $FF $00 into $FF only", () => {
    expect(Array.from(removeUnsynchronisation(Uint8Array.of(0xff, 0x00, 0x00, 0xff, 0xe0, 0xff)))).toEqual([
      0xff, 0x00, 0xff, 0xe0, 0xff,
    ]);
  });
});
