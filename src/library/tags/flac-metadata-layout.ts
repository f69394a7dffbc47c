/**
 * Where the metadata blocks of a FLAC file sit (xiph.org "FLAC format", RFC 9639 §8): the
 * "fLaC" marker, then blocks each with a 4-byte header (bit 7: last block; bits 0–6: type;
 * 24-bit big-endian length), STREAMINFO first. Only headers are read. A file may start with an
 * ID3v2 tag before the marker (some taggers write one; the FLAC format does not know it): it is
 * skipped as an opaque prefix, by the size in its header (ID3v2.4 §3.1, plus a footer if flagged).
 */
import type { FileHandle } from "node:fs/promises";
import { TonearmError } from "../../analysis/errors.js";
import { readExactly, readUpTo } from "./byte-ranges.js";
import { ID3V2_FLAG_FOOTER, ID3V2_HEADER_BYTES, readSynchsafe, startsWithId3v2 } from "./id3v2-tag-layout.js";

export const FLAC_MARKER = "fLaC";
export const FLAC_BLOCK_HEADER_BYTES = 4;
export const FLAC_MAX_BLOCK_LENGTH = 2 ** 24 - 1;

export const FlacBlockType = {
  streamInfo: 0,
  padding: 1,
  application: 2,
  seekTable: 3,
  vorbisComment: 4,
  cueSheet: 5,
  picture: 6,
} as const;

export interface FlacMetadataBlock {
  readonly type: number;
  /** Offset of the block header. */
  readonly start: number;
  /** Offset just past the block's data. */
  readonly end: number;
}

export interface FlacLayout {
  /** Offset of the "fLaC" marker: 0, or the size of a leading ID3v2 tag. */
  readonly markerStart: number;
  readonly blocks: readonly FlacMetadataBlock[];
  /** Offset of the first audio frame: just past the last metadata block. */
  readonly audioStart: number;
}

/** True when `head` starts with "fLaC". */
export function startsWithFlacMarker(head: Uint8Array): boolean {
  return head.length >= 4 && Buffer.from(head.buffer, head.byteOffset, 4).toString("latin1") === FLAC_MARKER;
}

/** The metadata layout of a FLAC file; CORRUPT_AUDIO when its structure is broken. */
export async function readFlacLayout(handle: FileHandle, fileSize: number, path: string): Promise<FlacLayout> {
  const markerStart = await leadingId3v2Bytes(handle, path);
  const marker = await readUpTo(handle, markerStart, 4);
  if (!startsWithFlacMarker(marker)) throw corrupt(path, `no "fLaC" marker at byte ${markerStart}`);
  const blocks: FlacMetadataBlock[] = [];
  let position = markerStart + 4;
  for (let last = false; !last; ) {
    const header = await readExactly(handle, position, FLAC_BLOCK_HEADER_BYTES, "a FLAC metadata block header", path);
    last = (header[0]! & 0x80) !== 0;
    const type = header[0]! & 0x7f;
    const end = position + FLAC_BLOCK_HEADER_BYTES + header.readUIntBE(1, 3);
    if (type === 127) throw corrupt(path, "a metadata block has the invalid type 127");
    if (blocks.length === 0 && type !== FlacBlockType.streamInfo)
      throw corrupt(path, "STREAMINFO is not the first block");
    if (end > fileSize) throw corrupt(path, "a metadata block runs past the end of the file");
    blocks.push({ type, start: position, end });
    position = end;
  }
  return { markerStart, blocks, audioStart: position };
}

/** Size of an ID3v2 tag at the start of the file (0 when there is none). */
async function leadingId3v2Bytes(handle: FileHandle, path: string): Promise<number> {
  const header = await readUpTo(handle, 0, ID3V2_HEADER_BYTES);
  if (!startsWithId3v2(header)) return 0;
  const bodySize = readSynchsafe(header, 6);
  if (bodySize < 0) throw corrupt(path, "the ID3v2 tag before the FLAC stream has an invalid size");
  const footer = header[3] === 4 && header[5]! & ID3V2_FLAG_FOOTER ? ID3V2_HEADER_BYTES : 0;
  return ID3V2_HEADER_BYTES + bodySize + footer;
}

function corrupt(path: string, what: string): TonearmError {
  return new TonearmError("CORRUPT_AUDIO", `${path}: broken FLAC metadata (${what})`, { path });
}
