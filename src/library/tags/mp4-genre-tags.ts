/**
 * Genre tags in MP4/M4A files (AAC, ALAC): the iTunes item `©gen` in `moov/udta/meta/ilst`
 * (mp4-ilst.ts), with the old `gnre` item read and replaced by `©gen` on writing.
 *
 * Writing copies every top-level atom byte for byte except `moov`, which is rebuilt
 * (mp4-moov-edit.ts); `mdat` is streamed in chunks. When the new `moov` has another size and
 * a `free`/`skip` atom right after it can absorb the difference, that padding is resized so
 * nothing after it moves; otherwise every chunk offset pointing past the old `moov` shifts by
 * the difference. Fragmented files (`moof` atoms) are read but not written: their fragments
 * carry offsets of their own (`tfhd`, `trun`, `mfra`) that this writer does not rewrite.
 *
 * The audio payload (audioPayloadHash) is the contents of every `mdat` atom, in file order,
 * without their headers.
 * References: ISO/IEC 14496-12:2015; Apple, "QuickTime File Format Specification" (Metadata).
 */
import { createHash } from "node:crypto";
import { type FileHandle, open } from "node:fs/promises";
import { extname } from "node:path";
import type { GenreTagFormat, GenreTags } from "./genre-tag-format.js";
import { isPadding, type Mp4Atom, unsupportedMp4 } from "./mp4-atom.js";
import { findMoov, readMoov, streamRange, topLevelAtoms, writeFully } from "./mp4-file.js";
import { findIlst, ilstGenres } from "./mp4-ilst.js";
import { editMoovGenres, shiftChunkOffsets } from "./mp4-moov-edit.js";

const MP4_EXTENSIONS = new Set([".m4a", ".m4b", ".m4p", ".m4v", ".mp4", ".mov"]);
const QUICKTIME_FIRST_ATOMS = new Set(["moov", "mdat", "free", "skip", "wide"]);
const ZERO_CHUNK_BYTES = 1 << 16;

async function withAtoms<T>(path: string, use: (handle: FileHandle, atoms: Mp4Atom[]) => Promise<T>): Promise<T> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    return await use(handle, await topLevelAtoms(handle, size, path));
  } finally {
    await handle.close();
  }
}

async function readGenres(path: string): Promise<GenreTags> {
  return withAtoms(path, async (handle, atoms) => {
    const moovAtom = findMoov(atoms, path);
    const moov = await readMoov(handle, moovAtom, path);
    const ilst = findIlst(moov, { ...moovAtom, start: 0 }, path);
    return { genres: ilst === null ? [] : ilstGenres(ilst, path) };
  });
}

/** Writes a `free` atom of `size` bytes without holding it in memory. */
async function writePadding(output: FileHandle, size: number): Promise<void> {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(size, 0);
  header.write("free", 4, "latin1");
  await writeFully(output, header);
  const zeros = Buffer.alloc(Math.min(ZERO_CHUNK_BYTES, size));
  for (let left = size - 8; left > 0; left -= zeros.length)
    await writeFully(output, zeros.subarray(0, Math.min(left, zeros.length)));
}

async function writeCopyWithGenres(source: string, target: string, genres: readonly string[]): Promise<void> {
  await withAtoms(source, async (handle, atoms) => {
    if (atoms.some((atom) => atom.type === "moof")) {
      throw unsupportedMp4(source, "it is a fragmented MP4 (moof atoms), whose fragment offsets are not rewritten");
    }
    const moov = findMoov(atoms, source);
    const oldMoov = await readMoov(handle, moov, source);
    const newMoov = editMoovGenres(oldMoov, genres, source) ?? oldMoov;
    let delta = newMoov.length - oldMoov.length;
    const next = atoms[atoms.indexOf(moov) + 1];
    let padding: Mp4Atom | undefined;
    if (delta !== 0 && next !== undefined && isPadding(next) && next.headerSize === 8 && next.size - delta >= 8) {
      padding = { ...next, size: next.size - delta };
      delta = 0;
    }
    if (delta !== 0) shiftChunkOffsets(newMoov, moov.start + moov.size, delta, source);
    const output = await open(target, "w");
    try {
      for (const atom of atoms) {
        if (atom === moov) await writeFully(output, newMoov);
        else if (atom === next && padding !== undefined) await writePadding(output, padding.size);
        else await streamRange(handle, atom.start, atom.size, output, source);
      }
    } finally {
      await output.close();
    }
  });
}

async function audioPayloadHash(path: string): Promise<string> {
  return withAtoms(path, async (handle, atoms) => {
    const hash = createHash("sha256");
    for (const atom of atoms) {
      if (atom.type !== "mdat") continue;
      await streamRange(handle, atom.start + atom.headerSize, atom.size - atom.headerSize, hash, path);
    }
    return hash.digest("hex");
  });
}

/** True for an ISO file (`ftyp` first) or a QuickTime-style one with an MP4 extension. */
function recognises(head: Uint8Array, fileName: string): boolean {
  if (head.length < 8) return false;
  const type = Buffer.from(head.subarray(4, 8)).toString("latin1");
  if (type === "ftyp") return true;
  return QUICKTIME_FIRST_ATOMS.has(type) && MP4_EXTENSIONS.has(extname(fileName).toLowerCase());
}

export const mp4GenreTagFormat: GenreTagFormat = {
  name: "mp4",
  recognises,
  readGenres,
  writeCopyWithGenres,
  audioPayloadHash,
};
