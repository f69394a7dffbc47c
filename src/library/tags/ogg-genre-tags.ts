/**
 * Genre tags in Ogg Vorbis and Ogg Opus files: the GENRE comments of the comment header packet
 * (Vorbis I §5, RFC 7845 §5.2).
 *
 * Writing rebuilds the comment packet (ogg-comment-packet.ts), lays the header packets after
 * the identification page out into pages again (ogg-page.ts) and streams every later page
 * through a bounded buffer. When the number of header pages changes, every later page of the
 * stream gets its sequence number shifted by the difference and its CRC recomputed (RFC 3533
 * §6: sequence numbers must run on without gaps); pages of a later chained stream (another
 * serial number) are copied as they are. When the comment packet comes out byte-identical the
 * original header pages are kept, so an idempotent write leaves the file unchanged.
 *
 * The audio payload (audioPayloadHash) is the concatenated bodies of the pages after the header
 * pages — the audio packets' bytes (and, in a chained file, every byte of the later links'
 * pages) — without the page headers, because a legitimate rewrite renumbers those pages (and so
 * changes their sequence numbers and checksums) while packets and granule positions stay.
 * References: RFC 3533; RFC 7845; Vorbis I specification §4.2 and §5.
 */
import { createHash } from "node:crypto";
import { type FileHandle, open } from "node:fs/promises";
import type { GenreTagFormat, GenreTags } from "./genre-tag-format.js";
import { commentGenres, parseCommentPacket, serialiseCommentPacket, withGenres } from "./ogg-comment-packet.js";
import { OGG_LAST_PAGE, paginatePackets, withSequence } from "./ogg-page.js";
import { OggPageReader } from "./ogg-page-reader.js";
import { type OggStreamHeaders, readStreamHeaders } from "./ogg-stream-headers.js";

const WRITE_BUFFER_BYTES = 1 << 20;

/** Collects small writes into one buffer and writes it to `handle` when full. */
class BufferedWriter {
  private readonly buffer = Buffer.alloc(WRITE_BUFFER_BYTES);
  private length = 0;
  constructor(private readonly handle: FileHandle) {}

  async write(bytes: Buffer): Promise<void> {
    if (this.length + bytes.length > this.buffer.length) await this.flush();
    if (bytes.length > this.buffer.length) await writeFully(this.handle, bytes);
    else {
      bytes.copy(this.buffer, this.length);
      this.length += bytes.length;
    }
  }

  async flush(): Promise<void> {
    await writeFully(this.handle, this.buffer.subarray(0, this.length));
    this.length = 0;
  }
}

/** Writes all of `bytes` (a write may take fewer bytes than offered). */
async function writeFully(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let done = 0; done < bytes.length; ) done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten;
}

/** Opens `path`, reads its stream headers and runs `use` with the reader positioned after them. */
async function withHeaders<T>(
  path: string,
  use: (headers: OggStreamHeaders, reader: OggPageReader) => Promise<T>,
): Promise<T> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const reader = new OggPageReader(handle, size, path);
    const headers = await readStreamHeaders(reader, path);
    return await use(headers, reader);
  } finally {
    await handle.close();
  }
}

async function readGenres(path: string): Promise<GenreTags> {
  return withHeaders(path, async (headers) => {
    const comments = parseCommentPacket(headers.packets[0]!, headers.codec, path);
    return { genres: commentGenres(comments) };
  });
}

/** The new header pages after the identification page. */
function newHeaderPages(headers: OggStreamHeaders, genres: readonly string[], path: string): Buffer[] {
  const [commentPacket, ...rest] = headers.packets;
  const comments = parseCommentPacket(commentPacket!, headers.codec, path);
  const rewritten = serialiseCommentPacket(withGenres(comments, genres));
  if (rewritten.equals(commentPacket!)) return headers.pages.map((page) => page.bytes);
  const lastOld = headers.pages[headers.pages.length - 1]!;
  return paginatePackets([rewritten, ...rest], {
    serial: headers.serial,
    firstSequence: headers.idPage.sequence + 1,
    lastPageFlags: lastOld.flags & OGG_LAST_PAGE,
  });
}

async function writeCopyWithGenres(source: string, target: string, genres: readonly string[]): Promise<void> {
  await withHeaders(source, async (headers, reader) => {
    const pages = newHeaderPages(headers, genres, source);
    const shift = pages.length - headers.pages.length;
    const output = await open(target, "w");
    try {
      const writer = new BufferedWriter(output);
      await writer.write(headers.idPage.bytes);
      for (const page of pages) await writer.write(page);
      let renumbering = shift !== 0;
      for (let page = await reader.next(); page !== null; page = await reader.next()) {
        const ours = page.serial === headers.serial;
        await writer.write(renumbering && ours ? withSequence(page.bytes, page.sequence + shift) : page.bytes);
        // A chained stream that reuses the serial number starts counting afresh after this one ends.
        if (ours && (page.flags & OGG_LAST_PAGE) !== 0) renumbering = false;
      }
      await writer.flush();
    } finally {
      await output.close();
    }
  });
}

async function audioPayloadHash(path: string): Promise<string> {
  return withHeaders(path, async (_headers, reader) => {
    const hash = createHash("sha256");
    for (let page = await reader.next(); page !== null; page = await reader.next()) hash.update(page.body);
    return hash.digest("hex");
  });
}

export const oggGenreTagFormat: GenreTagFormat = {
  name: "ogg",
  /** Every Ogg file is claimed, so that Ogg FLAC, Speex or multiplexed files get a clear UNSUPPORTED_FORMAT. */
  recognises: (head) =>
    head.length >= 5 && Buffer.from(head.subarray(0, 4)).toString("latin1") === "OggS" && head[4] === 0,
  readGenres,
  writeCopyWithGenres,
  audioPayloadHash,
};
