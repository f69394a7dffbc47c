/**
 * Public API of tonearm's audio input/output: decoding any audio file to planar
 * float samples, whole or streamed chunk by chunk to an AudioSink, probing files,
 * sniffing formats, locating ffmpeg, reading and writing WAV.
 */
export type { AudioSink, AudioStreamFormat } from "../core/audio-sink.js";
export {
  AUDIO_COLLECTOR_DEFAULTS,
  type AudioCollector,
  type AudioCollectorOptions,
  createAudioCollector,
} from "./audio-collector.js";
export type { AudioTags } from "./audio-tags.js";
export {
  DECODE_DEFAULTS,
  type DecodedAudio,
  type DecodeOptions,
  type DecoderInfo,
  type DecodeStreamResult,
  decodeAudio,
  decodeAudioTo,
} from "./decode-audio.js";
export { describeAudioFile } from "./describe-audio-file.js";
export {
  decodeWithFfmpeg,
  decodeWithFfmpegTo,
  FFMPEG_CHUNK_FRAMES,
  type FfmpegDecodeOptions,
  type FfmpegStreamResult,
} from "./ffmpeg-decoder.js";
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
export {
  type ReadWavOptions,
  readWav,
  readWavTo,
  WAV_READ_CHUNK_BYTES,
  type WavReadResult,
  type WavStreamResult,
} from "./wav-reader.js";
export { encodeWav, type WavSampleFormat, type WavWriteOptions, type WavWriteResult, writeWav } from "./wav-writer.js";
