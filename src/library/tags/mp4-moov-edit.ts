/**
 * Rewrites the `moov` atom with new genre items, and moves chunk offsets when it changes size.
 *
 * Only the path `moov/udta/meta/ilst` is rebuilt; every other atom is copied byte for byte.
 * Missing `udta`, `meta` (with an iTunes `hdlr` "mdir") and `ilst` are created when there are
 * genres to write. When an atom on that path changes size by d, a `free`/`skip` sibling at the
 * same level (inside `meta`, `udta` or `moov`) that can give or take d bytes is resized instead, so the
 * levels above keep their size; iTunes and other taggers leave such padding for this. A zero
 * terminator ending a QuickTime atom list stays at the end.
 *
 * Chunk offsets (`stco`, 32-bit, and `co64`, 64-bit, in every track's `stbl`) are absolute file
 * positions: when `moov` grows by d, every offset at or past its old end moves by d, while data
 * before it (an `mdat` written ahead of a `moov` at the end) keeps its offsets.
 * References: ISO/IEC 14496-12 §8.7.5 "Chunk Offset Box"; Apple, "QuickTime File Format
 *   Specification" (udta, meta, ilst, free).
 */
import {
  atomBytes,
  buildAtom,
  childAtoms,
  damagedMp4,
  freeAtom,
  isPadding,
  type Mp4Atom,
  unsupportedMp4,
} from "./mp4-atom.js";
import { ilstWithGenres, metaChildrenOffset, newIlstAtom, newMetaAtom } from "./mp4-ilst.js";

interface Container {
  readonly bytes: Buffer;
  readonly atom: Mp4Atom;
  readonly childrenStart: number;
  readonly children: readonly Mp4Atom[];
}

function openContainer(bytes: Buffer, atom: Mp4Atom, childrenStart: number, path: string): Container {
  return { bytes, atom, childrenStart, children: childAtoms(bytes, childrenStart, bytes.length, path) };
}

function headerOf(bytes: Buffer): Mp4Atom {
  const headerSize = bytes.readUInt32BE(0) === 1 ? 16 : 8;
  return { type: bytes.toString("latin1", 4, 8), start: 0, headerSize, size: bytes.length };
}

/**
 * The container with child `old` replaced by `fresh` (or `fresh` appended when `old` is
 * undefined), a padding sibling resized to absorb the size change when one can.
 */
function replaceChild(container: Container, old: Mp4Atom | undefined, fresh: Buffer, path: string): Buffer {
  const { bytes, atom } = container;
  const delta = fresh.length - (old?.size ?? 0);
  const padding =
    delta === 0
      ? undefined
      : container.children.find(
          (child) => child !== old && isPadding(child) && child.headerSize === 8 && child.size - delta >= 8,
        );
  const parts: Buffer[] = [bytes.subarray(atom.headerSize, container.childrenStart)];
  for (const child of container.children) {
    if (child === old) parts.push(fresh);
    else if (child === padding) parts.push(freeAtom(child.size - delta));
    else parts.push(atomBytes(bytes, child));
  }
  if (old === undefined) parts.push(fresh);
  const last = container.children[container.children.length - 1];
  parts.push(bytes.subarray(last === undefined ? container.childrenStart : last.start + last.size));
  return buildAtom(atom.type, parts, atom.headerSize === 16, path);
}

/** The new `meta` atom, or null when nothing changes. */
function editMeta(meta: Buffer, genres: readonly string[], path: string): Buffer | null {
  const atom = headerOf(meta);
  const container = openContainer(meta, atom, metaChildrenOffset(meta, atom), path);
  const ilst = container.children.find((child) => child.type === "ilst");
  if (ilst === undefined) {
    return genres.length === 0 ? null : replaceChild(container, undefined, newIlstAtom(genres), path);
  }
  const old = atomBytes(meta, ilst);
  const fresh = ilstWithGenres(old, genres, path);
  return fresh.equals(old) ? null : replaceChild(container, ilst, fresh, path);
}

/** The `moov` atom (whole) with genres `genres`, or null when it needs no change. */
export function editMoovGenres(moov: Buffer, genres: readonly string[], path: string): Buffer | null {
  const moovContainer = openContainer(moov, headerOf(moov), headerOf(moov).headerSize, path);
  const udta = moovContainer.children.find((child) => child.type === "udta");
  if (udta === undefined) {
    if (genres.length === 0) return null;
    return replaceChild(moovContainer, undefined, buildAtom("udta", [newMetaAtom(genres)]), path);
  }
  const udtaBytes = atomBytes(moov, udta);
  const udtaContainer = openContainer(udtaBytes, headerOf(udtaBytes), headerOf(udtaBytes).headerSize, path);
  const meta = udtaContainer.children.find((child) => child.type === "meta");
  let freshUdta: Buffer;
  if (meta === undefined) {
    if (genres.length === 0) return null;
    freshUdta = replaceChild(udtaContainer, undefined, newMetaAtom(genres), path);
  } else {
    const freshMeta = editMeta(atomBytes(udtaBytes, meta), genres, path);
    if (freshMeta === null) return null;
    freshUdta = replaceChild(udtaContainer, meta, freshMeta, path);
  }
  return replaceChild(moovContainer, udta, freshUdta, path);
}

/** The descendants of `bytes[start, end)` reached through containers named in `path` order. */
function* descend(
  bytes: Buffer,
  start: number,
  end: number,
  types: readonly string[],
  path: string,
): Generator<Mp4Atom> {
  const [first, ...rest] = types;
  for (const child of childAtoms(bytes, start, end, path)) {
    if (child.type !== first) continue;
    if (rest.length === 0) yield child;
    else yield* descend(bytes, child.start + child.headerSize, child.start + child.size, rest, path);
  }
}

/** Adds `delta` to every chunk offset ≥ `from` in the `stco`/`co64` atoms of `moov` (changed in place). */
export function shiftChunkOffsets(moov: Buffer, from: number, delta: number, path: string): void {
  const header = headerOf(moov).headerSize;
  for (const box of ["stco", "co64"]) {
    for (const table of descend(moov, header, moov.length, ["trak", "mdia", "minf", "stbl", box], path)) {
      const entriesAt = table.start + table.headerSize + 8;
      const width = box === "stco" ? 4 : 8;
      const count = table.size >= table.headerSize + 8 ? moov.readUInt32BE(entriesAt - 4) : -1;
      if (count < 0 || count > (table.start + table.size - entriesAt) / width) {
        throw damagedMp4(path, `a "${box}" table is cut short`);
      }
      for (let i = 0; i < count; i++) {
        const at = entriesAt + i * width;
        if (width === 4) {
          const offset = moov.readUInt32BE(at);
          if (offset < from) continue;
          const moved = offset + delta;
          if (moved > 0xffffffff) throw unsupportedMp4(path, "a chunk offset would pass 4 GiB in a 32-bit table");
          moov.writeUInt32BE(moved, at);
        } else {
          const offset = moov.readBigUInt64BE(at);
          if (offset >= BigInt(from)) moov.writeBigUInt64BE(offset + BigInt(delta), at);
        }
      }
    }
  }
}
