/**
 * Public API of tonearm's audio input/output: decoding any audio file to planar
 * float samples, probing files, sniffing formats, locating ffmpeg, reading and
 * writing WAV.
 */
export type { AudioTags } from "./audio-tags.js";
export {
  DECODE_DEFAULTS,
  type DecodedAudio,
  type DecodeOptions,
  type DecoderInfo,
  decodeAudio,
} from "./decode-audio.js";
export { describeAudioFile } from "./describe-audio-file.js";
export { decodeWithFfmpeg, type FfmpegDecodeOptions } from "./ffmpeg-decoder.js";
export {
  clearFfmpegCache,
  type DecoderPreference,
  type DecoderSource,
  decoderPreference,
  type FfmpegLocation,
  type LocateFfmpegOptions,
  locateFfmpeg,
} from "./locate-ffmpeg.js";
export { type AudioFileInfo, type ProbeAudioOptions, probeAudio } from "./probe-audio.js";
export { type ContainerFormat, type FormatVerdict, sniffFile, sniffFormat } from "./sniff-format.js";
export type { WavHeader } from "./wav-header.js";
export { type ReadWavOptions, readWav, type WavReadResult } from "./wav-reader.js";
export { encodeWav, type WavSampleFormat, type WavWriteOptions, type WavWriteResult, writeWav } from "./wav-writer.js";
