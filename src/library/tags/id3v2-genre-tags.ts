/**
 * Genre tags of MPEG audio (MP3) files in an ID3v2.3 or ID3v2.4 tag at the start of the file
 * (id3.org "ID3 tag version 2.3.0", "ID3 tag version 2.4.0 - Main Structure" and
 * "- Native Frames"; the TCON frame codec is id3v2-genre-frame.ts).
 *
 * Writing keeps the tag's version, revision and flags and every other frame byte for byte (they
 * are copied, never parsed); the TCON frames are replaced by one, at the place of the first.
 * When the frames still fit in the tag, the tag keeps its size (less or more padding) and the
 * audio does not move; otherwise the tag grows with 1 KiB of fresh padding. A file without an
 * ID3v2 tag gets an ID3v2.4 tag: the only version with a standard multi-value TCON and UTF-8;
 * players that cannot read it saw no ID3v2 genre before either. Refused (UNSUPPORTED_FORMAT)
 * rather than risked: ID3v2.2, a v2.3 tag unsynchronised as a whole, an extended header (v2.3
 * keeps a padding size and both may keep a CRC over the frames), a v2.4 footer, unknown flags.
 *
 * Trailing ID3v1 and APEv2 tags are copied unchanged; in particular the ID3v1 genre byte is not
 * updated (it is another tag, and readers prefer ID3v2). Genres are read from ID3v2 only.
 * Audio payload: the bytes after the ID3v2 tag up to an APEv2 tag or ID3v1 trailer.
 */
import { TonearmError } from "../../analysis/errors.js";
import {
  compactPieces,
  type FilePiece,
  hashRange,
  pieceLength,
  readExactly,
  withFile,
  writePieces,
} from "./byte-ranges.js";
import type { GenreTagFormat, GenreTags } from "./genre-tag-format.js";
import { decodeGenreText, encodeGenreFrame, GENRE_FRAME_ID, genreFrameText } from "./id3v2-genre-frame.js";
import {
  ID3V2_FLAG_EXTENDED_HEADER,
  ID3V2_FLAG_FOOTER,
  ID3V2_HEADER_BYTES,
  type Id3v2TagLayout,
  readId3v2Layout,
  startsWithId3v2,
  writeSynchsafe,
} from "./id3v2-tag-layout.js";
import { mpegAudioEnd } from "./mpeg-trailing-tags.js";

/** Padding given to a new or grown tag, so that later edits fit without moving the audio. */
export const ID3V2_FRESH_PADDING_BYTES = 1024;

const NEW_TAG_VERSION = 4;
const MAX_BODY_SIZE = 2 ** 28 - 1;

export const id3v2GenreTagFormat: GenreTagFormat = {
  name: "id3v2",

  recognises(head, fileName) {
    if (/\.flac$/i.test(fileName)) return false; // FLAC with a leading ID3v2 tag: flac-genre-tags.ts
    return startsWithId3v2(head) || startsWithMpegFrame(head);
  },

  readGenres(path) {
    return withFile(path, async (handle, size): Promise<GenreTags> => {
      const layout = await readId3v2Layout(handle, size, path);
      if (layout === null) return { genres: [] };
      const genres: string[] = [];
      for (const frame of layout.frames) {
        if (frame.id !== GENRE_FRAME_ID) continue;
        const bytes = await readExactly(handle, frame.start, frame.end - frame.start, "an ID3v2 frame", path);
        try {
          genres.push(...decodeGenreText(genreFrameText(bytes, layout.majorVersion, layout.flags, path)));
        } catch (cause) {
          if (cause instanceof TonearmError) throw cause;
          throw new TonearmError("CORRUPT_AUDIO", `${path}: its ID3v2 genre frame cannot be decoded`, { path, cause });
        }
      }
      return { genres };
    });
  },

  writeCopyWithGenres(source, target, genres) {
    return withFile(source, async (handle, size) => {
      const layout = await readId3v2Layout(handle, size, source);
      const pieces = layout === null ? newTagPieces(genres, size) : rewrittenTagPieces(layout, genres, size, source);
      await writePieces(handle, target, compactPieces(pieces));
    });
  },

  audioPayloadHash(path) {
    return withFile(path, async (handle, size) => {
      const layout = await readId3v2Layout(handle, size, path);
      const start = layout?.end ?? 0;
      return hashRange(handle, start, await mpegAudioEnd(handle, size, start), path);
    });
  },
};

