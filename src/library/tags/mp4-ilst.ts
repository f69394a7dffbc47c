/**
 * Genre items of the iTunes metadata list `moov/udta/meta/ilst`.
 *
 * A genre is the item `©gen` holding `data` atoms; each `data` atom is a 32-bit type indicator
 * (1 = UTF-8 text, 2 = UTF-16BE), a 32-bit locale and the value. The old item `gnre` holds one
 * `data` atom with a 16-bit ID3v1 genre number plus one (mp4-legacy-genres.ts).
 *
 * Several genres are written as several `data` atoms in one `©gen` item, one per value, the way
 * Mutagen writes multi-valued text and music-metadata reads it, rather than one value joined by
 * "; ": a joined value would have to be split again, and a genre may itself hold ";". Reading
 * takes both forms as stored — a joined value is one value here, split later (if at all) by the
 * genre normaliser, as the GenreTags contract asks. Writing drops every `gnre` and `©gen` item
 * and puts one `©gen` in the place of the first of them (or last when there was none).
 * References: Apple, "QuickTime File Format Specification", "Metadata" (item list, data atom,
 *   well-known types); ISO/IEC 14496-12 §8.11.1 (`meta` is a full box).
 */

import { ID3V1_GENRE_NAMES } from "./id3v1-genre-names.js";
import { atomBytes, buildAtom, childAtoms, damagedMp4, type Mp4Atom } from "./mp4-atom.js";

export const GENRE_ITEM = "\u00a9gen";
export const LEGACY_GENRE_ITEM = "gnre";
const UTF8_TYPE = 1;
const UTF16_TYPE = 2;

/** `hdlr` for iTunes metadata: version/flags, pre-defined 0, handler "mdir", reserved "appl" + 8 zeros, empty name. */
const METADATA_HANDLER = buildAtom("hdlr", [Buffer.alloc(8), Buffer.from("mdirappl", "latin1"), Buffer.alloc(9)]);

/**
 * Where the children of `meta` start, relative to the atom: ISO `meta` is a full box (4 bytes of
 * version and flags before its children); QuickTime's has none, which shows as a child type
 * (`hdlr`) right after the header.
 */
export function metaChildrenOffset(meta: Buffer, atom: Mp4Atom): number {
  const typeAt = atom.headerSize + 4;
  return meta.toString("latin1", typeAt, typeAt + 4) === "hdlr" ? atom.headerSize : atom.headerSize + 4;
}

/** The first child of `type` in `bytes[start, end)`. */
export function findChild(bytes: Buffer, start: number, end: number, type: string, path: string): Mp4Atom | undefined {
  return childAtoms(bytes, start, end, path).find((atom) => atom.type === type);
}

/** The `ilst` atom inside the `moov` atom `moov` (whole, from its header), or null. */
export function findIlst(moov: Buffer, moovAtom: Mp4Atom, path: string): Buffer | null {
  const udta = findChild(moov, moovAtom.headerSize, moov.length, "udta", path);
  if (udta === undefined) return null;
  const udtaBytes = atomBytes(moov, udta);
  const meta = findChild(udtaBytes, udta.headerSize, udtaBytes.length, "meta", path);
  if (meta === undefined) return null;
  const metaBytes = atomBytes(udtaBytes, meta);
  const ilst = findChild(metaBytes, metaChildrenOffset(metaBytes, meta), metaBytes.length, "ilst", path);
  return ilst === undefined ? null : atomBytes(metaBytes, ilst);
}

/** The `data` atoms of an item: [type indicator, value]. */
function dataValues(item: Buffer, atom: Mp4Atom, path: string): [number, Buffer][] {
  const values: [number, Buffer][] = [];
  for (const child of childAtoms(item, atom.headerSize, item.length, path)) {
    if (child.type !== "data") continue;
    const content = child.start + child.headerSize;
    if (child.size - child.headerSize < 8) throw damagedMp4(path, `a "data" atom of "${atom.type}" is too short`);
    values.push([item.readUInt32BE(content) & 0xffffff, item.subarray(content + 8, child.start + child.size)]);
  }
  return values;
}

function utf16be(bytes: Buffer): string {
  const swapped = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2))).swap16();
  return swapped.toString("utf16le");
}

/** The genre values of an `ilst` atom (whole, from its header), in order. */
export function ilstGenres(ilst: Buffer, path: string): string[] {
  const genres: string[] = [];
  const items = childAtoms(ilst, parseHeaderSize(ilst), ilst.length, path);
  for (const item of items) {
    if (item.type !== GENRE_ITEM && item.type !== LEGACY_GENRE_ITEM) continue;
    for (const [type, value] of dataValues(atomBytes(ilst, item), item, path)) {
      if (item.type === LEGACY_GENRE_ITEM) {
        const genre = value.length >= 2 ? legacyGenre(value.readUInt16BE(0)) : null;
        if (genre !== null) genres.push(genre);
      } else if (type === UTF8_TYPE) genres.push(value.toString("utf8"));
      else if (type === UTF16_TYPE) genres.push(utf16be(value));
    }
  }
  return genres;
}

function parseHeaderSize(atom: Buffer): number {
  return atom.readUInt32BE(0) === 1 ? 16 : 8;
}

/** The `©gen` item for `genres`, one `data` atom per value; null for no genres. */
export function genreItem(genres: readonly string[]): Buffer | null {
  if (genres.length === 0) return null;
  const data = genres.map((genre) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(UTF8_TYPE, 0);
    return buildAtom("data", [head, Buffer.from(genre, "utf8")]);
  });
  return buildAtom(GENRE_ITEM, data);
}

/** `ilst` (whole) with its genre items replaced by `genres`; the same header form is kept. */
export function ilstWithGenres(ilst: Buffer, genres: readonly string[], path: string): Buffer {
  const headerSize = parseHeaderSize(ilst);
  const fresh = genreItem(genres);
  const parts: Buffer[] = [];
  let placed = false;
  for (const item of childAtoms(ilst, headerSize, ilst.length, path)) {
    if (item.type !== GENRE_ITEM && item.type !== LEGACY_GENRE_ITEM) parts.push(atomBytes(ilst, item));
    else if (!placed) {
      if (fresh !== null) parts.push(fresh);
      placed = true;
    }
  }
  if (!placed && fresh !== null) parts.push(fresh);
  return buildAtom("ilst", parts, headerSize === 16, path);
}

/** A new `meta` (full box) with an iTunes `hdlr` and an `ilst` holding `genres`. */
export function newMetaAtom(genres: readonly string[]): Buffer {
  return buildAtom("meta", [Buffer.alloc(4), METADATA_HANDLER, newIlstAtom(genres)]);
}

/** A new `ilst` holding `genres`. */
export function newIlstAtom(genres: readonly string[]): Buffer {
  const item = genreItem(genres);
  return buildAtom("ilst", item === null ? [] : [item]);
}

/** The genre an iTunes `gnre` value names (the ID3v1 number plus one), or null outside the list. */
function legacyGenre(value: number): string | null {
  return ID3V1_GENRE_NAMES[value - 1] ?? null;
}
