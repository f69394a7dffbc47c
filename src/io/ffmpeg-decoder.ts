/**
 * Decodes any audio ffmpeg reads by running it as a child process that writes raw
 * 32-bit float PCM to stdout (`-f f32le`), and de-interleaving that stream piece by
 * piece into planar Float32Arrays sized from the probed duration. The compressed file
 * is never loaded by Node; memory holds one float copy of the audio and a 256 KiB
 * staging buffer. Resampling, when asked, is ffmpeg's: SoX's resampler at
 * 28-bit precision (libsoxr "very high quality") when the build has it, else
 * libswresample with a 128-tap filter. Failures become typed errors (see
 * ffmpeg-errors.ts); an AbortSignal kills the child.
 */
import { spawn } from "node:child_process";
import { TonearmError } from "../analysis/errors.js";
import type { AudioSignal } from "../core/types.js";
import { displayName } from "./audio-file.js";
import { checkDecodedLength, formatDuration } from "./decoded-length.js";
import { type FfmpegFailureContext, ffmpegFailure, stderrTail } from "./ffmpeg-errors.js";
import type { FfmpegLocation } from "./locate-ffmpeg.js";
import { createPlanarAccumulator } from "./planar-accumulator.js";

export interface FfmpegDecodeOptions {
  readonly ffmpeg: FfmpegLocation;
  /** Channels to ask ffmpeg for (the probed count; ffmpeg remixes if the stream differs). */
  readonly channels: number;
  /** The file's own sample rate. */
  readonly sourceSampleRate: number;
  /** Resample to this rate (Hz); default the file's own. */
  readonly sampleRate?: number;
  /** Return one channel, the mean of all channels. */
  readonly mono?: boolean;
  /** Duration the file declares (seconds), for preallocation and truncation checks; null if unknown. */
  readonly declaredSeconds: number | null;
  /** Decode what a truncated file holds instead of failing with TRUNCATED_AUDIO. */
  readonly allowTruncated?: boolean;
  /** Fail with TOO_LONG once more than this many seconds have been decoded. */
  readonly maxDurationSeconds?: number;
  readonly signal?: AbortSignal;
  /** Called with the fraction decoded so far (of the declared duration), at most every 1 %. */
  readonly onProgress?: (fraction: number) => void;
  /** How to word errors (the sniffer's verdict). */
  readonly failure: FfmpegFailureContext;
}

const STAGING_BYTES = 256 * 1024;
const STDERR_KEEP = 64 * 1024;

/** The ffmpeg arguments for decoding `path` to float PCM on stdout. */
export function ffmpegDecodeArguments(path: string, options: FfmpegDecodeOptions): string[] {
  const args = ["-nostdin", "-hide_banner", "-v", "error", "-i", path, "-map", "0:a:0", "-vn", "-sn", "-dn"];
  const target = options.sampleRate;
  if (target !== undefined && target !== options.sourceSampleRate) {
    const resampler = options.ffmpeg.hasSoxr
      ? "resampler=soxr:precision=28"
      : "resampler=swr:filter_size=128:phase_shift=10:cutoff=0.97";
    args.push("-af", `aresample=osr=${target}:${resampler}`, "-ar", String(target));
  }
  args.push("-ac", String(options.channels), "-f", "f32le", "-acodec", "pcm_f32le", "pipe:1");
  return args;
}

/** Decodes `path` with ffmpeg into planar float channels. */
export function decodeWithFfmpeg(path: string, options: FfmpegDecodeOptions): Promise<AudioSignal> {
  const outputRate = options.sampleRate ?? options.sourceSampleRate;
  const channelCount = options.channels;
  const frameBytes = 4 * channelCount;
  const declaredFrames = options.declaredSeconds === null ? 0 : options.declaredSeconds * outputRate;
  // 1 % plus one second of headroom absorbs codec padding without a regrowth.
  const accumulator = createPlanarAccumulator(channelCount, options.mono === true, declaredFrames * 1.01 + outputRate);
  const maxFrames = options.maxDurationSeconds === undefined ? Infinity : options.maxDurationSeconds * outputRate;
  const staging = new Uint8Array(Math.floor(STAGING_BYTES / frameBytes) * frameBytes);
  let pending = 0;
  let stderr = "";
  let tooLong = false;
  let lastReported = 0;

  return new Promise<AudioSignal>((resolve, reject) => {
    options.signal?.throwIfAborted();
    const child = spawn(options.ffmpeg.path, ffmpegDecodeArguments(path, options), {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const kill = () => child.kill("SIGKILL");
    options.signal?.addEventListener("abort", kill, { once: true });

    child.stdout.on("data", (chunk: Buffer) => {
      for (let position = 0; position < chunk.length; ) {
        const count = Math.min(chunk.length - position, staging.length - pending);
        staging.set(chunk.subarray(position, position + count), pending);
        pending += count;
        position += count;
        const frames = Math.floor(pending / frameBytes);
        if (frames === 0) continue;
        accumulator.append(staging, frames);
        staging.copyWithin(0, frames * frameBytes, pending);
        pending -= frames * frameBytes;
      }
      if (accumulator.length > maxFrames && !tooLong) {
        tooLong = true;
        kill();
      }
      if (options.onProgress !== undefined && declaredFrames > 0) {
        const fraction = Math.min(1, accumulator.length / declaredFrames);
        if (fraction - lastReported >= 0.01) {
          lastReported = fraction;
          options.onProgress(fraction);
        }
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => {
      stderr = (stderr + text).slice(-STDERR_KEEP);
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      options.signal?.removeEventListener("abort", kill);
      const reason = error.code === "ENOENT" ? "is missing" : `cannot be started (${error.message})`;
      reject(
        new TonearmError(
          "DECODER_MISSING",
          `ffmpeg at ${options.ffmpeg.path} ${reason}; install ffmpeg or set TONEARM_FFMPEG`,
          {
            path,
            cause: error,
          },
        ),
      );
    });
    child.on("close", (exitCode) => {
      options.signal?.removeEventListener("abort", kill);
      try {
        if (options.signal?.aborted === true) throw options.signal.reason;
        if (tooLong) {
          throw new TonearmError(
            "TOO_LONG",
            `${displayName(path)}: longer than the ${formatDuration(options.maxDurationSeconds ?? 0)} limit`,
            { path },
          );
        }
        if (exitCode !== 0) throw ffmpegFailure(stderr, exitCode, options.failure);
        if (accumulator.length === 0 && /Invalid data found|Error while decoding/.test(stderr)) {
          throw ffmpegFailure(stderr, 1, options.failure);
        }
        checkDecodedLength(
          path,
          options.declaredSeconds,
          accumulator.length,
          outputRate,
          options.allowTruncated === true,
        );
        resolve({ channels: accumulator.finish(), sampleRate: outputRate });
      } catch (error) {
        reject(
          error instanceof TonearmError && error.cause === undefined && stderr !== ""
            ? new TonearmError(error.code, error.message, { path, cause: new Error(stderrTail(stderr)) })
            : error,
        );
      }
    });
  });
}
