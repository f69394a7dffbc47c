/**
 * Decodes any audio ffmpeg reads by running it as a child process that writes raw
 * 32-bit float PCM to stdout (`-f f32le`), staging that stream in 64 Ki-frame pieces
 * and handing each, de-interleaved into reused planar buffers, to an AudioSink
 * (decodeWithFfmpegTo); decodeWithFfmpeg collects them into planar Float32Arrays sized
 * from the probed duration. The compressed file is never loaded by Node; streaming
 * holds one staging piece and its planar copy (768 KiB for stereo). Resampling, when
 * asked, is ffmpeg's: SoX's resampler at 28-bit precision (libsoxr "very high
 * quality") when the build has it, else libswresample with a 128-tap filter; a mono
 * decode may have ffmpeg take the channels' mean first (`mixInFfmpeg`), so that the
 * resampler and the pipe carry one channel. Failures become typed errors (see
 * ffmpeg-errors.ts); an AbortSignal kills the child.
 */
import { spawn } from "node:child_process";
import { wasmFloatDeinterleaver } from "../accel/wasm-deinterleave.js";
import { TonearmError } from "../analysis/errors.js";
import type { AudioSink } from "../core/audio-sink.js";
import type { AudioSignal } from "../core/types.js";
import { createAudioCollector } from "./audio-collector.js";
import { displayName } from "./audio-file.js";
import { checkDecodedLength, formatDuration } from "./decoded-length.js";
import { type FfmpegFailureContext, ffmpegFailure, stderrTail } from "./ffmpeg-errors.js";
import type { FfmpegLocation } from "./locate-ffmpeg.js";
import { deinterleavePcm } from "./pcm-deinterleave.js";

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
  /**
   * With `mono`: ffmpeg takes the mean (a pan filter ahead of any resampling), so the
   * resampler filters one channel instead of all and the pipe carries one; the same mean to
   * Float32 rounding. Off by default: the mean is then taken here, bit for bit as for WAV.
   */
  readonly mixInFfmpeg?: boolean;
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

const STDERR_KEEP = 64 * 1024;

/** The ffmpeg arguments for decoding `path` to float PCM on stdout. */
export function ffmpegDecodeArguments(path: string, options: FfmpegDecodeOptions): string[] {
  const args = ["-nostdin", "-hide_banner", "-v", "error", "-i", path, "-map", "0:a:0", "-vn", "-sn", "-dn"];
  const filters: string[] = [];
  const channels = pipeChannels(options);
  if (channels < options.channels) {
    const gain = String(1 / options.channels);
    const sum = Array.from({ length: options.channels }, (_, c) => `${gain}*c${c}`).join("+");
    filters.push(`pan=mono|c0=${sum}`);
  }
  const target = options.sampleRate;
  const resample = target !== undefined && target !== options.sourceSampleRate;
  if (resample) {
    const resampler = options.ffmpeg.hasSoxr
      ? "resampler=soxr:precision=28"
      : "resampler=swr:filter_size=128:phase_shift=10:cutoff=0.97";
    filters.push(`aresample=osr=${target}:${resampler}`);
  }
  if (filters.length > 0) args.push("-af", filters.join(","));
  if (resample) args.push("-ar", String(target));
  args.push("-ac", String(channels), "-f", "f32le", "-acodec", "pcm_f32le", "pipe:1");
  return args;
}

/** Channels in ffmpeg's output: 1 when it mixes to mono (`mixInFfmpeg`), else the probed count. */
function pipeChannels(options: FfmpegDecodeOptions): number {
  return options.mono === true && options.mixInFfmpeg === true && options.channels > 1 ? 1 : options.channels;
}

/** Frames per chunk handed to the sink (the last chunk may be shorter). */
export const FFMPEG_CHUNK_FRAMES = 1 << 16;

export interface FfmpegStreamResult {
  /** Frames delivered to the sink, at `sampleRate`. */
  readonly frames: number;
  /** Hz: the delivered rate (the requested one, else the file's). */
  readonly sampleRate: number;
}

/**
 * Decodes `path` with ffmpeg and delivers it to `sink` in chunks of FFMPEG_CHUNK_FRAMES
 * frames, de-interleaved from one reused staging buffer into reused planar scratch
 * buffers. start() comes with the first chunk (so a run that fails before any output
 * leaves the sink untouched), with `expectedFrames` from `declaredSeconds`; end() after
 * the last chunk, once ffmpeg has exited cleanly and the length checks passed. On
 * failure (typed error, TOO_LONG, TRUNCATED_AUDIO after the chunks, abort) the promise
 * rejects and end() is not called. Errors thrown by the sink kill ffmpeg and reject
 * unchanged.
 */
