/**
 * Where two float arrays first differ bit for bit (NaN equals NaN, +0 differs from −0):
 * the index, the shorter length when one is a prefix of the other, or −1 when identical.
 * Tests of streaming forms assert −1 against their batch forms.
 */
export function firstBitDifference(actual: Float32Array, expected: Float32Array): number {
  const a = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
  const b = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : common;
}
