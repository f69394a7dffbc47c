/**
 * decodeAudio() and decodeAudioTo(): the one way tonearm turns a file into samples.
 * Probes the file (typed errors for missing, unreadable, empty, non-audio files),
 * refuses files over the length limit before decoding, then reads PCM/float WAV in
 * pure TypeScript (resampling with the core's resampler when asked), and everything
 * else (other formats, compressed WAV) through ffmpeg, with libvorbis (WebAssembly) as
 * the fallback for Ogg Vorbis headers ffmpeg rejects. decodeAudioTo streams the track
 * to an AudioSink chunk by chunk; decodeAudio collects it into planar float channels.
 * Both also return the file facts and which decoder produced the samples.
 */

import { TonearmError } from "../analysis/errors.js";
import type { AudioSink } from "../core/audio-sink.js";
import type { AudioSignal } from "../core/types.js";
import { AUDIO_COLLECTOR_DEFAULTS, createAudioCollector, EXACT_LENGTH_HEADROOM } from "./audio-collector.js";
import { displayName } from "./audio-file.js";
import { formatDuration } from "./decoded-length.js";
import { decodeWithFfmpegTo } from "./ffmpeg-decoder.js";
import { type DecoderPreference, type DecoderSource, type FfmpegLocation, locateFfmpeg } from "./locate-ffmpeg.js";
import { isPcmEncoding } from "./pcm-deinterleave.js";
import { type AudioFileInfo, probeAudio } from "./probe-audio.js";
import { decodeVorbisWithWasmTo } from "./vorbis-wasm-decoder.js";
import { readWavTo } from "./wav-reader.js";

export interface DecodeOptions {
  /** Resample to this rate (Hz, integer 1000–768000); default the file's own. */
  readonly sampleRate?: number;
  /** Return one channel, the mean of all channels. */
  readonly mono?: boolean;
  /**
   * With `mono`, through ffmpeg: let ffmpeg mix before it resamples (cheaper; the same mean to
   * Float32 rounding, see FfmpegDecodeOptions.mixInFfmpeg). Ignored by the WAV reader.
   */
  readonly mixInFfmpeg?: boolean;
  /** Refuse longer files with TOO_LONG; default 2 hours. */
  readonly maxDurationSeconds?: number;
  /** Return what a truncated file holds instead of failing with TRUNCATED_AUDIO. */
  readonly allowTruncated?: boolean;
  /** Cancels decoding (the ffmpeg child is killed); the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Which ffmpeg to use; default the TONEARM_DECODER setting, else "auto". */
  readonly decoder?: DecoderPreference;
  /** Use this ffmpeg binary (overrides `decoder`). */
  readonly ffmpegPath?: string;
  /** Called with the fraction decoded, in [0, 1]. */
  readonly onProgress?: (fraction: number) => void;
}

export const DECODE_DEFAULTS = { maxDurationSeconds: 2 * 3600 } as const;

/** Which decoder produced the samples. */
export interface DecoderInfo {
  /** "wav" = tonearm's reader; "libvorbis-wasm" = the fallback for Ogg Vorbis that ffmpeg rejects. */
  readonly name: "wav" | "ffmpeg" | "libvorbis-wasm";
  readonly source?: DecoderSource;
  readonly version?: string;
}

export interface DecodedAudio {
  readonly audio: AudioSignal;
  readonly info: AudioFileInfo;
  readonly decoder: DecoderInfo;
}

function invalid(message: string): TonearmError {
  return new TonearmError("INVALID_OPTION", `decodeAudio: ${message}`);
}

function checkOptions(options: DecodeOptions): number {
  const { sampleRate, maxDurationSeconds = DECODE_DEFAULTS.maxDurationSeconds, decoder } = options;
  if (sampleRate !== undefined && (!Number.isInteger(sampleRate) || sampleRate < 1000 || sampleRate > 768000)) {
    throw invalid(`sampleRate must be an integer from 1000 to 768000 Hz, got ${sampleRate}`);
  }
  if (!(maxDurationSeconds > 0)) throw invalid(`maxDurationSeconds must be positive, got ${maxDurationSeconds}`);
  if (decoder !== undefined && !["auto", "system", "bundled"].includes(decoder)) {
    throw invalid(`decoder must be auto, system or bundled, got "${String(decoder)}"`);
  }
  return maxDurationSeconds;
}

