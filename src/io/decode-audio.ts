/**
 * decodeAudio(): the one way tonearm turns a file into samples. Probes the file
 * (typed errors for missing, unreadable, empty, non-audio files), refuses files over
 * the length limit before decoding, then reads PCM/float WAV in pure TypeScript
 * when no resampling is needed, and everything else (other formats, compressed WAV,
 * resampling) through ffmpeg, streamed. Returns planar float channels, the file
 * facts and which decoder produced them.
 */

import { TonearmError } from "../analysis/errors.js";
import type { AudioSignal } from "../core/types.js";
import { displayName } from "./audio-file.js";
import { formatDuration } from "./decoded-length.js";
import { decodeWithFfmpeg } from "./ffmpeg-decoder.js";
import { type DecoderPreference, type DecoderSource, type FfmpegLocation, locateFfmpeg } from "./locate-ffmpeg.js";
import { isPcmEncoding } from "./pcm-deinterleave.js";
import { type AudioFileInfo, probeAudio } from "./probe-audio.js";
import { decodeVorbisWithWasm } from "./vorbis-wasm-decoder.js";
import { readWav } from "./wav-reader.js";

export interface DecodeOptions {
  /** Resample to this rate (Hz, integer 1000–768000); default the file's own. */
  readonly sampleRate?: number;
  /** Return one channel, the mean of all channels. */
  readonly mono?: boolean;
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

/** Decodes the audio file at `path` into planar float channels. */
export async function decodeAudio(path: string, options: DecodeOptions = {}): Promise<DecodedAudio> {
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
  const common = {
    mono: options.mono === true,
    allowTruncated: options.allowTruncated === true,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  };

  const nativeWav = (info.container === "wav" || info.container === "rf64") && isPcmEncoding(info.codec);
  if (nativeWav) {
    const { audio } = await readWav(path, {
      ...common,
      ...(options.sampleRate === undefined ? {} : { sampleRate: options.sampleRate }),
    });
    options.onProgress?.(1);
    return { audio, info, decoder: { name: "wav" } };
  }

  const location = await findFfmpeg();
  let audio: AudioSignal;
  try {
    audio = await decodeWithFfmpeg(path, {
      ...common,
      ffmpeg: location,
      channels: info.channels,
      sourceSampleRate: info.sampleRate,
      ...(options.sampleRate === undefined ? {} : { sampleRate: options.sampleRate }),
      declaredSeconds: info.durationSeconds,
      maxDurationSeconds,
      failure: { path, knownFormat: true, formatDescription: info.formatDescription },
    });
  } catch (error) {
    // ffmpeg's Ogg demuxer rejects some Vorbis headers that libvorbis accepts.
    if (!(error instanceof TonearmError && error.code === "CORRUPT_AUDIO" && info.codec === "vorbis")) throw error;
    try {
      audio = await decodeVorbisWithWasm(path, {
        ...common,
        ...(options.sampleRate === undefined ? {} : { sampleRate: options.sampleRate }),
        declaredSeconds: info.durationSeconds,
        maxDurationSeconds,
      });
    } catch {
      throw error;
    }
    options.onProgress?.(1);
    return { audio, info, decoder: { name: "libvorbis-wasm" } };
  }
  options.onProgress?.(1);
  return { audio, info, decoder: { name: "ffmpeg", source: location.source, version: location.version } };
}
