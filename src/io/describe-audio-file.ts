/**
 * Turns what the decoder learnt about a file (AudioFileInfo and the decoder used)
 * into the analysis layer's SourceDescription, the "source" section of a report.
 */
import type { SourceDescription } from "../analysis/source-description.js";
import type { DecoderInfo } from "./decode-audio.js";
import type { AudioFileInfo } from "./probe-audio.js";

export function describeAudioFile(info: AudioFileInfo, decoder: DecoderInfo): SourceDescription {
  return {
    origin: "file",
    path: info.path,
    sizeBytes: info.sizeBytes,
    container: info.container,
    codec: info.codec,
    lossless: info.lossless,
    ...(info.durationSeconds === null ? {} : { declaredDurationSeconds: info.durationSeconds }),
    sampleRate: info.sampleRate,
    channels: info.channels,
    ...(info.bitsPerSample === undefined ? {} : { bitsPerSample: info.bitsPerSample }),
    ...(info.bitRate === undefined ? {} : { bitRate: info.bitRate }),
    tags: { ...info.tags },
    decoder: { ...decoder },
  };
}
