/**
 * Bounded-memory byte plumbing for the tag formats: exact positioned reads, SHA-256 over a byte
 * range, and writing a new file from a plan of pieces (copied ranges of the source and new
 * bytes). Ranges are streamed in 1 MiB chunks, so a tag rewrite of a 2 GB file holds 1 MiB of it.
 */
import { createHash } from "node:crypto";
import { type FileHandle, open } from "node:fs/promises";
import { TonearmError } from "../../analysis/errors.js";

export const CHUNK_BYTES = 1024 * 1024;

/** A piece of a file to write: bytes copied from the source's [start, end), new bytes, or zeros (padding). */
export type FilePiece =
  | { readonly kind: "copy"; readonly start: number; readonly end: number }
  | { readonly kind: "bytes"; readonly bytes: Uint8Array }
  | { readonly kind: "zeros"; readonly length: number };

/** Reads exactly `length` bytes at `position`; CORRUPT_AUDIO (naming `what`) when the file ends first. */
export async function readExactly(
  handle: FileHandle,
  position: number,
  length: number,
  what: string,
  path: string,
): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) {
      throw new TonearmError("CORRUPT_AUDIO", `${path}: the file ends inside ${what}`, { path });
    }
    filled += bytesRead;
  }
  return buffer;
}

/** Reads up to `length` bytes at `position` (fewer at the end of the file). */
export async function readUpTo(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/** SHA-256 (hex) over the bytes [start, end) of an open file, read in 1 MiB chunks. */
export async function hashRange(handle: FileHandle, start: number, end: number, path: string): Promise<string> {
  const hash = createHash("sha256");
  const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK_BYTES, end - start)));
  for (let position = start; position < end; ) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, end - position), position);
    if (bytesRead === 0) throw new TonearmError("CORRUPT_AUDIO", `${path}: the file ends early`, { path });
    hash.update(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
  return hash.digest("hex");
}

/** Opens `path` read-only, runs `use`, closes it. */
export async function withFile<T>(path: string, use: (handle: FileHandle, size: number) => Promise<T>): Promise<T> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    return await use(handle, size);
  } finally {
    await handle.close();
  }
}

/** Writes the new file `target` (created exclusively: it must not exist) from `pieces` over `source`. */
export async function writePieces(source: FileHandle, target: string, pieces: readonly FilePiece[]): Promise<void> {
  const output = await open(target, "wx", 0o600);
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (const piece of pieces) {
      if (piece.kind === "bytes") {
        await writeAll(output, piece.bytes);
        continue;
      }
      if (piece.kind === "zeros") {
        for (let left = piece.length; left > 0; left -= CHUNK_BYTES) {
          await writeAll(
            output,
            buffer.fill(0, 0, Math.min(left, CHUNK_BYTES)).subarray(0, Math.min(left, CHUNK_BYTES)),
          );
        }
        continue;
      }
      for (let position = piece.start; position < piece.end; ) {
        const length = Math.min(buffer.length, piece.end - position);
        const { bytesRead } = await source.read(buffer, 0, length, position);
        if (bytesRead === 0) throw new TonearmError("CONFLICT", `${target}: the source file shrank while being copied`);
        await writeAll(output, buffer.subarray(0, bytesRead));
        position += bytesRead;
      }
    }
  } finally {
    await output.close();
  }
}

async function writeAll(output: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let offset = 0; offset < bytes.length; ) {
    const { bytesWritten } = await output.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

/** Compacts a plan: drops empty pieces and joins adjacent copies of contiguous ranges. */
export function compactPieces(pieces: readonly FilePiece[]): FilePiece[] {
  const result: FilePiece[] = [];
  for (const piece of pieces) {
    if (pieceLength(piece) === 0) continue;
    const last = result[result.length - 1];
    if (piece.kind === "copy" && last?.kind === "copy" && last.end === piece.start) {
      result[result.length - 1] = { kind: "copy", start: last.start, end: piece.end };
    } else result.push(piece);
  }
  return result;
}

/** Bytes a piece adds to the written file. */
export function pieceLength(piece: FilePiece): number {
  if (piece.kind === "copy") return Math.max(0, piece.end - piece.start);
  return piece.kind === "bytes" ? piece.bytes.length : piece.length;
}
