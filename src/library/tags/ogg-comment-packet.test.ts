import { describe, expect, it } from "vitest";
import { TonearmError } from "../../analysis/errors.js";
import {
  COMMENT_PREFIX,
  commentGenres,
  type OggCodec,
  parseCommentPacket,
  serialiseCommentPacket,
  withGenres,
} from "./ogg-comment-packet.js";

function packet(codec: OggCodec, vendor: string, comments: readonly string[], trailer: Buffer): Buffer {
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  const parts = [COMMENT_PREFIX[codec], u32(Buffer.byteLength(vendor)), Buffer.from(vendor), u32(comments.length)];
  for (const c of comments) parts.push(u32(Buffer.byteLength(c)), Buffer.from(c));
  return Buffer.concat([...parts, trailer]);
}

function texts(comments: readonly Buffer[]): string[] {
  return comments.map((c) => c.toString("utf8"));
}

describe("comment packets", () => {
  const opusBinary = Buffer.from([0x01, 0xde, 0xad, 0xbe, 0xef]);
  const opus = packet("opus", "libopus 1.3", ["TITLE=Song", "Genre=Rock", "ARTIST=Me", "GENRE=Pop"], opusBinary);

  it("reads GENRE values of any case, in order, and round-trips the bytes", () => {
    const parsed = parseCommentPacket(opus, "opus", "x.opus");
    expect(commentGenres(parsed)).toEqual(["Rock", "Pop"]);
    expect(parsed.vendor.toString()).toBe("libopus 1.3");
    expect(parsed.trailer).toEqual(opusBinary);
    expect(serialiseCommentPacket(parsed)).toEqual(opus);
  });

  it("puts new genres where the first GENRE was and keeps the rest, vendor and Opus binary data", () => {
    const parsed = parseCommentPacket(opus, "opus", "x.opus");
    const rewritten = serialiseCommentPacket(withGenres(parsed, ["Jazz", "Musique concrète"]));
    expect(rewritten).toEqual(
      packet("opus", "libopus 1.3", ["TITLE=Song", "GENRE=Jazz", "GENRE=Musique concrète", "ARTIST=Me"], opusBinary),
    );
    expect(commentGenres(parseCommentPacket(rewritten, "opus", "x.opus"))).toEqual(["Jazz", "Musique concrète"]);
  });

  it("appends genres when there were none, removes them all for an empty list, and keeps the framing bit", () => {
    const vorbis = packet("vorbis", "Lavf", ["TITLE=A", "GENREX=not a genre"], Buffer.from([1]));
    const parsed = parseCommentPacket(vorbis, "vorbis", "x.ogg");
    expect(commentGenres(parsed)).toEqual([]);
    const added = withGenres(parsed, ["Folk"]);
    expect(texts(added.comments)).toEqual(["TITLE=A", "GENREX=not a genre", "GENRE=Folk"]);
    expect(serialiseCommentPacket(added).at(-1)).toBe(1);
    expect(texts(withGenres(parseCommentPacket(opus, "opus", "x"), []).comments)).toEqual(["TITLE=Song", "ARTIST=Me"]);
  });

  it("refuses lengths that run past the packet and a wrong prefix with CORRUPT_AUDIO", () => {
    const cases = [
      opus.subarray(0, 20),
      Buffer.concat([opus.subarray(0, 8), Buffer.from([0xff, 0xff, 0xff, 0x7f])]),
      packet("vorbis", "v", [], Buffer.alloc(0)),
    ];
    for (const bad of cases) {
      let error: unknown;
      try {
        parseCommentPacket(bad, "opus", "x.opus");
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(TonearmError);
      expect((error as TonearmError).code).toBe("CORRUPT_AUDIO");
    }
    const hugeCount = packet("opus", "v", [], Buffer.alloc(0));
    hugeCount.writeUInt32LE(1_000_000, 8 + 4 + 1);
    expect(() => parseCommentPacket(hugeCount, "opus", "x")).toThrow(/claims 1000000 comments/);
  });
});
