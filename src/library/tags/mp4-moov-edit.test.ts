import { describe, expect, it } from "vitest";
import { TonearmError } from "../../analysis/errors.js";
import { buildAtom, childAtoms } from "./mp4-atom.js";
import { findIlst, genreItem, ilstGenres, ilstWithGenres } from "./mp4-ilst.js";
import { editMoovGenres, shiftChunkOffsets } from "./mp4-moov-edit.js";

const text = (value: string) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(1);
  return buildAtom("data", [head, Buffer.from(value, "utf8")]);
};
const item = (type: string, ...data: Buffer[]) => buildAtom(type, data);
const legacy = (value: number) => {
  const payload = Buffer.alloc(10);
  payload.writeUInt16BE(value, 8);
  return item("gnre", buildAtom("data", [payload]));
};
const TITLE = item("\u00a9nam", text("Tones"));

function chunkTable(type: "stco" | "co64", offsets: readonly bigint[]): Buffer {
  const width = type === "stco" ? 4 : 8;
  const body = Buffer.alloc(8 + offsets.length * width);
  body.writeUInt32BE(offsets.length, 4);
  offsets.forEach((offset, i) => {
    if (width === 4) body.writeUInt32BE(Number(offset), 8 + i * 4);
    else body.writeBigUInt64BE(offset, 8 + i * 8);
  });
  return buildAtom(type, [body]);
}

function track(table: Buffer): Buffer {
  return buildAtom("trak", [buildAtom("mdia", [buildAtom("minf", [buildAtom("stbl", [table])])])]);
}

function moovWith(...extra: Buffer[]): Buffer {
  return buildAtom("moov", [
    buildAtom("mvhd", [Buffer.alloc(100, 7)]),
    track(chunkTable("stco", [100n, 5000n])),
    ...extra,
  ]);
}

function metaWith(...children: Buffer[]): Buffer {
  const hdlr = buildAtom("hdlr", [Buffer.alloc(8), Buffer.from("mdirappl"), Buffer.alloc(9)]);
  return buildAtom("meta", [Buffer.alloc(4), hdlr, ...children]);
}

function genresOf(moov: Buffer): string[] {
  const ilst = findIlst(moov, { type: "moov", start: 0, headerSize: 8, size: moov.length }, "t.m4a");
  return ilst === null ? [] : ilstGenres(ilst, "t.m4a");
}

function types(atom: Buffer, from = 8): string[] {
  return childAtoms(atom, from, atom.length, "t.m4a").map((child) => child.type);
}