export function decodeWithFfmpegTo(
  path: string,
  sink: AudioSink,
  options: FfmpegDecodeOptions,
): Promise<FfmpegStreamResult> {
  const outputRate = options.sampleRate ?? options.sourceSampleRate;
  const channelCount = pipeChannels(options);
  const outputCount = options.mono === true ? 1 : channelCount;
  const frameBytes = 4 * channelCount;
  const declaredFrames = options.declaredSeconds === null ? null : Math.round(options.declaredSeconds * outputRate);
  const maxFrames = options.maxDurationSeconds === undefined ? Infinity : options.maxDurationSeconds * outputRate;
  // With WebAssembly SIMD, frames are staged and split in a deinterleaver's memory, then each
  // channel is copied out whole (each keeps its own scratch buffer, as the sink expects).
  const deinterleaver =
    outputCount === channelCount ? (wasmFloatDeinterleaver()?.(channelCount, FFMPEG_CHUNK_FRAMES) ?? null) : null;
  const staging = deinterleaver?.staging ?? new Uint8Array(FFMPEG_CHUNK_FRAMES * frameBytes);
  const planar = Array.from({ length: outputCount }, () => new Float32Array(FFMPEG_CHUNK_FRAMES));
  let pending = 0;
  let receivedBytes = 0;
  let delivered = 0;
  let started = false;
  let stderr = "";
  let tooLong = false;
  let sinkFailure: { readonly error: unknown } | null = null;
  let spawnFailed = false;
  let lastReported = 0;

  /** Hands the first `frames` staged frames to the sink. */
  const deliver = (frames: number) => {
    if (!started) {
      started = true;
      sink.start({ sampleRate: outputRate, channelCount: outputCount, expectedFrames: declaredFrames });
    }
    if (deinterleaver === null) deinterleavePcm(staging, "pcm_f32le", channelCount, frames, planar, 0);
    else {
      deinterleaver.run(frames);
      for (let c = 0; c < outputCount; c++) {
        const split = deinterleaver.planar[c]!;
        planar[c]!.set(frames === split.length ? split : split.subarray(0, frames));
      }
    }
    sink.write(planar, frames);
    delivered += frames;
  };
  /** A function, not a property read, because the sink itself may abort. */
  const aborted = () => options.signal?.aborted === true;
  /** Runs a call into the sink, remembering its error so that it rejects unchanged. */
  const toSink = (call: () => void) => {
    try {
      call();
    } catch (error) {
      sinkFailure = { error };
      throw error;
    }
  };

  return new Promise<FfmpegStreamResult>((resolve, reject) => {
    options.signal?.throwIfAborted();
    const child = spawn(options.ffmpeg.path, ffmpegDecodeArguments(path, options), {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const kill = () => child.kill("SIGKILL");
    options.signal?.addEventListener("abort", kill, { once: true });

    child.stdout.on("data", (chunk: Buffer) => {
      if (tooLong || sinkFailure !== null || aborted()) return; // ffmpeg is being killed
      receivedBytes += chunk.length;
      const receivedFrames = Math.floor(receivedBytes / frameBytes);
      if (receivedFrames > maxFrames) {
        tooLong = true;
        kill();
        return;
      }
      for (let position = 0; position < chunk.length; ) {
        const count = Math.min(chunk.length - position, staging.length - pending);
        staging.set(chunk.subarray(position, position + count), pending);
        pending += count;
        position += count;
        if (pending < staging.length) continue;
        pending = 0;
        try {
          toSink(() => deliver(FFMPEG_CHUNK_FRAMES));
        } catch {
          kill();
          return;
        }
        if (aborted()) return; // from inside the sink
      }
      if (options.onProgress !== undefined && declaredFrames !== null && declaredFrames > 0) {
        const fraction = Math.min(1, receivedFrames / declaredFrames);
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
      spawnFailed = true;
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
      if (spawnFailed) return;
      try {
        if (sinkFailure !== null) throw sinkFailure.error;
        if (options.signal?.aborted === true) throw options.signal.reason;
        if (tooLong) {
          throw new TonearmError(
            "TOO_LONG",
            `${displayName(path)}: longer than the ${formatDuration(options.maxDurationSeconds ?? 0)} limit`,
            { path },
          );
        }
        if (exitCode !== 0) throw ffmpegFailure(stderr, exitCode, options.failure);
        const lastFrames = Math.floor(pending / frameBytes);
        if (delivered + lastFrames === 0 && /Invalid data found|Error while decoding/.test(stderr)) {
          throw ffmpegFailure(stderr, 1, options.failure);
        }
        if (lastFrames > 0) toSink(() => deliver(lastFrames));
        checkDecodedLength(path, options.declaredSeconds, delivered, outputRate, options.allowTruncated === true);
        toSink(() => sink.end());
        resolve({ frames: delivered, sampleRate: outputRate });
      } catch (error) {
        reject(
          sinkFailure === null && error instanceof TonearmError && error.cause === undefined && stderr !== ""
            ? new TonearmError(error.code, error.message, { path, cause: new Error(stderrTail(stderr)) })
            : error,
        );
      }
    });
  });
}

/** Decodes `path` with ffmpeg into planar float channels. */
export async function decodeWithFfmpeg(path: string, options: FfmpegDecodeOptions): Promise<AudioSignal> {
  const collector = createAudioCollector();
  await decodeWithFfmpegTo(path, collector, options);
  return collector.finish();
}
