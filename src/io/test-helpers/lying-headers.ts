/**
 * Files whose headers say something their audio contradicts, made by patching real
 * encodings: a FLAC whose STREAMINFO understates the length (so the length limit can
 * only be enforced while decoding), and an Ogg Vorbis file whose identification header
 * is one byte longer than ffmpeg accepts (its Ogg demuxer requires exactly 30 bytes;
 * libvorbis reads the fields and ignores the rest), for the libvorbis fallback.
 * References: FLAC format (RFC 9639) §8.2 STREAMINFO; RFC 3533 (Ogg pages, CRC);
 * Vorbis I specification §4.2.2 (identification header).
 */

/** A copy of a FLAC file whose STREAMINFO declares `frames` samples (MD5 cleared). */
export function understateFlacLength(flac: Uint8Array, frames: number): Uint8Array {
  const out = flac.slice();
  const text = String.fromCharCode(...out.subarray(0, 4));
  if (text !== "fLaC" || (out[4]! & 0x7f) !== 0) throw new Error("understateFlacLength: no STREAMINFO first");
  // STREAMINFO body from byte 8: 10 bytes of block/frame sizes, then 20 bits rate, 3 bits
  // channels, 5 bits depth, 36 bits total samples (the low nibble of byte 21, bytes 22–25), 16 bytes MD5.
  out[21] = (out[21]! & 0xf0) | Math.floor(frames / 2 ** 32);
  new DataView(out.buffer).setUint32(22, frames % 2 ** 32, false);
  out.fill(0, 26, 42);
  return out;
}

const OGG_CRC_TABLE = Uint32Array.from({ length: 256 }, (_, index) => {
  let crc = index << 24;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  return crc >>> 0;
});

/** The Ogg page checksum: CRC-32, polynomial 0x04C11DB7, not reflected, initial 0 (RFC 3533). */
export function oggCrc(page: Uint8Array): number {
  let crc = 0;
  for (const byte of page) crc = ((crc << 8) ^ OGG_CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  return crc;
}

/** A copy of an Ogg Vorbis file whose identification header carries one extra zero byte. */
export function lengthenVorbisIdentification(ogg: Uint8Array): Uint8Array {
  const segments = ogg[26]!;
  if (String.fromCharCode(...ogg.subarray(0, 4)) !== "OggS" || segments !== 1 || ogg[27] !== 30) {
    throw new Error("lengthenVorbisIdentification: expected a first page holding one 30-byte packet");
  }
  const bodyStart = 28;
  const rest = ogg.subarray(bodyStart + 30);
  const out = new Uint8Array(ogg.length + 1);
  out.set(ogg.subarray(0, bodyStart + 30));
  out[27] = 31; // segment table: one 31-byte lacing value
  out[bodyStart + 30] = 0;
  out.fill(0, 22, 26);
  new DataView(out.buffer).setUint32(22, oggCrc(out.subarray(0, bodyStart + 31)), true);
  out.set(rest, bodyStart + 31);
  return out;
}
