/**
 * Reads a file's format from ffmpeg's own report (`ffmpeg -hide_banner -i FILE`, which
 * prints the input description on stderr and exits): container from the
 * "Input #0, <demuxer>" line, duration from "Duration:", and the first audio stream's
 * codec, sample rate, channel layout, sample format and bit rate from its
 * "Stream #0:N: Audio:" line. Used when music-metadata cannot read a format that
 * ffmpeg can (CAF, ADTS durations, WMA sample rates, …).
 */
import { spawn } from "node:child_process";
import { TonearmError } from "../analysis/errors.js";
import { type FfmpegFailureContext, ffmpegFailure } from "./ffmpeg-errors.js";
import type { FfmpegLocation } from "./locate-ffmpeg.js";

/** The first audio stream as ffmpeg describes it. */
export interface FfmpegAudioStream {
  /** ffmpeg's codec name: "mp3", "aac", "pcm_s16le", "flac", … */
  readonly codec: string;
  readonly sampleRate: number;
  readonly channels: number;
  /** Bits per sample of lossless/PCM audio (from the sample format or codec name). */
  readonly bitsPerSample?: number;
  /** Bits per second. */
  readonly bitRate?: number;
}

/** What `ffmpeg -i` says about an input. */
export interface FfmpegInputReport {
  /** First name of the demuxer, e.g. "mov" for "mov,mp4,m4a,3gp,3g2,mj2". */
  readonly container: string | null;
  /** Null when ffmpeg prints "Duration: N/A". */
  readonly durationSeconds: number | null;
  /** Container-level bits per second. */
  readonly bitRate?: number;
  readonly audio: FfmpegAudioStream | null;
}

const LAYOUT_CHANNELS: Record<string, number> = {
  mono: 1,
  stereo: 2,
  "2.1": 3,
  "3.0": 3,
  "3.0(back)": 3,
  "3.1": 4,
  "4.0": 4,
  quad: 4,
  "quad(side)": 4,
  "4.1": 5,
  "5.0": 5,
  "5.0(side)": 5,
  "5.1": 6,
  "5.1(side)": 6,
  "6.0": 6,
  "6.0(front)": 6,
  hexagonal: 6,
  "6.1": 7,
  "6.1(back)": 7,
  "6.1(front)": 7,
  "7.0": 7,
  "7.0(front)": 7,
  "7.1": 8,
  "7.1(wide)": 8,
  "7.1(wide-side)": 8,
  octagonal: 8,
  downmix: 2,
};

const SAMPLE_FORMAT_BITS: Record<string, number> = { u8: 8, s16: 16, s32: 32, s64: 64, flt: 32, dbl: 64 };

function parseChannels(fields: readonly string[]): number | null {
  for (const field of fields) {
    const count = /^(\d+) channels/.exec(field);
    if (count !== null) return Number(count[1]);
    const known = LAYOUT_CHANNELS[field.replace(/\s.*$/, "")];
    if (known !== undefined) return known;
  }
  return null;
}

function parseBits(codec: string, fields: readonly string[]): number | undefined {
  const fromCodec = /^pcm_[suf](\d+)/.exec(codec);
  if (fromCodec !== null) return Number(fromCodec[1]);
  for (const field of fields) {
    const format = /^(u8|s16|s32|s64|flt|dbl)p?(?:\s*\((\d+) bit\))?$/.exec(field);
    if (format !== null) return format[2] !== undefined ? Number(format[2]) : SAMPLE_FORMAT_BITS[format[1]!];
  }
  return undefined;
}

/** Parses the stderr of `ffmpeg -i FILE`. Returns audio: null when no audio stream is listed. */
export function parseFfmpegInputReport(stderr: string): FfmpegInputReport {
  const container = /^Input #0, ([^,\s]+)/m.exec(stderr)?.[1] ?? null;
  const duration = /Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(stderr);
  const durationSeconds =
    duration === null ? null : Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]);
  const containerRate = /Duration: [^\n]*bitrate: (\d+) kb\/s/.exec(stderr);
  const streamLine = /Stream #0:\d+[^:\n]*: Audio: ([^\n]*)/.exec(stderr)?.[1];
  let audio: FfmpegAudioStream | null = null;
  if (streamLine !== undefined) {
    // "aac (LC) (mp4a / 0x6134706D), 44100 Hz, stereo, fltp, 127 kb/s (default)"
    const fields = streamLine.split(/,\s*(?![^()]*\))/).map((field) => field.trim());
    const codec = (fields[0] ?? "").split(/\s/)[0] ?? "";
    const rateField = fields.find((field) => /^\d+ Hz$/.test(field));
    const bitRateField = fields.map((field) => /^(\d+) kb\/s/.exec(field)).find((match) => match !== null);
    const bitsPerSample = parseBits(codec, fields);
    const bitRate = bitRateField?.[1] === undefined ? undefined : Number(bitRateField[1]) * 1000;
    audio = {
      codec,
      sampleRate: rateField === undefined ? 0 : Number.parseInt(rateField, 10),
      channels: parseChannels(fields) ?? 0,
      ...(bitsPerSample === undefined ? {} : { bitsPerSample }),
      ...(bitRate === undefined ? {} : { bitRate }),
    };
  }
  const report = { container, durationSeconds, audio };
  return containerRate === null ? report : { ...report, bitRate: Number(containerRate[1]) * 1000 };
}

/** Runs `ffmpeg -hide_banner -i FILE` and collects its stderr (bounded to 256 KiB). */
function runInputReport(ffmpeg: FfmpegLocation, path: string): Promise<{ stderr: string; exitCode: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg.path, ["-nostdin", "-hide_banner", "-i", path], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => {
      if (stderr.length < 256 * 1024) stderr += text;
    });
    child.on("error", (error) => {
      const message = `ffmpeg at ${ffmpeg.path} cannot be started (${error.message}); install ffmpeg or set TONEARM_FFMPEG`;
      reject(new TonearmError("DECODER_MISSING", message, { path, cause: error }));
    });
    child.on("close", (exitCode) => resolve({ stderr, exitCode }));
  });
}

/**
 * Asks ffmpeg to describe `path`. Throws the mapped TonearmError when ffmpeg cannot
 * open it (CORRUPT_AUDIO / UNSUPPORTED_FORMAT, FILE_NOT_FOUND…) and NO_AUDIO_STREAM
 * when it opens but lists no audio stream.
 */
export async function probeWithFfmpeg(
  ffmpeg: FfmpegLocation,
  context: FfmpegFailureContext,
): Promise<FfmpegInputReport & { readonly audio: FfmpegAudioStream }> {
  const { stderr, exitCode } = await runInputReport(ffmpeg, context.path);
  const report = parseFfmpegInputReport(stderr);
  if (report.container === null) throw ffmpegFailure(stderr, exitCode, context);
  if (report.audio === null) throw ffmpegFailure("Output file #0 does not contain any stream", exitCode, context);
  return { ...report, audio: report.audio };
}
