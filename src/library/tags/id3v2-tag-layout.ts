/**
 * Where the parts of an ID3v2 tag at the start of a file sit: header, extended header, each
 * frame (id, flags, byte range) and padding. Frame bodies are not loaded; only 10-byte headers
 * are read, so a tag with a large APIC picture costs no memory.
 * Follows id3.org "ID3 tag version 2.3.0" §3 (header, plain 32-bit frame sizes) and
 * "ID3 tag version 2.4.0 - Main Structure" §3–4 (synchsafe frame sizes, footer).
 * ID3v2.2 (3-character frame ids) and later unknown versions are refused (UNSUPPORTED_FORMAT).
 */
import type { FileHandle } from "node:fs/promises";
import { TonearmError } from "../../analysis/errors.js";
import { readExactly } from "./byte-ranges.js";

export const ID3V2_HEADER_BYTES = 10;

/** Header flags (both versions). */
export const ID3V2_FLAG_UNSYNCHRONISATION = 0x80;
export const ID3V2_FLAG_EXTENDED_HEADER = 0x40;
export const ID3V2_FLAG_FOOTER = 0x10;

export interface Id3v2Frame {
  readonly id: string;
  /** Offset of the frame header in the file. */
  readonly start: number;
  /** Offset just past the frame's data. */
  readonly end: number;
  /** The two frame-flag bytes (status, format). */
  readonly statusFlags: number;
  readonly formatFlags: number;
}

export interface Id3v2TagLayout {
  /** 3 or 4. */
  readonly majorVersion: number;
  readonly revision: number;
  readonly flags: number;
  /** The header's size field: bytes after the header, excluding a footer (frames + padding + extended header). */
  readonly bodySize: number;
  /** Offset just past the whole tag (header, body and footer). */
  readonly end: number;
  /** Offset of the first frame (after the extended header, if any). */
  readonly framesStart: number;
  readonly frames: readonly Id3v2Frame[];
  /** Offset where padding starts (equal to the body's end when there is none). */
  readonly paddingStart: number;
}

/** True when `head` starts with an ID3v2 tag header. */
export function startsWithId3v2(head: Uint8Array): boolean {
  return head.length >= ID3V2_HEADER_BYTES && head[0] === 0x49 && head[1] === 0x44 && head[2] === 0x33;
}

/** The 28-bit value of four synchsafe bytes (7 bits each), or -1 when a high bit is set. */
export function readSynchsafe(bytes: Uint8Array, offset: number): number {
  let value = 0;
  for (let i = 0; i < 4; i++) {
    const byte = bytes[offset + i]!;
    if (byte & 0x80) return -1;
    value = value * 128 + byte;
  }
  return value;
}

export function writeSynchsafe(value: number, target: Uint8Array, offset: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** 28) {
    throw new RangeError(`writeSynchsafe: value must be an integer in [0, 2^28), got ${value}`);
  }
  for (let i = 3; i >= 0; i--) {
    target[offset + i] = value & 0x7f;
    value >>>= 7;
  }
}

/**
 * The layout of the ID3v2 tag at offset 0 of `handle`, or null when the file does not start
 * with one. CORRUPT_AUDIO on a broken structure, UNSUPPORTED_FORMAT on v2.2 or unknown versions.
 */
export async function readId3v2Layout(
  handle: FileHandle,
  fileSize: number,
  path: string,
): Promise<Id3v2TagLayout | null> {
  if (fileSize < ID3V2_HEADER_BYTES) return null;
  const header = await readExactly(handle, 0, ID3V2_HEADER_BYTES, "the ID3v2 header", path);
  if (!startsWithId3v2(header)) return null;
  const majorVersion = header[3]!;
  const revision = header[4]!;
  const flags = header[5]!;
  if (majorVersion === 2) {
    throw new TonearmError("UNSUPPORTED_FORMAT", `${path}: has an ID3v2.2 tag, which tonearm does not read or write`, {
      path,
    });
  }
  if (majorVersion !== 3 && majorVersion !== 4) {
    throw new TonearmError("UNSUPPORTED_FORMAT", `${path}: has an ID3v2.${majorVersion} tag (only 2.3 and 2.4 known)`, {
      path,
    });
  }
  if (majorVersion === 3 && flags & ID3V2_FLAG_UNSYNCHRONISATION) {
    // v2.3 unsynchronises the whole body, frame headers included: rewriting one frame would
    // re-encode every other one, so tonearm leaves such tags alone.
    throw new TonearmError(
      "UNSUPPORTED_FORMAT",
      `${path}: its ID3v2.3 tag is unsynchronised as a whole, which tonearm does not rewrite (to avoid damaging it)`,
      { path },
    );
  }
  const bodySize = readSynchsafe(header, 6);
  const footerBytes = majorVersion === 4 && flags & ID3V2_FLAG_FOOTER ? ID3V2_HEADER_BYTES : 0;
  const bodyEnd = ID3V2_HEADER_BYTES + bodySize;
  if (bodySize < 0 || revision === 0xff || bodyEnd + footerBytes > fileSize) {
    throw corrupt(path, "its ID3v2 header is invalid or the tag is longer than the file");
  }
  const framesStart = ID3V2_HEADER_BYTES + (await extendedHeaderBytes(handle, majorVersion, flags, bodyEnd, path));
  const frames: Id3v2Frame[] = [];
  let position = framesStart;
  while (position + ID3V2_HEADER_BYTES <= bodyEnd) {
    const frameHeader = await readExactly(handle, position, ID3V2_HEADER_BYTES, "an ID3v2 frame header", path);
    if (frameHeader[0] === 0) break; // padding
    const id = frameHeader.toString("latin1", 0, 4);
    if (!/^[A-Z0-9]{4}$/.test(id)) throw corrupt(path, `it has an ID3v2 frame with the invalid id "${id}"`);
    const size = majorVersion === 4 ? readSynchsafe(frameHeader, 4) : frameHeader.readUInt32BE(4);
    const end = position + ID3V2_HEADER_BYTES + size;
    if (size < 0 || end > bodyEnd) throw corrupt(path, `its ID3v2 frame ${id} has an invalid size`);
    frames.push({ id, start: position, end, statusFlags: frameHeader[8]!, formatFlags: frameHeader[9]! });
    position = end;
  }
  return {
    majorVersion,
    revision,
    flags,
    bodySize,
    end: bodyEnd + footerBytes,
    framesStart,
    frames,
    paddingStart: Math.min(position, bodyEnd),
  };
}

/** Size of the extended header (v2.3: size field excludes itself; v2.4: synchsafe, includes itself). */
async function extendedHeaderBytes(
  handle: FileHandle,
  majorVersion: number,
  flags: number,
  bodyEnd: number,
  path: string,
): Promise<number> {
  if (!(flags & ID3V2_FLAG_EXTENDED_HEADER)) return 0;
  const sizeBytes = await readExactly(handle, ID3V2_HEADER_BYTES, 4, "the ID3v2 extended header", path);
  const bytes = majorVersion === 4 ? readSynchsafe(sizeBytes, 0) : sizeBytes.readUInt32BE(0) + 4;
  if (bytes < 6 || ID3V2_HEADER_BYTES + bytes > bodyEnd) throw corrupt(path, "its ID3v2 extended header is invalid");
  return bytes;
}

function corrupt(path: string, what: string): TonearmError {
  return new TonearmError("CORRUPT_AUDIO", `${path}: ${what}`, { path });
}