/** A file without a tag: a new v2.4 tag (only when there are genres to store), then the whole file. */
function newTagPieces(genres: readonly string[], size: number): FilePiece[] {
  const whole: FilePiece = { kind: "copy", start: 0, end: size };
  if (genres.length === 0) return [whole];
  const frame = encodeGenreFrame(genres, NEW_TAG_VERSION, 0);
  const bodySize = frame.length + ID3V2_FRESH_PADDING_BYTES;
  return [
    { kind: "bytes", bytes: tagHeader(NEW_TAG_VERSION, 0, 0, bodySize) },
    { kind: "bytes", bytes: frame },
    { kind: "zeros", length: ID3V2_FRESH_PADDING_BYTES },
    whole,
  ];
}

function rewrittenTagPieces(
  layout: Id3v2TagLayout,
  genres: readonly string[],
  size: number,
  path: string,
): FilePiece[] {
  refuseUnrewritable(layout, path);
  const frame: FilePiece | null =
    genres.length === 0 ? null : { kind: "bytes", bytes: encodeGenreFrame(genres, layout.majorVersion, layout.flags) };
  const frames: FilePiece[] = [];
  let placed = false;
  for (const { id, start, end } of layout.frames) {
    if (id !== GENRE_FRAME_ID) frames.push({ kind: "copy", start, end });
    else if (!placed) {
      placed = true;
      if (frame !== null) frames.push(frame);
    }
  }
  if (!placed && frame !== null) frames.push(frame);
  const framesBytes = frames.reduce((sum, piece) => sum + pieceLength(piece), 0);
  const bodySize = framesBytes <= layout.bodySize ? layout.bodySize : framesBytes + ID3V2_FRESH_PADDING_BYTES;
  if (bodySize > MAX_BODY_SIZE) {
    throw new TonearmError("UNSUPPORTED_FORMAT", `${path}: its ID3v2 tag would outgrow the 256 MB the format allows`, {
      path,
    });
  }
  return [
    { kind: "bytes", bytes: tagHeader(layout.majorVersion, layout.revision, layout.flags, bodySize) },
    ...frames,
    { kind: "zeros", length: bodySize - framesBytes },
    { kind: "copy", start: layout.end, end: size },
  ];
}

function refuseUnrewritable(layout: Id3v2TagLayout, path: string): void {
  const version = `ID3v2.${layout.majorVersion}`;
  const knownFlags = layout.majorVersion === 4 ? 0xf0 : 0xe0;
  let reason: string | null = null;
  if (layout.flags & ID3V2_FLAG_EXTENDED_HEADER) reason = "has an extended header";
  else if (layout.majorVersion === 4 && layout.flags & ID3V2_FLAG_FOOTER) reason = "has a footer";
  else if (layout.flags & ~knownFlags) reason = "has header flags the standard does not define";
  if (reason !== null) {
    throw new TonearmError(
      "UNSUPPORTED_FORMAT",
      `${path}: its ${version} tag ${reason}, which tonearm does not rewrite (to avoid damaging it)`,
      { path },
    );
  }
}

function tagHeader(majorVersion: number, revision: number, flags: number, bodySize: number): Uint8Array {
  const header = new Uint8Array(ID3V2_HEADER_BYTES);
  header.set([0x49, 0x44, 0x33, majorVersion, revision, flags]);
  writeSynchsafe(bodySize, header, 6);
  return header;
}

/** An MPEG audio frame header (ISO/IEC 11172-3 §2.4.1.3): sync, a valid version, layer, bitrate and rate. */
function startsWithMpegFrame(head: Uint8Array): boolean {
  if (head.length < 4 || head[0] !== 0xff || (head[1]! & 0xe0) !== 0xe0) return false;
  const version = (head[1]! >> 3) & 0x03;
  const layer = (head[1]! >> 1) & 0x03;
  const bitrateIndex = head[2]! >> 4;
  const rateIndex = (head[2]! >> 2) & 0x03;
  return version !== 1 && layer !== 0 && bitrateIndex !== 0x0f && rateIndex !== 0x03;
}