describe("editMoovGenres", () => {
  it("creates udta, meta (with an mdir handler) and ilst when missing, and leaves a bare moov alone for no genres", () => {
    const bare = moovWith();
    expect(editMoovGenres(bare, [], "t.m4a")).toBeNull();
    const edited = editMoovGenres(bare, ["Rock", "Pop"], "t.m4a")!;
    expect(genresOf(edited)).toEqual(["Rock", "Pop"]);
    expect(types(edited)).toEqual(["mvhd", "trak", "udta"]);
    expect(edited.subarray(8, bare.length)).toEqual(bare.subarray(8));
    expect(edited.includes(Buffer.from("hdlr\0\0\0\0\0\0\0\0mdirappl"))).toBe(true);
  });

  it("replaces gnre and ©gen by one ©gen where the first was, keeping the other items byte for byte", () => {
    const ilst = buildAtom("ilst", [TITLE, legacy(18), item("\u00a9gen", text("Pop")), item("\u00a9ART", text("Me"))]);
    expect(ilstGenres(ilst, "t.m4a")).toEqual(["Rock", "Pop"]);
    const rewritten = ilstWithGenres(ilst, ["Jazz", "Blues"], "t.m4a");
    expect(types(rewritten)).toEqual(["\u00a9nam", "\u00a9gen", "\u00a9ART"]);
    expect(rewritten.subarray(8, 8 + TITLE.length)).toEqual(TITLE);
    expect(ilstGenres(rewritten, "t.m4a")).toEqual(["Jazz", "Blues"]);
    expect(types(ilstWithGenres(ilst, [], "t.m4a"))).toEqual(["\u00a9nam", "\u00a9ART"]);
  });

  it("reads a joined value as one value, several data atoms as several, and skips unknown gnre numbers", () => {
    const ilst = buildAtom("ilst", [item("\u00a9gen", text("Rock; Pop"), text("Jazz")), legacy(0), legacy(500)]);
    expect(ilstGenres(ilst, "t.m4a")).toEqual(["Rock; Pop", "Jazz"]);
    expect(genreItem([])).toBeNull();
  });

  it("resizes a free atom beside ilst so meta, udta and moov keep their size", () => {
    const moov = moovWith(
      buildAtom("udta", [metaWith(buildAtom("ilst", [TITLE]), buildAtom("free", [Buffer.alloc(200)]))]),
    );
    const small = editMoovGenres(moov, ["Rock"], "t.m4a")!;
    expect(small.length).toBe(moov.length);
    expect(genresOf(small)).toEqual(["Rock"]);
    const large = editMoovGenres(moov, ["x".repeat(300)], "t.m4a")!;
    expect(large.length).toBe(moov.length + 8 + 16 + 300);
    expect(genresOf(large)).toEqual(["x".repeat(300)]);
  });

  it("keeps the zero terminator that ends a QuickTime udta list at its end", () => {
    const udta = buildAtom("udta", [buildAtom("\u00a9day", [Buffer.from("2026")]), Buffer.alloc(4)]);
    const edited = editMoovGenres(moovWith(udta), ["Rock"], "t.m4a")!;
    expect(genresOf(edited)).toEqual(["Rock"]);
    const newUdta = edited.subarray(edited.indexOf("udta") - 4);
    expect(types(newUdta.subarray(0, newUdta.length - 4))).toEqual(["\u00a9day", "meta"]);
    expect(newUdta.readUInt32BE(0)).toBe(newUdta.length);
    expect(newUdta.subarray(-4)).toEqual(Buffer.alloc(4));
  });

  it("reports a child atom that runs past its parent as CORRUPT_AUDIO", () => {
    const moov = moovWith(buildAtom("udta", [metaWith(buildAtom("ilst", [TITLE]))]));
    const damaged = Buffer.from(moov);
    damaged.writeUInt32BE(0x7fffffff, damaged.indexOf("udta") - 4);
    expect(() => editMoovGenres(damaged, ["Rock"], "t.m4a")).toThrow(TonearmError);
    expect(() => genresOf(damaged)).toThrow(/runs past the end/);
  });
});

describe("shiftChunkOffsets", () => {
  it("moves the offsets at or past the old moov end in stco and co64 of every track", () => {
    const moov = buildAtom("moov", [
      track(chunkTable("stco", [100n, 5000n, 9000n])),
      track(chunkTable("co64", [4999n, 5000n, 0x1_0000_0000n])),
    ]);
    shiftChunkOffsets(moov, 5000, 20, "t.m4a");
    const stco = moov.indexOf("stco") + 4 + 8;
    expect([0, 1, 2].map((i) => moov.readUInt32BE(stco + i * 4))).toEqual([100, 5020, 9020]);
    const co64 = moov.indexOf("co64") + 4 + 8;
    expect([0, 1, 2].map((i) => moov.readBigUInt64BE(co64 + i * 8))).toEqual([4999n, 5020n, 0x1_0000_0014n]);
  });

  it("refuses a 32-bit offset that would pass 4 GiB", () => {
    const moov = buildAtom("moov", [track(chunkTable("stco", [0xffff_fff0n]))]);
    expect(() => shiftChunkOffsets(moov, 0, 100, "t.m4a")).toThrow(/4 GiB/);
  });
});
