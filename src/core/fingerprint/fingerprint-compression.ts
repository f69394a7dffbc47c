/**
 * Chromaprint's compressed fingerprint format (what fpcalc prints as FINGERPRINT= and
 * AcoustID's lookup accepts), encoded and decoded exactly:
 *   byte 0: algorithm (1 for TEST2, fpcalc's default); bytes 1–3: count of sub-fingerprints,
 *   big-endian; then each sub-fingerprint XOR the previous one (the first as is) is written
 *   as the gaps between its set bits, from bit 0 up (gap = position − previous position,
 *   positions 1-based), followed by a 0 ending that sub-fingerprint. Gaps go into 3-bit
 *   "normal" values, a gap ≥ 7 as 7 with gap − 7 in a 5-bit "exceptional" value. Normal values
 *   are packed least significant bit first into ⌈3n/8⌉ bytes, then the exceptional ones into
 *   ⌈5m/8⌉ bytes, likewise. The bytes are written as unpadded URL-safe base64 (base64url.ts).
 * Reference: Chromaprint 1.5.1 (fingerprint_compressor.cpp, fingerprint_decompressor.cpp,
 *   utils/pack_int3_array.h, utils/pack_int5_array.h).
 */
import { decodeBase64Url, encodeBase64Url } from "./base64url.js";
import { CHROMAPRINT_ALGORITHM_TEST2 } from "./chromaprint-constants.js";

const NORMAL_BITS = 3;
const EXCEPTIONAL_BITS = 5;
const MAX_NORMAL = (1 << NORMAL_BITS) - 1;
const HEADER_BYTES = 4;
const MAX_COUNT = 0xffffff;

export interface DecompressedFingerprint {
  /** Algorithm byte (0…255); 1 = TEST2. */
  readonly algorithm: number;
  readonly fingerprint: Uint32Array;
}

/** Packs `values` (each < 2^width) least significant bit first into `out` from byte `offset`; returns the next byte. */
function packBits(values: Uint8Array, count: number, width: number, out: Uint8Array, offset: number): number {
  let accumulator = 0;
  let bits = 0;
  let at = offset;
  for (let i = 0; i < count; i++) {
    accumulator |= values[i]! << bits;
    bits += width;
    while (bits >= 8) {
      out[at++] = accumulator & 0xff;
      accumulator >>>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) out[at++] = accumulator & 0xff;
  return at;
}

/** Compressed text form of a raw fingerprint; `algorithm` goes in the first byte (default 1, TEST2). */
export function compressFingerprint(
  raw: Uint32Array | readonly number[],
  algorithm: number = CHROMAPRINT_ALGORITHM_TEST2,
): string {
  if (!(Number.isInteger(algorithm) && algorithm >= 0 && algorithm <= 255)) {
    throw new RangeError(`compressFingerprint: algorithm must be an integer 0…255, got ${algorithm}`);
  }
  if (raw.length > MAX_COUNT) throw new RangeError(`compressFingerprint: at most ${MAX_COUNT} values`);
  // At most 32 set bits plus the terminating 0 per value; at most 32 gaps ≥ 7 in all of one value.
  const normal = new Uint8Array(raw.length * 33);
  const exceptional = new Uint8Array(raw.length * 5);
  let normalCount = 0;
  let exceptionalCount = 0;
  let previous = 0;
  for (let i = 0; i < raw.length; i++) {
    const value = raw[i]! >>> 0;
    let x = (value ^ previous) >>> 0;
    previous = value;
    let bit = 1;
    let lastBit = 0;
    while (x !== 0) {
      if ((x & 1) !== 0) {
        const gap = bit - lastBit;
        if (gap >= MAX_NORMAL) {
          normal[normalCount++] = MAX_NORMAL;
          exceptional[exceptionalCount++] = gap - MAX_NORMAL;
        } else normal[normalCount++] = gap;
        lastBit = bit;
      }
      x >>>= 1;
      bit++;
    }
    normal[normalCount++] = 0;
  }
  const normalBytes = Math.ceil((normalCount * NORMAL_BITS) / 8);
  const exceptionalBytes = Math.ceil((exceptionalCount * EXCEPTIONAL_BITS) / 8);
  const bytes = new Uint8Array(HEADER_BYTES + normalBytes + exceptionalBytes);
  bytes[0] = algorithm;
  bytes[1] = (raw.length >>> 16) & 0xff;
  bytes[2] = (raw.length >>> 8) & 0xff;
  bytes[3] = raw.length & 0xff;
  const next = packBits(normal, normalCount, NORMAL_BITS, bytes, HEADER_BYTES);
  packBits(exceptional, exceptionalCount, EXCEPTIONAL_BITS, bytes, next);
  return encodeBase64Url(bytes);
}

/** Reads `width`-bit values least significant bit first from byte `offset`. */
function bitReader(bytes: Uint8Array, offset: number, width: number): () => number {
  let at = offset;
  let accumulator = 0;
  let bits = 0;
  const mask = (1 << width) - 1;
  return () => {
    while (bits < width) {
      if (at >= bytes.length) return -1;
      accumulator |= bytes[at++]! << bits;
      bits += 8;
    }
    const value = accumulator & mask;
    accumulator >>>= width;
    bits -= width;
    return value;
  };
}

/** Inverse of `compressFingerprint`; a string that is not a whole compressed fingerprint is a RangeError. */
export function decompressFingerprint(text: string): DecompressedFingerprint {
  const bytes = decodeBase64Url(text);
  const fail = (detail: string) => new RangeError(`decompressFingerprint: ${detail}`);
  if (bytes.length < HEADER_BYTES) throw fail("shorter than its 4-byte header");
  const algorithm = bytes[0]!;
  const count = (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!;
  // First pass: the normal values up to the count-th terminating 0.
  const normal: number[] = [];
  let exceptionalNeeded = 0;
  const readNormal = bitReader(bytes, HEADER_BYTES, NORMAL_BITS);
  for (let ended = 0; ended < count; ) {
    const value = readNormal();
    if (value < 0) throw fail(`data ends after ${ended} of ${count} values`);
    normal.push(value);
    if (value === 0) ended++;
    else if (value === MAX_NORMAL) exceptionalNeeded++;
  }
  const readExceptional = bitReader(
    bytes,
    HEADER_BYTES + Math.ceil((normal.length * NORMAL_BITS) / 8),
    EXCEPTIONAL_BITS,
  );
  const fingerprint = new Uint32Array(count);
  let index = 0;
  let bits = 0;
  let lastBit = 0;
  let previous = 0;
  for (const value of normal) {
    if (value === 0) {
      previous = (bits ^ previous) >>> 0;
      fingerprint[index++] = previous;
      bits = 0;
      lastBit = 0;
      continue;
    }
    let gap = value;
    if (value === MAX_NORMAL) {
      const extra = readExceptional();
      if (extra < 0) throw fail(`data ends before all ${exceptionalNeeded} exceptional values`);
      gap += extra;
    }
    lastBit += gap;
    if (lastBit > 32) throw fail(`bit position ${lastBit} in value ${index} exceeds 32`);
    bits = (bits | (1 << (lastBit - 1))) >>> 0;
  }
  return { algorithm, fingerprint };
}
