/**
 * The probe for WAV and RF64 files, from tonearm's own header parser (wav-header.ts)
 * rather than music-metadata, so that headers that lie about their length and RF64's
 * 64-bit sizes are read the same way the WAV reader will read them. The duration is
 * what the header declares (or, for an unknown size, what the file holds); the WAV
 * reader decides about truncation.
 */
import { open } from "node:fs/promises";
import { TonearmError } from "../analysis/errors.js";
import { fileSystemError } from "./audio-file.js";
import type { PcmEncoding } from "./pcm-deinterleave.js";
import { declaredWavFrames, readWavHeader } from "./wav-header.js";

/** Format facts of a WAV file (AudioFileInfo without path, size, description and tags). */
export interface WavFormatFacts {
  readonly container: "wav" | "rf64";
  readonly codec: string;
  readonly durationSeconds: number;
  readonly sampleRate: number;
  readonly channels: number;
  readonly bitsPerSample: number;
  readonly bitRate: number;
  readonly lossless: boolean;
}

export interface WavProbeResult {
  /** The PCM encoding, or null for compressed WAV (whose duration the header does not give). */
  readonly encoding: PcmEncoding | null;
  readonly codec: string;
  readonly info: WavFormatFacts;
}

/** Reads the header of the WAV file at `path` (`sizeBytes` long). Throws CORRUPT_AUDIO. */
export async function probeWavFile(path: string, sizeBytes: number): Promise<WavProbeResult> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, "r");
    const header = await readWavHeader(handle, sizeBytes, path);
    return {
      encoding: header.encoding,
      codec: header.codec,
      info: {
        container: header.container,
        codec: header.codec,
        durationSeconds: declaredWavFrames(header) / header.sampleRate,
        sampleRate: header.sampleRate,
        channels: header.channels,
        bitsPerSample: header.validBitsPerSample,
        bitRate: header.sampleRate * header.blockAlign * 8,
        lossless: header.encoding !== null,
      },
    };
  } catch (error) {
    throw error instanceof TonearmError ? error : fileSystemError(path, error);
  } finally {
    await handle?.close();
  }
}
