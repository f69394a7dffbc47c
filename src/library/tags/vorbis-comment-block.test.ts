import { describe, expect, it } from "vitest";
import { vorbisCommentData } from "./test-helpers/tag-fixtures.js";
import {
  genresOfComments,
  parseVorbisComments,
  serializeVorbisComments,
  withGenreComments,
} from "./vorbis-comment-block.js";

const text = (list: readonly Uint8Array[]): string[] => list.map((bytes) => Buffer.from(bytes).toString("utf8"));

describe("vorbis comment block", () => {
  it("parses and serialises back byte for byte, trailing framing bit included", () => {
    const data = Buffer.concat([vorbisCommentData("Xiph ✓", ["TITLE=a", "odd entry", "GENRE=Rock"]), Buffer.of(1)]);
    const comments = parseVorbisComments(data, "x");
    expect(Buffer.from(comments.vendor).toString("utf8")).toBe("Xiph ✓");
    expect(text(comments.comments)).toEqual(["TITLE=a", "odd entry", "GENRE=Rock"]);
    expect(Array.from(comments.trailing)).toEqual([1]);
    expect(Buffer.from(serializeVorbisComments(comments)).equals(data)).toBe(true);
  });

  it("replaces the genres where the first one was, keeping the order of the rest", () => {
    const comments = parseVorbisComments(
      vorbisCommentData("v", ["TITLE=a", "genre=Rock", "ARTIST=b", "GENRE=Pop", "GENRES=not a genre"]),
      "x",
    );
    expect(genresOfComments(comments)).toEqual(["Rock", "Pop"]);
    const replaced = withGenreComments(comments, ["Jazz", "Música"]);
    expect(text(replaced.comments)).toEqual([
      "TITLE=a",
      "GENRE=Jazz",
      "GENRE=Música",
      "ARTIST=b",
      "GENRES=not a genre",
    ]);
    expect(genresOfComments(replaced)).toEqual(["Jazz", "Música"]);
    expect(text(withGenreComments(comments, []).comments)).toEqual(["TITLE=a", "ARTIST=b", "GENRES=not a genre"]);
    const none = parseVorbisComments(vorbisCommentData("v", ["TITLE=a"]), "x");
    expect(text(withGenreComments(none, ["Ska"]).comments)).toEqual(["TITLE=a", "GENRE=Ska"]);
  });

  it("throws CORRUPT_AUDIO when a length runs past the data", () => {
    const data = vorbisCommentData("v", ["GENRE=Rock"]);
    data.writeUInt32LE(1000, 9); // the comment's length
    expect(() => parseVorbisComments(data, "x.flac")).toThrow(expect.objectContaining({ code: "CORRUPT_AUDIO" }));
    expect(() => parseVorbisComments(data.subarray(0, 6), "x.flac")).toThrow(
      expect.objectContaining({ code: "CORRUPT_AUDIO" }),
    );
  });
});
