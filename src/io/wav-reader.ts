/**
 * Reads WAV and RF64 files in pure TypeScript: PCM 8-bit (unsigned), 16/24/32-bit
 * integer, IEEE float 32/64, plain or WAVE_FORMAT_EXTENSIBLE. The file is read in
 * 1 MiB pieces through a FileHandle, each converted into reused planar Float32 scratch
 * buffers (or one mono mix) and handed to an AudioSink (readWavTo); readWav collects
 * the pieces into arrays sized exactly from the header, so memory holds one float
 * copy of the audio, one read buffer and one piece of scratch. Headers that lie are
 * handled: an unknown data size (0 or 0xFFFFFFFF) reads to the end of the file; a size
 * beyond the end of the file is TRUNCATED_AUDIO unless `allowTruncated`, which reads
 * what is there.
 * Compressed WAV (ADPCM, µ-law, …) is refused here with UNSUPPORTED_FORMAT; the
 * decodeAudio entry point sends those to ffmpeg.
 * Reference: see wav-header.ts.
 */

import { type FileHandle, open } from "node:fs/promises";
import { TonearmError } from "../analysis/errors.js";
import type { AudioSink } from "../core/audio-sink.js";
import { createResampler } from "../core/dsp/resample.js";
import type { AudioSignal } from "../core/types.js";
import { createAudioCollector, EXACT_LENGTH_HEADROOM } from "./audio-collector.js";
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

export interface WavStreamResult {
  readonly header: WavHeader;
  /** Frames delivered to the sink, at `sampleRate`. */
  readonly frames: number;
  /** Hz: the delivered rate (the requested one, else the file's). */
  readonly sampleRate: number;
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

/**
 * Reads a PCM or float WAV/RF64 file and delivers it to `sink` in pieces of at most
 * WAV_READ_CHUNK_BYTES of the file (one piece's worth of frames per write, fewer or more
 * when resampling). start() comes after the header checks, with `expectedFrames` the exact
 * count that will be delivered; end() after the last chunk. Missing, unreadable, empty,
 * corrupt, compressed, truncated (unless allowed) and zero-length files reject before
 * start(); an abort rejects between pieces, without end(). Errors thrown by the sink
 * reject unchanged. Steady state allocates nothing: one read buffer and one planar
 * scratch buffer per channel are reused for every piece.
 */
export async function readWavTo(path: string, sink: AudioSink, options: ReadWavOptions = {}): Promise<WavStreamResult> {
  options.signal?.throwIfAborted();
  const { handle, sizeBytes } = await openForReading(path);
  // Only file-system failures become typed errors; the sink's and the abort reason pass through.
  const io = <T>(operation: Promise<T>): Promise<T> =>
    operation.catch((error: unknown) => {
      throw fileSystemError(path, error);
    });
  try {
    const header = await io(readWavHeader(handle, sizeBytes, path));
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
    const scratch = Array.from({ length: outputCount }, () => new Float32Array(chunkFrames));
    const targetRate = options.sampleRate ?? sampleRate;
    // Resampling streams piece by piece through the core's band-limited resampler; its
    // outputs are views of its own reused buffers.
    const resamplers =
      targetRate === sampleRate
        ? null
        : Array.from({ length: outputCount }, () => createResampler(sampleRate, targetRate, { quality: "high" }));
    const resampled: Float32Array[] = Array.from({ length: outputCount }, () => scratch[0]!);
    let delivered = 0;
    const deliver = (planar: readonly Float32Array[], length: number) => {
      if (length === 0) return;
      sink.write(planar, length);
      delivered += length;
    };
    sink.start({
      sampleRate: targetRate,
      channelCount: outputCount,
      expectedFrames: resamplers ? resamplers[0]!.outputLength(frames) : frames,
    });
    let frame = 0;
    while (frame < frames) {
      options.signal?.throwIfAborted();
      const wanted = Math.min(chunkFrames, frames - frame) * blockAlign;
      const got = await io(readFully(handle, buffer, wanted, header.dataOffset + frame * blockAlign));
      const gotFrames = Math.floor(got / blockAlign);
      if (gotFrames === 0) break; // the file shrank while being read
      deinterleavePcm(buffer, encoding, channels, gotFrames, scratch, 0);
      if (resamplers) {
        for (let c = 0; c < outputCount; c++) {
          const input = gotFrames === chunkFrames ? scratch[c]! : scratch[c]!.subarray(0, gotFrames);
          resampled[c] = resamplers[c]!.process(input);
        }
        deliver(resampled, resampled[0]!.length);
      } else {
        deliver(scratch, gotFrames);
      }
      frame += gotFrames;
      options.onProgress?.(frame / frames);
    }
    if (resamplers) {
      for (let c = 0; c < outputCount; c++) resampled[c] = resamplers[c]!.flush();
      deliver(resampled, resampled[0]!.length);
    }
    sink.end();
    return { header, frames: delivered, sampleRate: targetRate };
  } finally {
    await handle.close();
  }
}

/** Reads a PCM or float WAV/RF64 file into planar Float32 channels. */
export async function readWav(path: string, options: ReadWavOptions = {}): Promise<WavReadResult> {
  const collector = createAudioCollector(EXACT_LENGTH_HEADROOM);
  const { header } = await readWavTo(path, collector, options);
  return { audio: collector.finish(), header };
}
