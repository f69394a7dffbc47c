/**
 * The comment header packet of Ogg Vorbis and Ogg Opus, and replacing its GENRE comments.
 *
 * Layout (Vorbis I §5.2.1, RFC 7845 §5.2): a codec prefix ("\x03vorbis" or "OpusTags"), the
 * vendor string (32-bit little-endian length, UTF-8), the comment count, then each comment as
 * a length and "NAME=value" in UTF-8. Vorbis ends with a framing bit; Opus may carry binary data
 * after the comments. Both trailers are kept byte for byte, as are the vendor string and every
 * comment other than GENRE. Field names compare ASCII-case-insensitively (Vorbis I §5.2.3).
 * The new GENRE comments take the place of the first old one (or go last when there was none),
 * one "GENRE=value" comment per value.
 * References: Vorbis I specification §5 "comment field and header specification";
 *   RFC 7845 §5.2 "Comment Header".
 */
import { damagedOgg } from "./ogg-page-reader.js";

export type OggCodec = "vorbis" | "opus";

/** The codec prefix that opens each codec's comment packet. */
export const COMMENT_PREFIX: Readonly<Record<OggCodec, Buffer>> = {
  vorbis: Buffer.from("\x03vorbis", "latin1"),
  opus: Buffer.from("OpusTags", "latin1"),
};

export interface OggCommentPacket {
  readonly codec: OggCodec;
  /** The vendor string's bytes, as stored. */
  readonly vendor: Buffer;
  /** Each comment's bytes ("NAME=value"), as stored, in order. */
  readonly comments: readonly Buffer[];
  /** What follows the comments (Vorbis framing bit, Opus binary data), as stored. */
  readonly trailer: Buffer;
}

const GENRE = "genre";
const utf8 = new TextDecoder("utf-8");

/** Parses a comment packet; a length that runs past the packet is CORRUPT_AUDIO. */
export function parseCommentPacket(packet: Buffer, codec: OggCodec, path: string): OggCommentPacket {
  const prefix = COMMENT_PREFIX[codec];
  if (packet.length < prefix.length || !packet.subarray(0, prefix.length).equals(prefix)) {
    throw damagedOgg(path, `the second packet is not a ${codec === "vorbis" ? "Vorbis" : "Opus"} comment header`);
  }
  let at = prefix.length;
  const take = (what: string): Buffer => {
    if (at + 4 > packet.length) throw damagedOgg(path, `comment header ends inside the ${what} length`);
    const length = packet.readUInt32LE(at);
    at += 4;
    if (length > packet.length - at) throw damagedOgg(path, `comment header's ${what} runs past its end`);
    const bytes = packet.subarray(at, at + length);
    at += length;
    return bytes;
  };
  const vendor = take("vendor string");
  if (at + 4 > packet.length) throw damagedOgg(path, "comment header ends before its comment count");
  const count = packet.readUInt32LE(at);
  at += 4;
  if (count > (packet.length - at) / 4) throw damagedOgg(path, `comment header claims ${count} comments`);
  const comments: Buffer[] = [];
  for (let i = 0; i < count; i++) comments.push(take("comment"));
  return { codec, vendor, comments, trailer: packet.subarray(at) };
}

/** The packet's bytes. */
export function serialiseCommentPacket(packet: OggCommentPacket): Buffer {
  const parts: Buffer[] = [COMMENT_PREFIX[packet.codec], lengthOf(packet.vendor), packet.vendor];
  parts.push(lengthOf({ length: packet.comments.length }));
  for (const comment of packet.comments) parts.push(lengthOf(comment), comment);
  parts.push(packet.trailer);
  return Buffer.concat(parts);
}

function lengthOf(bytes: { readonly length: number }): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(bytes.length);
  return length;
}

/** The value of `comment` when its field name is GENRE (any case), else null. */
function genreValue(comment: Buffer): string | null {
  const equals = comment.indexOf(0x3d);
  if (equals !== GENRE.length) return null;
  return comment.toString("latin1", 0, equals).toLowerCase() === GENRE
    ? utf8.decode(comment.subarray(equals + 1))
    : null;
}

/** The GENRE values in order. */
export function commentGenres(packet: OggCommentPacket): string[] {
  return packet.comments.map(genreValue).filter((value): value is string => value !== null);
}

/** The packet with its GENRE comments replaced by one per value of `genres`. */
export function withGenres(packet: OggCommentPacket, genres: readonly string[]): OggCommentPacket {
  const fresh = genres.map((genre) => Buffer.from(`GENRE=${genre}`, "utf8"));
  const comments: Buffer[] = [];
  let placed = false;
  for (const comment of packet.comments) {
    if (genreValue(comment) === null) comments.push(comment);
    else if (!placed) {
      comments.push(...fresh);
      placed = true;
    }
  }
  if (!placed) comments.push(...fresh);
  return { ...packet, comments };
}
