/**
 * A quick content hash for telling a moved file from a new one and a touched file from a
 * changed one without reading whole files: SHA-1 over the size and the first and last 64 KiB.
 * Two different recordings practically never share size and both ends; a tag edit changes the
 * head (ID3v2, FLAC and Vorbis metadata) or the tail (ID3v1, APE, MP4 with moov at the end).
 */
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";

const SPAN = 64 * 1024;

export async function quickContentHash(path: string, size: number): Promise<string> {
  const hash = createHash("sha1");
  hash.update(`${size}:`);
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(Math.min(SPAN, size));
    const head = await handle.read(buffer, 0, buffer.length, 0);
    hash.update(buffer.subarray(0, head.bytesRead));
    if (size > SPAN) {
      const tailStart = Math.max(SPAN, size - SPAN);
      const tail = await handle.read(buffer, 0, size - tailStart, tailStart);
      hash.update(buffer.subarray(0, tail.bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest("hex");
}
