/**
 * File-level access to an MP4 file for the genre writer: listing the top-level atoms from their
 * headers alone, reading one atom (the `moov`) into memory, and streaming byte ranges (the
 * `mdat`) to another file or into a hash in 1 MiB chunks, so memory stays bounded whatever the
 * size of the media data.
 * Reference: ISO/IEC 14496-12:2015 §4.2 (box structure) and §6.2.3 (top-level box order).
 */
import type { Hash } from "node:crypto";
import type { FileHandle } from "node:fs/promises";
import { damagedMp4, type Mp4Atom, parseAtomHeader, unsupportedMp4 } from "./mp4-atom.js";

const CHUNK_BYTES = 1 << 20;
/** A `moov` larger than this is refused rather than read into memory. */
const MAX_MOOV_BYTES = 256 << 20;

/** Reads exactly `length` bytes at `position`; fewer is a truncated file. */
export async function readExactly(handle: FileHandle, position: number, length: number, path: string): Promise<Buffer> {
  const bytes = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(bytes, filled, length - filled, position + filled);
    if (bytesRead === 0) throw damagedMp4(path, `the file ends at byte ${position + filled}`);
    filled += bytesRead;
  }
  return bytes;
}

/** The top-level atoms of a file of `fileSize` bytes, checked to tile it exactly. */
export async function topLevelAtoms(handle: FileHandle, fileSize: number, path: string): Promise<Mp4Atom[]> {
  const atoms: Mp4Atom[] = [];
  for (let at = 0; at < fileSize; ) {
    const head = await readExactly(handle, at, Math.min(16, fileSize - at), path);
    const atom = parseAtomHeader(head, at, fileSize, path);
    atoms.push(atom);
    at += atom.size;
  }
  return atoms;
}

/** The single `moov` atom of `atoms`; none or several is damage. */
export function findMoov(atoms: readonly Mp4Atom[], path: string): Mp4Atom {
  const moovs = atoms.filter((atom) => atom.type === "moov");
  if (moovs.length !== 1) throw damagedMp4(path, moovs.length === 0 ? "no moov atom" : "several moov atoms");
  return moovs[0]!;
}

/** The whole `moov` atom, header included. */
export async function readMoov(handle: FileHandle, moov: Mp4Atom, path: string): Promise<Buffer> {
  if (moov.size > MAX_MOOV_BYTES) throw unsupportedMp4(path, `its moov atom holds ${moov.size} bytes`);
  return readExactly(handle, moov.start, moov.size, path);
}

/** Writes all of `bytes` (a write may take fewer bytes than offered). */
export async function writeFully(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let done = 0; done < bytes.length; ) done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten;
}

/** Streams `length` bytes at `position` of `source` to `sink` (a file or a hash). */
export async function streamRange(
  source: FileHandle,
  position: number,
  length: number,
  sink: FileHandle | Hash,
  path: string,
): Promise<void> {
  const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(1, length)));
  for (let done = 0; done < length; ) {
    const want = Math.min(chunk.length, length - done);
    const { bytesRead } = await source.read(chunk, 0, want, position + done);
    if (bytesRead === 0) throw damagedMp4(path, `the file ends at byte ${position + done}`);
    const piece = chunk.subarray(0, bytesRead);
    if ("digest" in sink) sink.update(piece);
    else await writeFully(sink, piece);
    done += bytesRead;
  }
}
