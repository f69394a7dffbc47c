/**
 * Reads WAV and RF64 files in pure TypeScript: PCM 8-bit (unsigned), 16/24/32-bit
 * integer, IEEE float 32/64, plain or WAVE_FORMAT_EXTENSIBLE. The file is read in
 * 1 MiB pieces through a FileHandle and converted straight into preallocated planar
 * Float32Arrays (or one mono mix), so memory holds one float copy of the audio and
 * one read buffer. Headers that lie are handled: an unknown data size (0 or
 * 0xFFFFFFFF) reads to the end of the file; a size beyond the end of the file is
 * TRUNCATED_AUDIO unless `allowTruncated`, which reads what is there.
 * Compressed WAV (ADPCM, µ-law, …) is refused here with UNSUPPORTED_FORMAT; the
 * decodeAudio entry point sends those to ffmpeg.
 * Reference: see wav-header.ts.
 */
import { type FileHandle, open } from "node:fs/promises";
import { TonearmError } from "../analysis/errors.js";
import type { AudioSignal } from "../core/types.js";
import { displayName, fileSystemError } from "./audio-file.js";
import { checkDecodedLength } from "./decoded-length.js";
import { deinterleavePcm } from "./pcm-deinterleave.js";
import { declaredWavFrames, readWavHeader, type WavHeader } from "./wav-header.js";

export interface ReadWavOptions {
  /** Return one channel, the mean of all channels. */
  readonly mono?: boolean;
  /** Read what a truncated file holds instead of failing with TRUNCATED_AUDIO. */
  readonly allowTruncated?: boolean;
  readonly signal?: AbortSignal;
  /** Called with the fraction read so far, in (0, 1]. */
  readonly onProgress?: (fraction: number) => void;
}

export interface WavReadResult {
  readonly audio: AudioSignal;
  readonly header: WavHeader;
}

/** Bytes read per piece (rounded down to whole frames). */
export const WAV_READ_CHUNK_BYTES = 1 << 20;

/** Reads up to `length` bytes at `position`, retrying short reads; returns the count read. */
async function readFully(handle: FileHandle, buffer: Uint8Array, length: number, position: number): Promise<number> {
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled;
}

async function openForReading(path: string): Promise<{ handle: FileHandle; sizeBytes: number }> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, "r");
    const stats = await handle.stat();
    if (stats.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    if (stats.size === 0) {
      throw new TonearmError("EMPTY_FILE", `${displayName(path)}: the file is empty (0 bytes)`, { path });
    }
    return { handle, sizeBytes: stats.size };
  } catch (error) {
    await handle?.close();
    throw fileSystemError(path, error);
  }
}

/** Reads a PCM or float WAV/RF64 file into planar Float32 channels. */
export async function readWav(path: string, options: ReadWavOptions = {}): Promise<WavReadResult> {
  options.signal?.throwIfAborted();
  const { handle, sizeBytes } = await openForReading(path);
  try {
    const header = await readWavHeader(handle, sizeBytes, path);
    const { encoding, channels, sampleRate, blockAlign } = header;
    if (encoding === null) {
      throw new TonearmError(
        "UNSUPPORTED_FORMAT",
        `${displayName(path)}: compressed WAV (${header.codec}) needs ffmpeg; use decodeAudio`,
        { path },
      );
    }
    const frames = header.availableDataBytes / blockAlign;
    checkDecodedLength(
      path,
      declaredWavFrames(header) / sampleRate,
      frames,
      sampleRate,
      options.allowTruncated === true,
    );
    const outputs = Array.from({ length: options.mono === true ? 1 : channels }, () => new Float32Array(frames));
    const chunkFrames = Math.max(1, Math.floor(WAV_READ_CHUNK_BYTES / blockAlign));
    const buffer = new Uint8Array(chunkFrames * blockAlign);
    let frame = 0;
    while (frame < frames) {
      options.signal?.throwIfAborted();
      const wanted = Math.min(chunkFrames, frames - frame) * blockAlign;
      const got = await readFully(handle, buffer, wanted, header.dataOffset + frame * blockAlign);
      const gotFrames = Math.floor(got / blockAlign);
      if (gotFrames === 0) break; // the file shrank while being read
      deinterleavePcm(buffer, encoding, channels, gotFrames, outputs, frame);
      frame += gotFrames;
      options.onProgress?.(frame / frames);
    }
    const audio = { channels: frame === frames ? outputs : outputs.map((out) => out.subarray(0, frame)), sampleRate };
    return { audio, header };
  } catch (error) {
    throw error instanceof TonearmError || options.signal?.aborted === true ? error : fileSystemError(path, error);
  } finally {
    await handle.close();
  }
}
