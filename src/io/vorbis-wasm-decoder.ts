/**
 * Fallback decoder for Ogg Vorbis files that ffmpeg refuses: ffmpeg's Ogg demuxer parses
 * the Vorbis headers itself and rejects some files that libvorbis, and so every player
 * built on it, plays without complaint (seen on game soundtracks shipped by Debian; an
 * identification header longer than 30 bytes is one such case). This decodes them with
 * libvorbis compiled to WebAssembly (@wasm-audio-decoders/ogg-vorbis, MIT; libvorbis
 * BSD-3), reading the file in 1 MiB pieces and delivering the decoded audio to an
 * AudioSink in chunks of at most 64 Ki frames, mixed to mono and resampled with the
 * core's streaming band-limited resampler when asked.
 * Reference: Xiph.Org, "Vorbis I specification".
 */
import { open } from "node:fs/promises";
import { OggVorbisDecoder } from "@wasm-audio-decoders/ogg-vorbis";
import { TonearmError } from "../analysis/errors.js";
import type { AudioSink } from "../core/audio-sink.js";
import { createResampler, type Resampler } from "../core/dsp/resample.js";
import type { AudioSignal } from "../core/types.js";
import { createAudioCollector } from "./audio-collector.js";
import { displayName } from "./audio-file.js";
import { checkDecodedLength } from "./decoded-length.js";

const READ_CHUNK_BYTES = 1 << 20;
const CHUNK_FRAMES = 1 << 16;

export interface VorbisWasmDecodeOptions {
  readonly sampleRate?: number;
  readonly mono?: boolean;
  readonly declaredSeconds: number | null;
  readonly allowTruncated?: boolean;
  readonly maxDurationSeconds?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (fraction: number) => void;
}

export interface VorbisWasmStreamResult {
  /** Frames delivered to the sink, at `sampleRate`. */
  readonly frames: number;
  readonly sampleRate: number;
}

interface DecodedPiece {
  readonly channelData: Float32Array[];
  readonly samplesDecoded: number;
  readonly sampleRate: number;
}

/** What the stream delivers, fixed by its first decoded piece. */
interface StreamSetup {
  readonly sourceRate: number;
  readonly inputCount: number;
  readonly monoScratch: Float32Array | null;
  readonly resamplers: Resampler[] | null;
}

/**
 * Decodes `path` with libvorbis (WebAssembly) and delivers it to `sink`. start() comes
 * with the first decoded audio; end() after the last chunk once the length checks
 * passed. Rejects with CORRUPT_AUDIO when nothing decodes, TOO_LONG past
 * `maxDurationSeconds` (before delivering the excess), TRUNCATED_AUDIO (after the
 * chunks), or the abort reason; end() is then not called.
 */
