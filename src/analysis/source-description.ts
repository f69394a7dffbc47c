/**
 * What the analysis layer knows of where a signal came from: the file facts a decoder
 * probed. Decoders (src/io) fill it in; a signal handed in directly has only `origin`.
 */
import type { Tags } from "./report.js";

export type { Tags as SourceTags };

export interface SourceDescription {
  /** "file" for decoded files, "signal" for samples handed in by a caller. */
  readonly origin: "file" | "signal";
  readonly path?: string;
  readonly sizeBytes?: number;
  /** Container format, e.g. "mp3", "flac", "wav", "mp4", "ogg". */
  readonly container?: string;
  /** Codec, e.g. "mp3", "flac", "pcm_s16le", "aac", "vorbis", "opus". */
  readonly codec?: string;
  readonly lossless?: boolean;
  /** Duration the file declares (its header or a probe), seconds. */
  readonly declaredDurationSeconds?: number;
  /** Sample rate and channel count of the file itself (before any resampling). */
  readonly sampleRate?: number;
  readonly channels?: number;
  readonly bitsPerSample?: number;
  /** Average bit rate, bits per second. */
  readonly bitRate?: number;
  readonly tags?: Tags;
  /** Which decoder produced the samples. */
  readonly decoder?: { readonly name: string; readonly source?: string; readonly version?: string };
}
