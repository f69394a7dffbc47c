/**
 * The ID3v2 TCON ("content type", the genre) frame: decoding its data to genre values and
 * encoding genre values to a whole frame.
 *
 * - id3.org "ID3 tag version 2.3.0" §4.2.1 TCON: ID3v1 genres referenced as "(17)", optionally
 *   followed by a refinement ("(4)Eurodisco"); "(RX)" Remix, "(CR)" Cover; a refinement that
 *   starts with "(" is written "((". §3.3.1: frame flags (compression, encryption, grouping).
 * - id3.org "ID3 tag version 2.4.0 - Native Frames" §4.2.3 TCON: several values separated by
 *   $00, ID3v1 genres as bare numbers ("17"). "Main Structure" §4.1.2 and §6.1: per-frame
 *   unsynchronisation and the data length indicator.
 *
 * Decisions: values are read split on NUL in both versions (v2.3 has no standard separator;
 * NUL is what mutagen, TagLib and music-metadata read) and never on "/", which genre names
 * contain ("Pop/Funk"). Writing: v2.4 UTF-8 joined by NUL; v2.3 ISO-8859-1 when every character
 * fits, else UTF-16 with a BOM, joined by NUL. A value that a reader would take for an ID3v1
 * reference is escaped with "((" when that round-trips, and refused (INVALID_OPTION) otherwise.
 */
import { inflateSync } from "node:zlib";
import { TonearmError } from "../../analysis/errors.js";
import { id3v1GenreName } from "./id3v1-genre-names.js";
import { ID3V2_FLAG_UNSYNCHRONISATION, ID3V2_HEADER_BYTES, writeSynchsafe } from "./id3v2-tag-layout.js";

export const GENRE_FRAME_ID = "TCON";

/** Genre values of one TCON value string: leading "(n)" references expanded, then the refinement. */
export function decodeGenreValue(value: string): string[] {
  const genres: string[] = [];
  let position = 0;
  let rest: string | undefined;
  while (value[position] === "(") {
    if (value[position + 1] === "(") {
      rest = value.slice(position + 1); // "((" escapes a refinement starting with "("
      break;
    }
    const close = value.indexOf(")", position);
    const code = close < 0 ? "" : value.slice(position + 1, close);
    const name = code === "RX" ? "Remix" : code === "CR" ? "Cover" : id3v1GenreName(code);
    if (name === undefined) break;
    if (!genres.includes(name)) genres.push(name);
    position = close + 1;
  }
  rest ??= value.slice(position);
  if (rest !== "") {
    const name = genres.length === 0 ? id3v1GenreName(rest) : undefined; // v2.4: a bare "17"
    const genre = name ?? rest;
    if (!genres.includes(genre)) genres.push(genre);
  }
  return genres;
}

/** The TCON text to store for one genre so that decodeGenreValue gives it back. */
export function encodeGenreValue(genre: string): string {
  for (const candidate of [genre, `(${genre}`]) {
    const decoded = decodeGenreValue(candidate);
    if (decoded.length === 1 && decoded[0] === genre) return candidate;
  }
  throw new TonearmError(
    "INVALID_OPTION",
    `the genre "${genre}" cannot be stored in ID3v2: readers take it for an ID3v1 genre number`,
  );
}

/** Genre values of a TCON frame's text data (encoding byte + text). */
export function decodeGenreText(data: Uint8Array): string[] {
  if (data.length === 0) return [];
  const encoding = data[0]!;
  const strings =
    encoding === 1 || encoding === 2 ? decodeUtf16(data.subarray(1), encoding) : decodeSingleByte(data, encoding);
  return strings.filter((text) => text !== "").flatMap(decodeGenreValue);
}

function decodeSingleByte(data: Uint8Array, encoding: number): string[] {
  if (encoding !== 0 && encoding !== 3) throw new RangeError(`unknown ID3v2 text encoding ${encoding}`);
  const text = Buffer.from(data.buffer, data.byteOffset + 1, data.length - 1);
  return text.toString(encoding === 0 ? "latin1" : "utf8").split("\u0000");
}