/** What decodeAudioTo resolves with once the sink has had the whole track. */
export interface DecodeStreamResult {
  readonly info: AudioFileInfo;
  readonly decoder: DecoderInfo;
  /** Frames delivered to the sink (at the requested rate, else the file's). */
  readonly frames: number;
}

/** The checked options, the probe, and the decoder choice: everything before decoding. */
interface DecodePlan {
  readonly info: AudioFileInfo;
  readonly maxDurationSeconds: number;
  /** PCM or float WAV/RF64: tonearm's own reader. */
  readonly nativeWav: boolean;
  readonly findFfmpeg: () => Promise<FfmpegLocation>;
}

async function planDecode(path: string, options: DecodeOptions): Promise<DecodePlan> {
  const maxDurationSeconds = checkOptions(options);
  options.signal?.throwIfAborted();
  let ffmpeg: Promise<FfmpegLocation> | undefined;
  const findFfmpeg = () => {
    ffmpeg ??= locateFfmpeg(
      options.ffmpegPath !== undefined
        ? { path: options.ffmpegPath }
        : options.decoder !== undefined
          ? { preference: options.decoder }
          : {},
    );
    return ffmpeg;
  };

  const info = await probeAudio(path, { ffmpeg: findFfmpeg });
  if (info.durationSeconds !== null && info.durationSeconds > maxDurationSeconds) {
    throw new TonearmError(
      "TOO_LONG",
      `${displayName(path)}: ${formatDuration(info.durationSeconds)} long, over the ` +
        `${formatDuration(maxDurationSeconds)} limit (maxDurationSeconds)`,
      { path },
    );
  }
  options.signal?.throwIfAborted();
  const nativeWav = (info.container === "wav" || info.container === "rf64") && isPcmEncoding(info.codec);
  return { info, maxDurationSeconds, nativeWav, findFfmpeg };
}

/** An AudioSink passed through, noting whether anything reached it. */
function watchSink(sink: AudioSink): AudioSink & { readonly started: boolean } {
  let started = false;
  return {
    start(format) {
      started = true;
      sink.start(format);
    },
    write: (channels, length) => sink.write(channels, length),
    end: () => sink.end(),
    get started() {
      return started;
    },
  };
}

