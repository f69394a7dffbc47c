/**
 * Base64 with the URL-safe alphabet (A–Z, a–z, 0–9, '-', '_') and no '=' padding, the text
 * form of compressed Chromaprint fingerprints (fpcalc's FINGERPRINT=, AcoustID's `fingerprint`).
 * n bytes give ⌈4n/3⌉ characters. Decoding also accepts the standard '+' and '/' and ignores
 * trailing '=' padding; any other character, or a length of 4k + 1, is a RangeError.
 * Reference: RFC 4648 §5 ("Base 64 Encoding with URL and Filename Safe Alphabet").
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Character code → 6-bit value, −1 for characters outside the alphabets. */
const DECODE = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  table["+".charCodeAt(0)] = 62;
  table["/".charCodeAt(0)] = 63;
  return table;
})();

export function encodeBase64Url(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const word = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[word >>> 18]! + ALPHABET[(word >>> 12) & 63]! + ALPHABET[(word >>> 6) & 63]! + ALPHABET[word & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const word = bytes[i]! << 16;
    out += ALPHABET[word >>> 18]! + ALPHABET[(word >>> 12) & 63]!;
  } else if (rest === 2) {
    const word = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[word >>> 18]! + ALPHABET[(word >>> 12) & 63]! + ALPHABET[(word >>> 6) & 63]!;
  }
  return out;
}

export function decodeBase64Url(text: string): Uint8Array {
  let length = text.length;
  while (length > 0 && text.charCodeAt(length - 1) === 61 /* = */) length--;
  if (length % 4 === 1) throw new RangeError(`decodeBase64Url: ${length} characters cannot be base64`);
  const out = new Uint8Array(Math.floor((length * 3) / 4));
  let written = 0;
  let word = 0;
  let bits = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? DECODE[code]! : -1;
    if (value < 0) throw new RangeError(`decodeBase64Url: invalid character ${JSON.stringify(text[i])} at ${i}`);
    word = ((word << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[written++] = (word >>> bits) & 0xff;
    }
  }
  return out;
}
