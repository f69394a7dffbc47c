/**
 * Fallback decoder for Ogg Vorbis files that ffmpeg refuses: ffmpeg's Ogg demuxer parses
 * the Vorbis headers itself and rejects some files that libvorbis, and so every player
 * built on it, plays without complaint (seen on game soundtracks shipped by Debian).
 * This decodes them with libvorbis compiled to WebAssembly (@wasm-audio-decoders/ogg-vorbis,
 * MIT; libvorbis BSD-3), streaming the file in chunks into planar buffers sized from the
 * declared duration, then resamples with the core's band-limited resampler when asked.
 * Reference: Xiph.Org, "Vorbis I specification".
 */
import { open } from "node:fs/promises";
import { OggVorbisDecoder } from "@wasm-audio-decoders/ogg-vorbis";
import { TonearmError } from "../analysis/errors.js";
import { resample } from "../core/dsp/resample.js";
import type { AudioSignal } from "../core/types.js";
import { displayName } from "./audio-file.js";
import { checkDecodedLength } from "./decoded-length.js";

const READ_CHUNK_BYTES = 1 << 20;

export interface VorbisWasmDecodeOptions {
  readonly sampleRate?: number;
  readonly mono?: boolean;
  readonly declaredSeconds: number | null;
  readonly allowTruncated?: boolean;
  readonly maxDurationSeconds?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (fraction: number) => void;
}

/** Planar float buffers that grow by doubling (rarely: they start at the declared length). */
class GrowingChannels {
  channels: Float32Array[] = [];
  length = 0;
  constructor(private capacity: number) {}

  append(chunk: readonly Float32Array[], frames: number): void {
    if (this.channels.length === 0) this.channels = chunk.map(() => new Float32Array(this.capacity));
    if (this.length + frames > this.capacity) {
      this.capacity = Math.max(2 * this.capacity, this.length + frames);
      this.channels = this.channels.map((channel) => {
        const grown = new Float32Array(this.capacity);
        grown.set(channel.subarray(0, this.length));
        return grown;
      });
    }
    for (let c = 0; c < this.channels.length; c++) this.channels[c]!.set(chunk[c]!.subarray(0, frames), this.length);
    this.length += frames;
  }
}

export async function decodeVorbisWithWasm(path: string, options: VorbisWasmDecodeOptions): Promise<AudioSignal> {
  const decoder = new OggVorbisDecoder();
  const handle = await open(path, "r");
  try {
    await decoder.ready;
    const sizeBytes = (await handle.stat()).size;
    const buffer = new Uint8Array(READ_CHUNK_BYTES);
    let collected: GrowingChannels | undefined;
    let sampleRate = 0;
    const take = (decoded: { channelData: Float32Array[]; samplesDecoded: number; sampleRate: number }) => {
      if (decoded.samplesDecoded === 0 || decoded.channelData.length === 0) return;
      sampleRate = decoded.sampleRate;
      collected ??= new GrowingChannels(Math.ceil(((options.declaredSeconds ?? 60) + 1) * sampleRate));
      collected.append(decoded.channelData, decoded.samplesDecoded);
      const maxFrames = (options.maxDurationSeconds ?? Infinity) * sampleRate;
      if (collected.length > maxFrames) {
        throw new TonearmError("TOO_LONG", `${displayName(path)}: longer than the limit (maxDurationSeconds)`, {
          path,
        });
      }
    };
    for (let position = 0; position < sizeBytes; ) {
      options.signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      // The decoder keeps references only until it returns, so the read buffer can be reused.
      take(await decoder.decode(buffer.slice(0, bytesRead)));
      options.onProgress?.(position / sizeBytes);
    }
    take(await decoder.flush());
    if (!collected || sampleRate === 0) {
      throw new TonearmError(
        "CORRUPT_AUDIO",
        `${displayName(path)}: the Ogg Vorbis data is damaged and cannot be decoded`,
        {
          path,
        },
      );
    }
    checkDecodedLength(path, options.declaredSeconds, collected.length, sampleRate, options.allowTruncated === true);
    let channels = collected.channels.map((channel) => channel.subarray(0, collected!.length));
    if (options.mono === true && channels.length > 1) channels = [meanOfChannels(channels)];
    const targetRate = options.sampleRate ?? sampleRate;
    if (targetRate !== sampleRate) {
      channels = channels.map((channel) => resample(channel, sampleRate, targetRate, { quality: "high" }));
    }
    return { channels, sampleRate: targetRate };
  } finally {
    decoder.free();
    await handle.close();
  }
}

function meanOfChannels(channels: readonly Float32Array[]): Float32Array {
  const mono = new Float32Array(channels[0]!.length);
  for (const channel of channels) for (let i = 0; i < mono.length; i++) mono[i]! += channel[i]!;
  const scale = 1 / channels.length;
  for (let i = 0; i < mono.length; i++) mono[i]! *= scale;
  return mono;
}