async function runDecode(
  path: string,
  plan: DecodePlan,
  sink: AudioSink,
  options: DecodeOptions,
): Promise<DecodeStreamResult> {
  const { info, maxDurationSeconds } = plan;
  const common = {
    mono: options.mono === true,
    allowTruncated: options.allowTruncated === true,
    ...(options.sampleRate === undefined ? {} : { sampleRate: options.sampleRate }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  };

  if (plan.nativeWav) {
    // The WAV reader never reads past the declared length, which the plan checked against the limit.
    const { frames } = await readWavTo(path, sink, common);
    options.onProgress?.(1);
    return { info, decoder: { name: "wav" }, frames };
  }

  const location = await plan.findFfmpeg();
  const watched = watchSink(sink);
  try {
    const { frames } = await decodeWithFfmpegTo(path, watched, {
      ...common,
      ffmpeg: location,
      mixInFfmpeg: options.mixInFfmpeg === true,
      channels: info.channels,
      sourceSampleRate: info.sampleRate,
      declaredSeconds: info.durationSeconds,
      maxDurationSeconds,
      failure: { path, knownFormat: true, formatDescription: info.formatDescription },
    });
    options.onProgress?.(1);
    return { info, decoder: { name: "ffmpeg", source: location.source, version: location.version }, frames };
  } catch (error) {
    // ffmpeg's Ogg demuxer rejects some Vorbis headers that libvorbis accepts. It does so
    // at the header, before any output, so the sink is untouched and libvorbis can start
    // afresh; once chunks have gone out, a restart would repeat them, so ffmpeg's error stands.
    const vorbisRejected = error instanceof TonearmError && error.code === "CORRUPT_AUDIO" && info.codec === "vorbis";
    if (!vorbisRejected || watched.started) throw error;
    let frames: number;
    try {
      ({ frames } = await decodeVorbisWithWasmTo(path, watched, {
        ...common,
        declaredSeconds: info.durationSeconds,
        maxDurationSeconds,
      }));
    } catch (fallbackError) {
      // If libvorbis cannot read it either, ffmpeg's diagnosis stands; a verdict on audio
      // libvorbis did decode (too long, truncated), a cancellation or the sink's own error is the answer.
      const decodedSome =
        watched.started ||
        options.signal?.aborted === true ||
        (fallbackError instanceof TonearmError && fallbackError.code !== "CORRUPT_AUDIO");
      throw decodedSome ? fallbackError : error;
    }
    options.onProgress?.(1);
    return { info, decoder: { name: "libvorbis-wasm" }, frames };
  }
}

/**
 * Decodes the audio file at `path` and delivers it to `sink` in chunks: sink.start() once
 * with the output format, sink.write() for each chunk in order (up to 1 MiB of WAV data or
 * 64 Ki frames from ffmpeg, in reused buffers), sink.end() once on success. The same
 * probing, option checks, typed errors, length limit (TOO_LONG before decoding, and while
 * decoding when the header understates the length), truncation checks, cancellation,
 * progress, decoder choice and Vorbis fallback as decodeAudio, which is this with a sink
 * that keeps everything. On failure the promise rejects and end() is not called; chunks
 * delivered before a failure found while decoding (TOO_LONG, TRUNCATED_AUDIO, a broken
 * stream, an abort) are to be discarded by the sink. Errors thrown by the sink stop the
 * decoding and reject unchanged.
 */
export async function decodeAudioTo(
  path: string,
  sink: AudioSink,
  options: DecodeOptions = {},
): Promise<DecodeStreamResult> {
  return runDecode(path, await planDecode(path, options), sink, options);
}

/** The decoder settings of tonearm's config (which ffmpeg, the longest file accepted). */
export interface DecoderSettings {
  readonly decoder: DecoderPreference;
  readonly ffmpegPath: string | null;
  readonly maxDurationSeconds: number;
}

/**
 * One channel (the mean of all) of the file at `path`, at `sampleRate` (default the file's
 * own), decoded with the config's settings: what pitch tracking and spectrograms read.
 */
export async function decodeMono(
  path: string,
  settings: DecoderSettings,
  sampleRate?: number,
): Promise<{ readonly samples: Float32Array; readonly sampleRate: number; readonly decoderName: string }> {
  const decoded = await decodeAudio(path, {
    mono: true,
    ...(sampleRate === undefined ? {} : { sampleRate }),
    decoder: settings.decoder,
    ffmpegPath: settings.ffmpegPath ?? undefined,
    maxDurationSeconds: settings.maxDurationSeconds,
  });
  return {
    samples: decoded.audio.channels[0] ?? new Float32Array(0),
    sampleRate: decoded.audio.sampleRate,
    decoderName: decoded.decoder.name,
  };
}

/** Decodes the audio file at `path` into planar float channels. */
export async function decodeAudio(path: string, options: DecodeOptions = {}): Promise<DecodedAudio> {
  const plan = await planDecode(path, options);
  // The WAV reader delivers exactly what its header says; ffmpeg's codecs pad and estimates run short.
  const collector = createAudioCollector(plan.nativeWav ? EXACT_LENGTH_HEADROOM : AUDIO_COLLECTOR_DEFAULTS);
  const { info, decoder } = await runDecode(path, plan, collector, options);
  return { audio: collector.finish(), info, decoder };
}
