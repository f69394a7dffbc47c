/**
 * Float32 vectors as base64 text (RFC 4648 §4, standard alphabet with "=" padding) of their
 * IEEE 754 little-endian bytes, whatever the platform's byte order — the form stored vectors
 * take in JSON. Written out here because the core has neither Buffer nor atob/btoa.
 * Reference: RFC 4648 (2006), "The Base16, Base32, and Base64 Data Encodings".
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const ALPHABET_CODES = Uint8Array.from(ALPHABET, (character) => character.charCodeAt(0));
const PADDING = 61; // "="
/** Character code → 6-bit value, 255 for characters outside the alphabet. */
const DECODE_TABLE = (() => {
  const table = new Uint8Array(256).fill(255);
  ALPHABET_CODES.forEach((code, value) => {
    table[code] = value;
  });
  return table;
})();
const STRING_CHUNK = 8192;

export function encodeBase64(bytes: Uint8Array): string {
  const codes = new Uint8Array(4 * Math.ceil(bytes.length / 3));
  let out = 0;
  let index = 0;
  for (; index + 2 < bytes.length; index += 3) {
    const triple = (bytes[index]! << 16) | (bytes[index + 1]! << 8) | bytes[index + 2]!;
    codes[out++] = ALPHABET_CODES[triple >>> 18]!;
    codes[out++] = ALPHABET_CODES[(triple >>> 12) & 63]!;
    codes[out++] = ALPHABET_CODES[(triple >>> 6) & 63]!;
    codes[out++] = ALPHABET_CODES[triple & 63]!;
  }
  const rest = bytes.length - index;
  if (rest > 0) {
    const triple = (bytes[index]! << 16) | (rest === 2 ? bytes[index + 1]! << 8 : 0);
    codes[out++] = ALPHABET_CODES[triple >>> 18]!;
    codes[out++] = ALPHABET_CODES[(triple >>> 12) & 63]!;
    codes[out++] = rest === 2 ? ALPHABET_CODES[(triple >>> 6) & 63]! : PADDING;
    codes[out++] = PADDING;
  }
  let text = "";
  for (let start = 0; start < codes.length; start += STRING_CHUNK) {
    text += String.fromCharCode(...codes.subarray(start, start + STRING_CHUNK));
  }
  return text;
}

/** The bytes of padded base64 `text`; throws RangeError naming the first bad character. */
export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) {
    throw new RangeError(`decodeBase64: length must be a multiple of 4, got ${text.length}`);
  }
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let out = 0;
  for (let index = 0; index < text.length; index += 4) {
    let quad = 0;
    for (let offset = 0; offset < 4; offset++) {
      const position = index + offset;
      const code = text.charCodeAt(position);
      const isPadding = code === PADDING && position >= text.length - padding;
      const value = isPadding ? 0 : code < 256 ? DECODE_TABLE[code]! : 255;
      if (value === 255) {
        throw new RangeError(`decodeBase64: invalid character ${JSON.stringify(text[position])} at ${position}`);
      }
      quad = (quad << 6) | value;
    }
    if (out < bytes.length) bytes[out++] = quad >>> 16;
    if (out < bytes.length) bytes[out++] = (quad >>> 8) & 255;
    if (out < bytes.length) bytes[out++] = quad & 255;
  }
  return bytes;
}

/** Base64 of the values' little-endian IEEE 754 bytes. */
export function float32ToBase64(values: Float32Array): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let index = 0; index < values.length; index++) view.setFloat32(4 * index, values[index]!, true);
  return encodeBase64(bytes);
}

/** The Float32 values of base64 little-endian bytes (a whole number of 4-byte values). */
export function base64ToFloat32(text: string): Float32Array {
  const bytes = decodeBase64(text);
  if (bytes.length % 4 !== 0) {
    throw new RangeError(`base64ToFloat32: byte count must be a multiple of 4, got ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer);
  const values = new Float32Array(bytes.length / 4);
  for (let index = 0; index < values.length; index++) values[index] = view.getFloat32(4 * index, true);
  return values;
}
