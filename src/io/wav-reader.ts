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
import { createResampler } from "../core/dsp/resample.js";
import type { AudioSignal } from "../core/types.js";
import { displayName, fileSystemError } from "./audio-file.js";
import { checkDecodedLength } from "./decoded-length.js";
import { deinterleavePcm } from "./pcm-deinterleave.js";
import { declaredWavFrames, readWavHeader, type WavHeader } from "./wav-header.js";

export interface ReadWavOptions {
  /** Return one channel, the mean of all channels. */
  readonly mono?: boolean;
  /** Resample to this rate (Hz) while reading; default the file's own. */
  readonly sampleRate?: number;
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
    const outputCount = options.mono === true ? 1 : channels;
    const chunkFrames = Math.max(1, Math.floor(WAV_READ_CHUNK_BYTES / blockAlign));
    const buffer = new Uint8Array(chunkFrames * blockAlign);
    const targetRate = options.sampleRate ?? sampleRate;
    // Resampling streams chunk by chunk through the core's band-limited resampler, so only
    // the output rate's samples are ever held in full.
    const resamplers =
      targetRate === sampleRate
        ? null
        : Array.from({ length: outputCount }, () => createResampler(sampleRate, targetRate, { quality: "high" }));
    const outputLength = resamplers ? resamplers[0]!.outputLength(frames) : frames;
    const outputs = Array.from({ length: outputCount }, () => new Float32Array(outputLength));
    const scratch = resamplers ? Array.from({ length: outputCount }, () => new Float32Array(chunkFrames)) : null;
    let frame = 0;
    let written = 0;
    const append = (chunks: readonly Float32Array[]) => {
      const length = Math.min(chunks[0]!.length, outputLength - written);
      for (let c = 0; c < outputCount; c++) outputs[c]!.set(chunks[c]!.subarray(0, length), written);
      written += length;
    };
    while (frame < frames) {
      options.signal?.throwIfAborted();
      const wanted = Math.min(chunkFrames, frames - frame) * blockAlign;
      const got = await readFully(handle, buffer, wanted, header.dataOffset + frame * blockAlign);
      const gotFrames = Math.floor(got / blockAlign);
      if (gotFrames === 0) break; // the file shrank while being read
      if (resamplers && scratch) {
        deinterleavePcm(buffer, encoding, channels, gotFrames, scratch, 0);
        append(resamplers.map((resampler, c) => resampler.process(scratch[c]!.subarray(0, gotFrames))));
      } else {
        deinterleavePcm(buffer, encoding, channels, gotFrames, outputs, frame);
        written += gotFrames;
      }
      frame += gotFrames;
      options.onProgress?.(frame / frames);
    }
    if (resamplers) append(resamplers.map((resampler) => resampler.flush()));
    const complete = written === outputLength;
    const audio = {
      channels: complete ? outputs : outputs.map((out) => out.subarray(0, written)),
      sampleRate: targetRate,
    };
    return { audio, header };
  } catch (error) {
    throw error instanceof TonearmError || options.signal?.aborted === true ? error : fileSystemError(path, error);
  } finally {
    await handle.close();
  }
}