export async function decodeVorbisWithWasmTo(
  path: string,
  sink: AudioSink,
  options: VorbisWasmDecodeOptions,
): Promise<VorbisWasmStreamResult> {
  options.signal?.throwIfAborted();
  const handle = await open(path, "r");
  const decoder = new OggVorbisDecoder();
  try {
    await decoder.ready;
    const sizeBytes = (await handle.stat()).size;
    const buffer = new Uint8Array(READ_CHUNK_BYTES);
    // Assigned inside take(); the cast keeps TypeScript from narrowing it to null here.
    let setup = null as StreamSetup | null;
    let decodedFrames = 0; // at the source rate
    let delivered = 0;
    let targetRate = 0;
    const mixed: Float32Array[] = [];
    const resampled: Float32Array[] = [];

    const begin = (piece: DecodedPiece): StreamSetup => {
      const sourceRate = piece.sampleRate;
      const inputCount = piece.channelData.length;
      const outputCount = options.mono === true ? 1 : inputCount;
      targetRate = options.sampleRate ?? sourceRate;
      sink.start({
        sampleRate: targetRate,
        channelCount: outputCount,
        expectedFrames: options.declaredSeconds === null ? null : Math.round(options.declaredSeconds * targetRate),
      });
      return {
        sourceRate,
        inputCount,
        monoScratch: outputCount === 1 && inputCount > 1 ? new Float32Array(CHUNK_FRAMES) : null,
        resamplers:
          targetRate === sourceRate
            ? null
            : Array.from({ length: outputCount }, () => createResampler(sourceRate, targetRate, { quality: "high" })),
      };
    };
    const deliver = (planar: readonly Float32Array[], length: number) => {
      if (length === 0) return;
      sink.write(planar, length);
      delivered += length;
    };
    /** Mixes (when asked), resamples (when asked) and delivers frames [from, from + count) of a piece. */
    const emit = (stream: StreamSetup, channels: readonly Float32Array[], from: number, count: number) => {
      mixed.length = 0;
      if (stream.monoScratch !== null) {
        meanOfChannels(channels, from, count, stream.monoScratch);
        mixed.push(count === CHUNK_FRAMES ? stream.monoScratch : stream.monoScratch.subarray(0, count));
      } else {
        for (const channel of channels) mixed.push(channel.subarray(from, from + count));
      }
      if (stream.resamplers === null) {
        deliver(mixed, count);
        return;
      }
      resampled.length = 0;
      for (let c = 0; c < mixed.length; c++) resampled.push(stream.resamplers[c]!.process(mixed[c]!));
      deliver(resampled, resampled[0]!.length);
    };
    const take = (piece: DecodedPiece) => {
      if (piece.samplesDecoded === 0 || piece.channelData.length === 0) return;
      setup ??= begin(piece);
      if (piece.sampleRate !== setup.sourceRate || piece.channelData.length !== setup.inputCount) {
        throw new TonearmError(
          "UNSUPPORTED_FORMAT",
          `${displayName(path)}: the Ogg Vorbis stream changes its sample rate or channel count part way`,
          { path },
        );
      }
      decodedFrames += piece.samplesDecoded;
      if (decodedFrames > (options.maxDurationSeconds ?? Infinity) * setup.sourceRate) {
        throw new TonearmError("TOO_LONG", `${displayName(path)}: longer than the limit (maxDurationSeconds)`, {
          path,
        });
      }
      for (let from = 0; from < piece.samplesDecoded; from += CHUNK_FRAMES) {
        emit(setup, piece.channelData, from, Math.min(CHUNK_FRAMES, piece.samplesDecoded - from));
      }
    };

    for (let position = 0; position < sizeBytes; ) {
      options.signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      // A copy: the Ogg parser may keep a partial page across calls.
      take(await decoder.decode(buffer.slice(0, bytesRead)));
      options.onProgress?.(position / sizeBytes);
    }
    options.signal?.throwIfAborted();
    take(await decoder.flush());
    const stream = setup;
    if (stream === null) {
      throw new TonearmError(
        "CORRUPT_AUDIO",
        `${displayName(path)}: the Ogg Vorbis data is damaged and cannot be decoded`,
        { path },
      );
    }
    if (stream.resamplers !== null) {
      resampled.length = 0;
      for (const resampler of stream.resamplers) resampled.push(resampler.flush());
      deliver(resampled, resampled[0]!.length);
    }
    checkDecodedLength(
      path,
      options.declaredSeconds,
      decodedFrames,
      stream.sourceRate,
      options.allowTruncated === true,
    );
    sink.end();
    return { frames: delivered, sampleRate: targetRate };
  } finally {
    decoder.free();
    await handle.close();
  }
}

/** Decodes `path` with libvorbis (WebAssembly) into planar float channels. */
export async function decodeVorbisWithWasm(path: string, options: VorbisWasmDecodeOptions): Promise<AudioSignal> {
  const collector = createAudioCollector();
  await decodeVorbisWithWasmTo(path, collector, options);
  return collector.finish();
}

/**
 * Writes the mean of `channels` over frames [from, from + count) to out[0..count). Sums
 * in float32, channel by channel, as a Float32Array accumulator would.
 */
function meanOfChannels(channels: readonly Float32Array[], from: number, count: number, out: Float32Array): void {
  const scale = 1 / channels.length;
  for (let i = 0; i < count; i++) {
    let sum = 0;
    for (const channel of channels) sum = Math.fround(sum + channel[from + i]!);
    out[i] = sum * scale;
  }
}