/** UTF-16 strings separated by 16-bit NULs; each may start with a BOM, else the last byte order holds. */
function decodeUtf16(text: Uint8Array, encoding: number): string[] {
  const strings: string[] = [];
  let bigEndian = encoding === 2;
  let start = 0;
  const evenLength = text.length - (text.length % 2);
  for (let i = 0; i <= evenLength; i += 2) {
    if (i < evenLength && (text[i] !== 0 || text[i + 1] !== 0)) continue;
    let units = text.subarray(start, i);
    if ((units[0] === 0xfe && units[1] === 0xff) || (units[0] === 0xff && units[1] === 0xfe)) {
      bigEndian = units[0] === 0xfe;
      units = units.subarray(2);
    }
    const copy = Buffer.from(units); // a copy: swap16 works in place
    strings.push((bigEndian ? copy.swap16() : copy).toString("utf16le"));
    start = i + 2;
  }
  return strings;
}

/**
 * The text data (encoding byte + text) of a TCON frame whose raw bytes (header included) are
 * `frame`, undoing per-frame unsynchronisation and compression. Encrypted frames are refused.
 */
export function genreFrameText(frame: Uint8Array, majorVersion: number, tagFlags: number, path: string): Uint8Array {
  const formatFlags = frame[9]!;
  let data = frame.subarray(ID3V2_HEADER_BYTES);
  let compressed: boolean;
  if (majorVersion === 3) {
    if (formatFlags & 0x40) throw encrypted(path);
    compressed = (formatFlags & 0x80) !== 0;
    data = data.subarray((compressed ? 4 : 0) + (formatFlags & 0x20 ? 1 : 0));
  } else {
    if (formatFlags & 0x04) throw encrypted(path);
    if (formatFlags & 0x02 || tagFlags & ID3V2_FLAG_UNSYNCHRONISATION) data = removeUnsynchronisation(data);
    compressed = (formatFlags & 0x08) !== 0;
    data = data.subarray((formatFlags & 0x40 ? 1 : 0) + (formatFlags & 0x01 ? 4 : 0));
  }
  if (!compressed) return data;
  try {
    return inflateSync(data);
  } catch (cause) {
    throw new TonearmError("CORRUPT_AUDIO", `${path}: its compressed ID3v2 genre frame cannot be inflated`, {
      path,
      cause,
    });
  }
}

/** Undoes ID3v2 unsynchronisation: every $FF $00 becomes $FF. */
export function removeUnsynchronisation(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  let length = 0;
  for (let i = 0; i < data.length; i++) {
    out[length++] = data[i]!;
    if (data[i] === 0xff && data[i + 1] === 0x00) i++;
  }
  return out.subarray(0, length);
}

/**
 * A whole TCON frame (header + data) holding `genres` for a tag of `majorVersion`. In a v2.4
 * tag flagged as unsynchronised the frame carries the unsynchronisation flag; its UTF-8 data
 * holds no $FF byte, so the data is already in unsynchronised form.
 */
export function encodeGenreFrame(genres: readonly string[], majorVersion: number, tagFlags: number): Uint8Array {
  const text = genres.map(encodeGenreValue).join("\u0000");
  let data: Buffer;
  if (majorVersion === 4) data = Buffer.concat([Buffer.of(3), Buffer.from(text, "utf8")]);
  else if (!/[\u0100-\uffff]/.test(text)) data = Buffer.concat([Buffer.of(0), Buffer.from(text, "latin1")]);
  else data = Buffer.concat([Buffer.of(1, 0xff, 0xfe), Buffer.from(text, "utf16le")]);
  const frame = new Uint8Array(ID3V2_HEADER_BYTES + data.length);
  frame.set(Buffer.from(GENRE_FRAME_ID, "latin1"), 0);
  if (majorVersion === 4) writeSynchsafe(data.length, frame, 4);
  else new DataView(frame.buffer).setUint32(4, data.length);
  frame[9] = majorVersion === 4 && tagFlags & ID3V2_FLAG_UNSYNCHRONISATION ? 0x02 : 0;
  frame.set(data, ID3V2_HEADER_BYTES);
  return frame;
}

function encrypted(path: string): TonearmError {
  return new TonearmError("UNSUPPORTED_FORMAT", `${path}: its ID3v2 genre frame is encrypted`, { path });
}
