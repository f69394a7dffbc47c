/**
 * Writes planar float signals as WAV files: 16-bit or 24-bit PCM, or 32-bit IEEE
 * float, streamed to disk in pieces of 64 Ki frames so a long signal never exists
 * twice in memory. `encodeWav` builds the same bytes in memory for small signals
 * (tests, HTTP responses). Integer formats round to nearest, clip to the integer
 * range (counted, so callers can warn) and can add TPDF dither (off by default).
 * Header layout and dither: see wav-encoding.ts.
 */
import { open } from "node:fs/promises";
import { TonearmError } from "../analysis/errors.js";
import type { AudioSignal } from "../core/types.js";
import {
  createWavEncoderState,
  encodeWavFrames,
  WAV_SAMPLE_BYTES,
  type WavSampleFormat,
  wavHeader,
} from "./wav-encoding.js";

export type { WavSampleFormat } from "./wav-encoding.js";

export interface WavWriteOptions {
  /** Sample format; default "pcm16". */
  readonly format?: WavSampleFormat;
  /** Add ±1 LSB triangular (TPDF) dither before rounding to integers; default false. */
  readonly dither?: boolean;
  /** Seed of the dither generator (same seed, same file). */
  readonly ditherSeed?: number;
}

export interface WavWriteResult {
  readonly bytes: number;
  /** Integer samples that exceeded full scale and were clipped. */
  readonly clippedSamples: number;
}

/** Frames converted and written per piece. */
export const WAV_WRITE_CHUNK_FRAMES = 65536;

function checkSignal(signal: AudioSignal, format: WavSampleFormat): number {
  const fail = (detail: string) => new TonearmError("INVALID_OPTION", `writeWav: ${detail}`);
  if (!(format in WAV_SAMPLE_BYTES)) throw fail(`format must be pcm16, pcm24 or float32, got "${String(format)}"`);
  if (signal.channels.length === 0 || signal.channels.length > 65535) {
    throw fail(`signal must have 1 to 65535 channels, got ${signal.channels.length}`);
  }
  if (!Number.isInteger(signal.sampleRate) || signal.sampleRate <= 0 || signal.sampleRate > 0xffffffff) {
    throw fail(`sampleRate must be a positive integer, got ${signal.sampleRate}`);
  }
  const frames = signal.channels[0]!.length;
  if (signal.channels.some((channel) => channel.length !== frames)) throw fail("channels differ in length");
  return frames;
}

/** Encodes `signal` as a complete WAV file in memory. */
export function encodeWav(signal: AudioSignal, options: WavWriteOptions = {}): Uint8Array {
  const format = options.format ?? "pcm16";
  const frames = checkSignal(signal, format);
  const header = wavHeader(format, signal.channels.length, signal.sampleRate, frames);
  const dataBytes = frames * signal.channels.length * WAV_SAMPLE_BYTES[format];
  // The samples start on their own ArrayBuffer so typed views are aligned; one copy joins them.
  const samples = new Uint8Array(dataBytes + (dataBytes & 1));
  encodeWavFrames(
    signal,
    0,
    frames,
    format,
    samples,
    createWavEncoderState(options.dither === true, options.ditherSeed),
  );
  const file = new Uint8Array(header.length + samples.length);
  file.set(header);
  file.set(samples, header.length);
  return file;
}

/** Writes `signal` to `path` as a WAV file, streamed in pieces. File-system errors are Node's own. */
export async function writeWav(
  path: string,
  signal: AudioSignal,
  options: WavWriteOptions = {},
): Promise<WavWriteResult> {
  const format = options.format ?? "pcm16";
  const frames = checkSignal(signal, format);
  const channelCount = signal.channels.length;
  const header = wavHeader(format, channelCount, signal.sampleRate, frames);
  const blockAlign = channelCount * WAV_SAMPLE_BYTES[format];
  const state = createWavEncoderState(options.dither === true, options.ditherSeed);
  const buffer = new Uint8Array(WAV_WRITE_CHUNK_FRAMES * blockAlign + 1);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, "w");
    await handle.write(header);
    for (let start = 0; start < frames; start += WAV_WRITE_CHUNK_FRAMES) {
      const count = Math.min(WAV_WRITE_CHUNK_FRAMES, frames - start);
      encodeWavFrames(signal, start, count, format, buffer, state);
      await handle.write(buffer, 0, count * blockAlign);
    }
    const dataBytes = frames * blockAlign;
    if ((dataBytes & 1) === 1) await handle.write(new Uint8Array(1)); // RIFF pad byte
    return { bytes: header.length + dataBytes + (dataBytes & 1), clippedSamples: state.clippedSamples };
  } finally {
    await handle?.close();
  }
}
