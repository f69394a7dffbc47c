/**
 * MP4 atoms (ISO/IEC 14496-12 §4.2 "boxes"): reading atom headers out of a buffer, listing a
 * container's children, and building atoms. A header is a 32-bit big-endian size and a
 * four-character type; size 1 means a 64-bit size follows the type, size 0 means the atom runs
 * to the end of its container (the file, for a top-level atom). Sizes that run past their
 * container or are smaller than their header are damage (TonearmError CORRUPT_AUDIO).
 * Types are read as Latin-1, so iTunes' "©gen" is "\u00a9gen".
 * References: ISO/IEC 14496-12:2015 §4.2; Apple, "QuickTime File Format Specification", "Atoms".
 */
import { basename } from "node:path";
import { TonearmError } from "../../analysis/errors.js";

export interface Mp4Atom {
  readonly type: string;
  /** Offset of the atom's first header byte (in its buffer or file). */
  readonly start: number;
  /** 8, or 16 for a 64-bit size. */
  readonly headerSize: number;
  /** Total size, header included. */
  readonly size: number;
}

/** The error for a broken MP4 structure in `path`. */
export function damagedMp4(path: string, what: string): TonearmError {
  return new TonearmError("CORRUPT_AUDIO", `${basename(path)}: damaged MP4 file (${what})`, { path });
}

/** The error for an MP4 structure that tonearm does not write. */
export function unsupportedMp4(path: string, why: string): TonearmError {
  return new TonearmError("UNSUPPORTED_FORMAT", `${basename(path)}: cannot tag this MP4 file (${why})`, { path });
}

/**
 * The atom whose header starts at `head[0]` (at least 16 bytes or up to `end`), lying at
 * offset `start` of a container that ends at `end`.
 */
export function parseAtomHeader(head: Uint8Array, start: number, end: number, path: string): Mp4Atom {
  if (end - start < 8) throw damagedMp4(path, `${end - start} stray bytes at offset ${start}`);
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const type = Buffer.from(head.subarray(4, 8)).toString("latin1");
  let size = view.getUint32(0);
  let headerSize = 8;
  if (size === 1) {
    if (end - start < 16 || head.length < 16) throw damagedMp4(path, `atom "${type}" at ${start} is cut short`);
    const large = view.getBigUint64(8);
    if (large > BigInt(Number.MAX_SAFE_INTEGER)) throw damagedMp4(path, `atom "${type}" at ${start} is too large`);
    size = Number(large);
    headerSize = 16;
  } else if (size === 0) size = end - start;
  if (size < headerSize) throw damagedMp4(path, `atom "${type}" at ${start} has size ${size}`);
  if (start + size > end) throw damagedMp4(path, `atom "${type}" at ${start} runs past the end of its container`);
  return { type, start, headerSize, size };
}

/**
 * The atoms lying in `bytes[start, end)`. Fewer than 8 zero bytes at the end are allowed: QuickTime
 * ends some atom lists (`udta`) with a 32-bit zero terminator.
 */
export function childAtoms(bytes: Buffer, start: number, end: number, path: string): Mp4Atom[] {
  const atoms: Mp4Atom[] = [];
  for (let at = start; at < end; ) {
    if (end - at < 8 && bytes.subarray(at, end).every((byte) => byte === 0)) break;
    const atom = parseAtomHeader(bytes.subarray(at, Math.min(end, at + 16)), at, end, path);
    atoms.push(atom);
    at += atom.size;
  }
  return atoms;
}

/** The bytes of `atom` within `bytes`. */
export function atomBytes(bytes: Buffer, atom: Mp4Atom): Buffer {
  return bytes.subarray(atom.start, atom.start + atom.size);
}

/** An atom of `type` holding `parts`, with a 32-bit header (16-byte header when `largeHeader`). */
export function buildAtom(type: string, parts: readonly Uint8Array[], largeHeader = false, path = ""): Buffer {
  const contentLength = parts.reduce((sum, part) => sum + part.length, 0);
  const headerSize = largeHeader ? 16 : 8;
  const size = headerSize + contentLength;
  if (!largeHeader && size > 0xffffffff) throw unsupportedMp4(path, `atom "${type}" would exceed 4 GiB`);
  const header = Buffer.alloc(headerSize);
  header.writeUInt32BE(largeHeader ? 1 : size, 0);
  header.write(type, 4, "latin1");
  if (largeHeader) header.writeBigUInt64BE(BigInt(size), 8);
  return Buffer.concat([header, ...parts]);
}

/** A `free` atom of `size` bytes (≥ 8) whose content is zeros. */
export function freeAtom(size: number): Buffer {
  return buildAtom("free", [Buffer.alloc(size - 8)]);
}

/** True for the padding atoms `free` and `skip`. */
export function isPadding(atom: Mp4Atom): boolean {
  return atom.type === "free" || atom.type === "skip";
}
