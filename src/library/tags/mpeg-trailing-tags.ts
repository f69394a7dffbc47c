/**
 * Where the audio of an MPEG audio file ends: before an ID3v1 trailer ("TAG", the last 128
 * bytes; id3.org "ID3v1") and an APEv2 tag before it or at the very end ("APETAGEX" footer of
 * 32 bytes whose size field counts the items and the footer; an optional 32-byte header
 * precedes the items; wiki.hydrogenaud.io "APEv2 specification"). Lyrics3 blocks are left in
 * the audio payload: tonearm never changes them either.
 */
import type { FileHandle } from "node:fs/promises";
import { readUpTo } from "./byte-ranges.js";

const ID3V1_BYTES = 128;
const APE_FOOTER_BYTES = 32;
const APE_HAS_HEADER = 0x80000000;

/** Offset where the trailing tags start (the file size when there are none); never below `start`. */
export async function mpegAudioEnd(handle: FileHandle, fileSize: number, start: number): Promise<number> {
  let end = fileSize;
  if (end - start >= ID3V1_BYTES) {
    const trailer = await readUpTo(handle, end - ID3V1_BYTES, 3);
    if (trailer.toString("latin1") === "TAG") end -= ID3V1_BYTES;
  }
  if (end - start >= APE_FOOTER_BYTES) {
    const footer = await readUpTo(handle, end - APE_FOOTER_BYTES, APE_FOOTER_BYTES);
    if (footer.length === APE_FOOTER_BYTES && footer.toString("latin1", 0, 8) === "APETAGEX") {
      const size = footer.readUInt32LE(12);
      const flags = footer.readUInt32LE(20);
      const tagStart = end - size - (flags & APE_HAS_HEADER ? APE_FOOTER_BYTES : 0);
      if (size >= APE_FOOTER_BYTES && tagStart >= start) end = tagStart;
    }
  }
  return end;
}
