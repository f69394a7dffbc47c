/**
 * Turns what ffmpeg prints on stderr when it fails into typed TonearmErrors with
 * one-line messages that name the file. The patterns are ffmpeg's own messages
 * (libavformat/libavcodec error strings, ffmpeg CLI stream-mapping errors), stable
 * across the 4.x–7.x versions we run.
 */
import { TonearmError } from "../analysis/errors.js";
import { displayName } from "./audio-file.js";

/** What the caller knows about the file, to word the error. */
export interface FfmpegFailureContext {
  readonly path: string;
  /** The sniffer recognised an audio format (so unreadable data means corruption, not an unknown format). */
  readonly knownFormat: boolean;
  /** The sniffer's description, e.g. "MP3" or "unrecognised binary data". */
  readonly formatDescription: string;
}

/** Keeps only the last `maxChars` of ffmpeg's stderr. */
export function stderrTail(stderr: string, maxChars = 600): string {
  const trimmed = stderr.trim();
  return trimmed.length <= maxChars ? trimmed : `…${trimmed.slice(trimmed.length - maxChars)}`;
}

/** The most informative line of stderr, for one-line messages. */
export function lastMeaningfulLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.replace(/^\[[^\]]+\]\s*/, "").trim())
    .filter((line) => line !== "" && !line.startsWith("To ignore this"));
  return lines[lines.length - 1] ?? "";
}

const NO_AUDIO_PATTERNS = [
  /Stream map '0:a:0' matches no streams/,
  /Output file #0 does not contain any stream/,
  /does not contain any stream/,
];

/** True when ffmpeg said the input has no audio stream. */
export function saysNoAudioStream(stderr: string): boolean {
  return NO_AUDIO_PATTERNS.some((pattern) => pattern.test(stderr));
}

/**
 * Maps a failed ffmpeg run (non-zero exit, or a run that produced nothing) to a
 * TonearmError: CORRUPT_AUDIO or UNSUPPORTED_FORMAT for unreadable data,
 * NO_AUDIO_STREAM, FILE_NOT_FOUND, FILE_NOT_READABLE, else DECODER_FAILED with the
 * tail of stderr.
 */
export function ffmpegFailure(stderr: string, exitCode: number | null, context: FfmpegFailureContext): TonearmError {
  const name = displayName(context.path);
  const details = { path: context.path, cause: new Error(stderrTail(stderr)) };
  if (saysNoAudioStream(stderr)) {
    return new TonearmError("NO_AUDIO_STREAM", `${name}: the file has no audio stream`, details);
  }
  if (/No such file or directory/.test(stderr)) {
    return new TonearmError("FILE_NOT_FOUND", `${name}: no such file`, details);
  }
  if (/Permission denied/.test(stderr)) {
    return new TonearmError("FILE_NOT_READABLE", `${name}: permission denied (cannot read the file)`, details);
  }
  if (!context.knownFormat && exitCode !== null) {
    // Content our sniffer did not recognise that ffmpeg cannot read either (it may still
    // have guessed a format from the extension, "misdetection possible", then hit the end).
    return new TonearmError(
      "UNSUPPORTED_FORMAT",
      `${name}: not a format tonearm can read (${context.formatDescription})`,
      details,
    );
  }
  const unreadable = /Invalid data found when processing input|could not find codec parameters/i;
  if (unreadable.test(stderr) || stderr.includes(`${context.path}: Invalid argument`)) {
    if (context.knownFormat) {
      return new TonearmError(
        "CORRUPT_AUDIO",
        `${name}: the ${context.formatDescription} data is damaged and cannot be decoded`,
        details,
      );
    }
    return new TonearmError(
      "UNSUPPORTED_FORMAT",
      `${name}: not a format tonearm can read (${context.formatDescription})`,
      details,
    );
  }
  if (/Decoder \(codec [^)]*\) not found|Unknown decoder|unsupported codec/i.test(stderr)) {
    return new TonearmError(
      "UNSUPPORTED_FORMAT",
      `${name}: its audio codec is not supported by this ffmpeg (${lastMeaningfulLine(stderr)})`,
      details,
    );
  }
  const status = exitCode === null ? "was killed" : `exited with status ${exitCode}`;
  const line = lastMeaningfulLine(stderr);
  return new TonearmError("DECODER_FAILED", `${name}: ffmpeg ${status}${line === "" ? "" : ` (${line})`}`, details);
}
