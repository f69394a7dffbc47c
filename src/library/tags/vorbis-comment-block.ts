/**
 * Vorbis comments (xiph.org "Ogg Vorbis I format specification: comment field and header
 * specification"): a vendor string and a list of "NAME=value" UTF-8 comments, every length a
 * 32-bit little-endian integer. Field names are ASCII and case-insensitive; a field may repeat
 * (several GENRE comments are several genres). FLAC's VORBIS_COMMENT block holds this without
 * the Ogg framing bit; any bytes after the list (the framing bit in Ogg) are kept as they are.
 *
 * Comments are kept as their raw bytes, so every comment but the genres is written back
 * byte for byte, in its order.
 */
import { TonearmError } from "../../analysis/errors.js";

export const GENRE_FIELD = "GENRE";

export interface VorbisComments {
  readonly vendor: Uint8Array;
  /** Each comment's raw bytes ("NAME=value"), in order. */
  readonly comments: readonly Uint8Array[];
  /** Bytes after the comment list, kept as they are (Ogg's framing bit). */
  readonly trailing: Uint8Array;
}

/** Parses a comment header; CORRUPT_AUDIO (about `path`) when a length runs past the data. */
export function parseVorbisComments(data: Uint8Array, path: string): VorbisComments {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let position = 0;
  const take = (): Uint8Array => {
    if (position + 4 > data.length) throw corrupt(path);
    const length = view.getUint32(position, true);
    if (position + 4 + length > data.length) throw corrupt(path);
    const bytes = data.subarray(position + 4, position + 4 + length);
    position += 4 + length;
    return bytes;
  };
  const vendor = take();
  if (position + 4 > data.length) throw corrupt(path);
  const count = view.getUint32(position, true);
  position += 4;
  const comments: Uint8Array[] = [];
  for (let i = 0; i < count; i++) comments.push(take());
  return { vendor, comments, trailing: data.subarray(position) };
}

export function serializeVorbisComments({ vendor, comments, trailing }: VorbisComments): Uint8Array {
  const size = 8 + vendor.length + comments.reduce((sum, comment) => sum + 4 + comment.length, 0) + trailing.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let position = 0;
  const put = (bytes: Uint8Array): void => {
    view.setUint32(position, bytes.length, true);
    out.set(bytes, position + 4);
    position += 4 + bytes.length;
  };
  put(vendor);
  view.setUint32(position, comments.length, true);
  position += 4;
  comments.forEach(put);
  out.set(trailing, position);
  return out;
}

/** The values of the GENRE comments, in order. */
export function genresOfComments(comments: VorbisComments): string[] {
  const decoder = new TextDecoder();
  const genres: string[] = [];
  for (const comment of comments.comments) {
    const separator = comment.indexOf(0x3d);
    if (separator >= 0 && isGenreField(comment, separator))
      genres.push(decoder.decode(comment.subarray(separator + 1)));
  }
  return genres;
}

/** The same comments with the GENRE comments replaced by `genres`, placed where the first one was (else last). */
export function withGenreComments(comments: VorbisComments, genres: readonly string[]): VorbisComments {
  const encoder = new TextEncoder();
  const genreComments = genres.map((genre) => encoder.encode(`${GENRE_FIELD}=${genre}`));
  const kept: Uint8Array[] = [];
  let placed = false;
  for (const comment of comments.comments) {
    const separator = comment.indexOf(0x3d);
    if (separator < 0 || !isGenreField(comment, separator)) kept.push(comment);
    else if (!placed) {
      placed = true;
      kept.push(...genreComments);
    }
  }
  if (!placed) kept.push(...genreComments);
  return { ...comments, comments: kept };
}

function isGenreField(comment: Uint8Array, separator: number): boolean {
  if (separator !== GENRE_FIELD.length) return false;
  for (let i = 0; i < separator; i++) {
    if ((comment[i]! & 0xdf) !== GENRE_FIELD.charCodeAt(i)) return false; // ASCII upper-casing
  }
  return true;
}

function corrupt(path: string): TonearmError {
  return new TonearmError("CORRUPT_AUDIO", `${path}: its Vorbis comment block is broken (a length runs past its end)`, {
    path,
  });
}
