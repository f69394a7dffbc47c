import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import { decodeBase64Url, encodeBase64Url } from "./base64url.js";
import { compressFingerprint, decompressFingerprint } from "./fingerprint-compression.js";

function seededFingerprint(length: number, seed: number, changedBits: number): Uint32Array {
  const random = createSeededRandom(seed);
  const out = new Uint32Array(length);
  let value = Math.floor(random() * 2 ** 32);
  for (let i = 0; i < length; i++) {
    for (let k = 0; k < changedBits; k++) value = (value ^ (1 << Math.floor(random() * 32))) >>> 0;
    out[i] = value;
  }
  return out;
}

describe("compressFingerprint", () => {
  it("writes the header and 3-bit gaps of a one-value print (worked by hand)", () => {
    // [1]: header 01 00 00 01; bit 1 set → gap 1, then the terminating 0 → 0b000_001.
    expect(compressFingerprint([1])).toBe(encodeBase64Url(new Uint8Array([1, 0, 0, 1, 0x01])));
    // [5] (bits 1 and 3) then [5] again (XOR 0): gaps 1, 2, 0 | 0 → 001 010 000 000 LSB first.
    expect(compressFingerprint([5, 5])).toBe(encodeBase64Url(new Uint8Array([1, 0, 0, 2, 0x11, 0x00])));
  });

  it("puts gaps of 7 or more in 5-bit exceptional values after the normal ones", () => {
    // Bit 32 only: gap 32 → normal 7 + exceptional 25; normal values 7, 0 → byte 0x07; then 25 → 0x19.
    const text = compressFingerprint([0x80000000], 1);
    expect(decodeBase64Url(text)).toEqual(new Uint8Array([1, 0, 0, 1, 0x07, 0x19]));
  });

  it("writes the algorithm byte and a big-endian 24-bit count", () => {
    const header = decodeBase64Url(compressFingerprint(new Uint32Array(70000), 3)).subarray(0, 4);
    expect(Array.from(header)).toEqual([3, 0x01, 0x11, 0x70]);
    expect(() => compressFingerprint([1], 256)).toThrow(RangeError);
  });

  it("costs one 3-bit value per unchanged sub-fingerprint", () => {
    // 1000 × [1]: normal values 1, 0, then 999 × 0 → ⌈3·1001/8⌉ = 376 bytes after the header.
    expect(decodeBase64Url(compressFingerprint(new Uint32Array(1000).fill(1))).length).toBe(4 + 376);
  });
});

describe("decompressFingerprint", () => {
  it("inverts the compressor on seeded prints, from smooth to random", () => {
    for (const changedBits of [0, 1, 4, 16, 40]) {
      const raw = seededFingerprint(300, changedBits + 1, changedBits);
      const { algorithm, fingerprint } = decompressFingerprint(compressFingerprint(raw, 2));
      expect(algorithm).toBe(2);
      expect(fingerprint).toEqual(raw);
    }
  });

  it("round-trips the extreme values 0 and 2^32 − 1 and an empty print", () => {
    const raw = new Uint32Array([0, 0xffffffff, 0x80000001, 0, 0x7fffffff]);
    expect(decompressFingerprint(compressFingerprint(raw)).fingerprint).toEqual(raw);
    expect(decompressFingerprint(compressFingerprint([])).fingerprint).toEqual(new Uint32Array(0));
  });

  it("rejects truncated data and bit positions past 32", () => {
    const text = compressFingerprint(seededFingerprint(50, 3, 5));
    expect(() => decompressFingerprint(text.slice(0, text.length - 20))).toThrow(/ends/);
    expect(() => decompressFingerprint("AQA")).toThrow(/header/);
    // One value whose gaps are 7 + 31 → position 38.
    const bad = encodeBase64Url(new Uint8Array([1, 0, 0, 1, 0x07, 31]));
    expect(() => decompressFingerprint(bad)).toThrow(/exceeds 32/);
  });
});
