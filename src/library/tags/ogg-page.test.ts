import { describe, expect, it } from "vitest";
import {
  OGG_CONTINUED,
  OGG_LAST_PAGE,
  OGG_PAGE_HEADER_BYTES,
  oggCrcUpdate,
  oggPageChecksum,
  paginatePackets,
  storedChecksum,
  withSequence,
} from "./ogg-page.js";

/** Splits serialised pages back into their fields and packets. */
function unpack(pages: readonly Buffer[]) {
  const packets: Buffer[] = [];
  let partial: Buffer[] = [];
  const fields = pages.map((page) => {
    const segments = page[26]!;
    const lacing = [...page.subarray(OGG_PAGE_HEADER_BYTES, OGG_PAGE_HEADER_BYTES + segments)];
    let at = OGG_PAGE_HEADER_BYTES + segments;
    for (const value of lacing) {
      partial.push(page.subarray(at, at + value));
      at += value;
      if (value < 255) {
        packets.push(Buffer.concat(partial));
        partial = [];
      }
    }
    expect(at).toBe(page.length);
    return {
      flags: page[5]!,
      granule: page.readBigInt64LE(6),
      serial: page.readUInt32LE(14),
      sequence: page.readUInt32LE(18),
      segments,
      checksumOk: oggPageChecksum(page) === storedChecksum(page),
    };
  });
  return { fields, packets, leftover: partial.length };
}

function filled(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}

describe("oggCrcUpdate", () => {
  it("is the unreflected CRC-32 of polynomial 0x04c11db7 with zero init and no final xor", () => {
    // CRC-32/CKSUM (same polynomial, no reflection, init 0) has check value 0x765e7680 with a final
    // xor of 0xffffffff (catalogue of parametrised CRC algorithms), so without the xor: 0x89a1897f.
    expect(oggCrcUpdate(0, Buffer.from("123456789", "latin1"))).toBe(0x89a1897f);
  });
});

describe("paginatePackets", () => {
  const options = { serial: 0x1234abcd, firstSequence: 1, lastPageFlags: 0 };

  it("puts small packets on one page that ends with them", () => {
    const pages = paginatePackets([filled(300, 1), filled(20, 2)], options);
    const { fields, packets } = unpack(pages);
    expect(fields).toEqual([{ flags: 0, granule: 0n, serial: 0x1234abcd, sequence: 1, segments: 3, checksumOk: true }]);
    expect(packets).toEqual([filled(300, 1), filled(20, 2)]);
  });

  it("spreads a 70 KB packet over pages with continuation flags, −1 granules and a closing 0", () => {
    const big = filled(70_000, 3);
    const pages = paginatePackets([big, filled(4000, 4)], options);
    const { fields, packets, leftover } = unpack(pages);
    // 70,000 bytes = 274 full segments + 1 (130 bytes): 255 on page 1, 20 on page 2, then 16 for the setup.
    expect(fields.map((f) => [f.sequence, f.flags, f.granule, f.segments])).toEqual([
      [1, 0, -1n, 255],
      [2, OGG_CONTINUED, 0n, 20 + 16],
    ]);
    expect(fields.every((f) => f.checksumOk)).toBe(true);
    expect(packets.length).toBe(2);
    expect(packets[0]!.equals(big) && packets[1]!.equals(filled(4000, 4))).toBe(true);
    expect(leftover).toBe(0);
  });

  it("ends a packet whose length is a multiple of 255 with a zero lacing value", () => {
    const pages = paginatePackets([filled(255 * 255, 5)], { ...options, lastPageFlags: OGG_LAST_PAGE });
    const { fields, packets } = unpack(pages);
    expect(fields.map((f) => [f.flags, f.granule, f.segments])).toEqual([
      [0, -1n, 255],
      [OGG_CONTINUED | OGG_LAST_PAGE, 0n, 1],
    ]);
    expect(packets.length).toBe(1);
    expect(packets[0]!.equals(filled(255 * 255, 5))).toBe(true);
  });
});

describe("withSequence", () => {
  it("changes the sequence number and keeps the checksum valid", () => {
    const [page] = paginatePackets([filled(100, 6)], options());
    const moved = withSequence(page!, 42);
    expect(moved.readUInt32LE(18)).toBe(42);
    expect(oggPageChecksum(moved)).toBe(storedChecksum(moved));
    expect(storedChecksum(moved)).not.toBe(storedChecksum(page!));
    expect(moved.subarray(26)).toEqual(page!.subarray(26));
  });
});

function options() {
  return { serial: 7, firstSequence: 3, lastPageFlags: 0 };
}
