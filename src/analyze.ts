/**
 * analyze(): the library's main entry. Decodes a file, streaming it chunk by chunk into
 * the track ingest (so no whole-track signal is held), or takes samples you already have;
 * runs the requested analyses through one shared analysis context and returns the
 * validated report. `import { analyze } from "tonearm"`.
 */
import {
  type AnalyzeAudioOptions,
  analyzeAudio,
  analyzeIngested,
  createIngestFor,
  type ProgressEvent,
} from "./analysis/analyze-audio.js";
import type { Report } from "./analysis/report.js";
import type { SourceDescription } from "./analysis/source-description.js";
import type { AudioSignal } from "./core/types.js";
import { type DecodeOptions, decodeAudioTo } from "./io/decode-audio.js";
import { describeAudioFile } from "./io/describe-audio-file.js";

/**
 * Share of a track's progress bar given to decoding, which streams into the frame passes
 * (the bulk of the work); the analyses on their results take the rest.
 */
const DECODE_PROGRESS_SHARE = 0.8;

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
  // Validate the analyses before spending anything on decoding.
  const { names, ingest } = await createIngestFor(options.analyses);
  try {
    options.onProgress?.({ stage: "decode", fraction: 0 });
    const started = performance.now();
    const decoded = await decodeAudioTo(input, ingest, {
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
    return await analyzeIngested(ingest.result(), source, names, {
      signal: options.signal,
      onProgress: options.onProgress,
      decodeSeconds,
      requestedSampleRate: options.sampleRate ?? null,
      progressOffset: DECODE_PROGRESS_SHARE,
    });
  } finally {
    ingest.dispose();
  }
}
