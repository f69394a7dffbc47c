/**
 * analyze(): the library's main entry. Decodes a file (or takes samples you already
 * have), runs the requested analyses through one shared analysis context and returns
 * the validated report. `import { analyze } from "tonearm"`.
 */
import { type AnalyzeAudioOptions, analyzeAudio, type ProgressEvent } from "./analysis/analyze-audio.js";
import type { Report } from "./analysis/report.js";
import type { SourceDescription } from "./analysis/source-description.js";
import type { AudioSignal } from "./core/types.js";
import { type DecodeOptions, decodeAudio } from "./io/decode-audio.js";
import { describeAudioFile } from "./io/describe-audio-file.js";

/** Share of a track's progress bar given to decoding. */
const DECODE_PROGRESS_SHARE = 0.3;

export interface AnalyzeOptions extends Pick<AnalyzeAudioOptions, "analyses" | "signal"> {
  /** Decode at this sample rate (Hz); default each file's own. */
  readonly sampleRate?: number;
  /** Refuse files longer than this (TOO_LONG); default 2 hours. */
  readonly maxDurationSeconds?: number;
  /** Analyse what a truncated file holds instead of failing with TRUNCATED_AUDIO. */
  readonly allowTruncated?: boolean;
  /** Which ffmpeg decodes non-WAV files. */
  readonly decoder?: DecodeOptions["decoder"];
  /** Explicit ffmpeg binary (overrides `decoder`). */
  readonly ffmpegPath?: string;
  readonly onProgress?: (event: ProgressEvent) => void;
}

/** Analyse a file by path, or samples already in memory. */
export async function analyze(input: string | AudioSignal, options: AnalyzeOptions = {}): Promise<Report> {
  if (typeof input !== "string") {
    return analyzeAudio(
      input,
      { origin: "signal" },
      { analyses: options.analyses, signal: options.signal, onProgress: options.onProgress },
    );
  }
  options.onProgress?.({ stage: "decode", fraction: 0 });
  const started = performance.now();
  const decoded = await decodeAudio(input, {
    sampleRate: options.sampleRate,
    maxDurationSeconds: options.maxDurationSeconds,
    allowTruncated: options.allowTruncated,
    decoder: options.decoder,
    ffmpegPath: options.ffmpegPath,
    signal: options.signal,
    onProgress: (fraction) => options.onProgress?.({ stage: "decode", fraction: fraction * DECODE_PROGRESS_SHARE }),
  });
  const decodeSeconds = (performance.now() - started) / 1000;
  const source: SourceDescription = describeAudioFile(decoded.info, decoded.decoder);
  return analyzeAudio(decoded.audio, source, {
    analyses: options.analyses,
    signal: options.signal,
    onProgress: options.onProgress,
    decodeSeconds,
    requestedSampleRate: options.sampleRate ?? null,
    progressOffset: DECODE_PROGRESS_SHARE,
  });
}
