/**
 * Ogg pages (RFC 3533 §6): the page header fields, the page checksum, and laying packets out
 * into pages again after a header packet changed size.
 *
 * A page is "OggS", version 0, flags (0x01 continued packet, 0x02 first page of a stream,
 * 0x04 last page), a 64-bit granule position, the stream serial number, the page sequence
 * number, a CRC-32 and a lacing table of up to 255 segment lengths followed by the body.
 * A packet is cut into 255-byte segments; a lacing value below 255 ends it (a packet whose
 * length is a multiple of 255 ends with a 0). The checksum is the unreflected CRC-32 with
 * polynomial 0x04c11db7, initial value 0 and no final xor, taken over the whole page with the
 * checksum field set to zero (RFC 3533 §6, "CRC_checksum").
 * Reference: RFC 3533, "The Ogg Encapsulation Format Version 0" (2003).
 */

export const OGG_CONTINUED = 0x01;
export const OGG_FIRST_PAGE = 0x02;
export const OGG_LAST_PAGE = 0x04;
/** Bytes before the lacing table. */
export const OGG_PAGE_HEADER_BYTES = 27;
/** Granule position of a page on which no packet ends (RFC 3533 §6: −1). */
export const OGG_NO_GRANULE = -1n;

const CHECKSUM_AT = 22;
const MAX_SEGMENTS = 255;

/** One page as stored in a file. */
export interface OggPage {
  /** Byte offset of the page in its file. */
  readonly offset: number;
  readonly flags: number;
  readonly granule: bigint;
  readonly serial: number;
  readonly sequence: number;
  /** The segment lengths (lacing values). */
  readonly lacing: Uint8Array;
  /** The page body: the concatenated segments. */
  readonly body: Buffer;
  /** The whole page, header included, as stored. */
  readonly bytes: Buffer;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let bit = 0; bit < 8; bit++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

/** Continues the Ogg CRC-32 `crc` over `bytes[start, end)`. */
export function oggCrcUpdate(crc: number, bytes: Uint8Array, start = 0, end = bytes.length): number {
  for (let i = start; i < end; i++) crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ bytes[i]!) & 0xff]!;
  return crc >>> 0;
}

/** The checksum a page must carry: the CRC of the page with its checksum field read as zeros. */
export function oggPageChecksum(page: Uint8Array): number {
  let crc = oggCrcUpdate(0, page, 0, CHECKSUM_AT);
  crc = oggCrcUpdate(crc, new Uint8Array(4));
  return oggCrcUpdate(crc, page, CHECKSUM_AT + 4, page.length);
}

/** The checksum stored in a page. */
export function storedChecksum(page: Buffer): number {
  return page.readUInt32LE(CHECKSUM_AT);
}

/** A copy of `page` with sequence number `sequence` and its checksum recomputed. */
export function withSequence(page: Buffer, sequence: number): Buffer {
  const copy = Buffer.from(page);
  copy.writeUInt32LE(sequence >>> 0, 18);
  copy.writeUInt32LE(oggPageChecksum(copy), CHECKSUM_AT);
  return copy;
}

/** Fields of a page to serialise. */
export interface OggPageFields {
  readonly flags: number;
  readonly granule: bigint;
  readonly serial: number;
  readonly sequence: number;
  readonly lacing: readonly number[];
  readonly body: Uint8Array;
}

/** A page's bytes with a correct checksum. */
export function serialisePage(fields: OggPageFields): Buffer {
  const headerBytes = OGG_PAGE_HEADER_BYTES + fields.lacing.length;
  const page = Buffer.alloc(headerBytes + fields.body.length);
  page.write("OggS", 0, "latin1");
  page[4] = 0;
  page[5] = fields.flags;
  page.writeBigInt64LE(fields.granule, 6);
  page.writeUInt32LE(fields.serial >>> 0, 14);
  page.writeUInt32LE(fields.sequence >>> 0, 18);
  page[26] = fields.lacing.length;
  page.set(fields.lacing, OGG_PAGE_HEADER_BYTES);
  page.set(fields.body, headerBytes);
  page.writeUInt32LE(oggPageChecksum(page), CHECKSUM_AT);
  return page;
}

/** Where to put packets when paginating them. */
export interface PaginateOptions {
  readonly serial: number;
  readonly firstSequence: number;
  /** Flags to add to the last page (e.g. OGG_LAST_PAGE when the stream ends there). */
  readonly lastPageFlags: number;
}

/**
 * Lays `packets` out into pages of up to 255 segments each, the first starting on a fresh page
 * and the last ending its page. A page on which a packet ends has granule position 0 (header
 * packets, Vorbis I §4.2 and RFC 7845 §3), any other −1; a page that starts inside a packet
 * carries the continued-packet flag.
 */
export function paginatePackets(packets: readonly Uint8Array[], options: PaginateOptions): Buffer[] {
  const pages: Buffer[] = [];
  let lacing: number[] = [];
  let parts: Uint8Array[] = [];
  let packetEnded = false;
  let continued = false;
  const flush = (last: boolean) => {
    const body = Buffer.concat(parts);
    pages.push(
      serialisePage({
        flags: (continued ? OGG_CONTINUED : 0) | (last ? options.lastPageFlags : 0),
        granule: packetEnded ? 0n : OGG_NO_GRANULE,
        serial: options.serial,
        sequence: options.firstSequence + pages.length,
        lacing,
        body,
      }),
    );
    lacing = [];
    parts = [];
    packetEnded = false;
  };
  packets.forEach((packet, index) => {
    const segments = Math.floor(packet.length / 255) + 1;
    for (let s = 0; s < segments; s++) {
      if (lacing.length === MAX_SEGMENTS) {
        flush(false);
        continued = s > 0;
      }
      const start = s * 255;
      const length = Math.min(255, packet.length - start);
      lacing.push(length);
      parts.push(packet.subarray(start, start + length));
    }
    packetEnded = true;
    if (index === packets.length - 1) flush(true);
    else if (lacing.length === MAX_SEGMENTS) {
      flush(false);
      continued = false;
    }
  });
  return pages;
}
