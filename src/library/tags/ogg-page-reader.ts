/**
 * Reads an Ogg file page by page through one reused buffer (RFC 3533 §6), checking each page's
 * capture pattern, version, length and CRC-32. Memory stays at one buffer (1 MiB, more than
 * the largest possible page of 65,307 bytes) whatever the file size. A damaged page — wrong
 * capture pattern, unknown version, cut short by the end of the file, or a checksum that does
 * not match — is a TonearmError CORRUPT_AUDIO; trailing bytes that are not a page are damage too.
 * Reference: RFC 3533, "The Ogg Encapsulation Format Version 0" (2003).
 */
import type { FileHandle } from "node:fs/promises";
import { basename } from "node:path";
import { TonearmError } from "../../analysis/errors.js";
import { OGG_PAGE_HEADER_BYTES, type OggPage, oggPageChecksum, storedChecksum } from "./ogg-page.js";

const BUFFER_BYTES = 1 << 20;

/** The error for a broken Ogg structure in `path`. */
export function damagedOgg(path: string, what: string): TonearmError {
  return new TonearmError("CORRUPT_AUDIO", `${basename(path)}: damaged Ogg file (${what})`, { path });
}

/** A copy of `page` that no later read overwrites. */
export function keepPage(page: OggPage): OggPage {
  const bytes = Buffer.from(page.bytes);
  const bodyAt = page.bytes.length - page.body.length;
  return { ...page, bytes, lacing: bytes.subarray(bodyAt - page.lacing.length, bodyAt), body: bytes.subarray(bodyAt) };
}

export class OggPageReader {
  private readonly buffer = Buffer.alloc(BUFFER_BYTES);
  /** File offset of buffer[0]. */
  private bufferStart = 0;
  private bufferLength = 0;
  private position: number;

  constructor(
    private readonly handle: FileHandle,
    private readonly fileSize: number,
    private readonly path: string,
    position = 0,
  ) {
    this.position = position;
    this.bufferStart = position;
  }

  /** File offset of the next page. */
  get offset(): number {
    return this.position;
  }

  /**
   * The next page, or null at the end of the file. The page's bytes are a view of the reader's
   * buffer, valid until the next call: keep a page longer with keepPage().
   */
  async next(): Promise<OggPage | null> {
    const offset = this.position;
    if (offset >= this.fileSize) return null;
    const head = await this.bytesAt(offset, OGG_PAGE_HEADER_BYTES);
    if (head.toString("latin1", 0, 4) !== "OggS") throw damagedOgg(this.path, `no Ogg page at byte ${offset}`);
    if (head[4] !== 0) throw damagedOgg(this.path, `page at byte ${offset} has unknown version ${head[4]}`);
    const segments = head[26]!;
    const lacing = await this.bytesAt(offset + OGG_PAGE_HEADER_BYTES, segments);
    let bodyLength = 0;
    for (const value of lacing) bodyLength += value;
    const total = OGG_PAGE_HEADER_BYTES + segments + bodyLength;
    const bytes = await this.bytesAt(offset, total);
    if (oggPageChecksum(bytes) !== storedChecksum(bytes)) {
      throw damagedOgg(this.path, `page at byte ${offset} fails its CRC check`);
    }
    this.position = offset + total;
    return {
      offset,
      flags: bytes[5]!,
      granule: bytes.readBigInt64LE(6),
      serial: bytes.readUInt32LE(14),
      sequence: bytes.readUInt32LE(18),
      lacing: bytes.subarray(OGG_PAGE_HEADER_BYTES, OGG_PAGE_HEADER_BYTES + segments),
      body: bytes.subarray(OGG_PAGE_HEADER_BYTES + segments),
      bytes,
    };
  }

  /** `length` bytes at file offset `at` (≥ the current page start), valid until the next call. */
  private async bytesAt(at: number, length: number): Promise<Buffer> {
    if (at + length > this.fileSize) throw damagedOgg(this.path, `page at byte ${this.position} is cut short`);
    if (at < this.bufferStart || at + length > this.bufferStart + this.bufferLength) await this.refill(this.position);
    const start = at - this.bufferStart;
    return this.buffer.subarray(start, start + length);
  }

  /** Fills the buffer from file offset `at` on (a whole page always fits). */
  private async refill(at: number): Promise<void> {
    const wanted = Math.min(BUFFER_BYTES, this.fileSize - at);
    let filled = 0;
    while (filled < wanted) {
      const { bytesRead } = await this.handle.read(this.buffer, filled, wanted - filled, at + filled);
      if (bytesRead === 0) throw damagedOgg(this.path, `file ends at byte ${at + filled}, inside a page`);
      filled += bytesRead;
    }
    this.bufferStart = at;
    this.bufferLength = filled;
  }
}
