import { Buffer } from "node:buffer";
import { describe, expect, it } from "vitest";
import { firstBitDifference } from "../test-helpers/bit-difference.js";
import { base64ToFloat32, decodeBase64, encodeBase64, float32ToBase64 } from "./float32-base64.js";

describe("base64", () => {
  it("encodes like Node's Buffer for every remainder length", () => {
    for (let length = 0; length < 20; length++) {
      const bytes = Uint8Array.from({ length }, (_, index) => (index * 97 + 13) & 255);
      const text = encodeBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString("base64"));
      expect(Array.from(decodeBase64(text))).toEqual(Array.from(bytes));
    }
  });

  it("round-trips Float32 values bit for bit, little-endian", () => {
    const values = new Float32Array([0, -0, 1, -1.5, Math.PI, 1e-45, 3.4028234663852886e38, Number.POSITIVE_INFINITY]);
    const text = float32ToBase64(values);
    expect(firstBitDifference(base64ToFloat32(text), values)).toBe(-1);
    const buffer = Buffer.alloc(4 * values.length);
    values.forEach((value, index) => {
      buffer.writeFloatLE(value, 4 * index);
    });
    expect(text).toBe(buffer.toString("base64"));
  });

  it("rejects malformed text with the position of the problem", () => {
    expect(() => decodeBase64("abc")).toThrow(/length must be a multiple of 4, got 3/);
    expect(() => decodeBase64("ab!d")).toThrow(/invalid character "!" at 2/);
    expect(() => decodeBase64("a=bc")).toThrow(/invalid character "=" at 1/);
    expect(() => base64ToFloat32("AAAA")).toThrow(/multiple of 4, got 3/);
  });
});
