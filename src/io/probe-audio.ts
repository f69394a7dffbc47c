/**
 * Describes an audio file without decoding it: size, container, codec, duration,
 * sample rate, channels, bit depth, bit rate, losslessness and tags. Checks the path
 * first (FILE_NOT_FOUND, FILE_NOT_READABLE, EMPTY_FILE), sniffs the magic numbers
 * (text and other non-audio files are UNSUPPORTED_FORMAT with a message that says
 * what the file looks like), reads WAV headers itself, everything else with
 * music-metadata, and asks ffmpeg (`ffmpeg -i`) for whatever music-metadata could
 * not tell (CAF, raw AAC durations, WMA sample rates, unknown containers).
 */
import { type IAudioMetadata, type IFormat, parseFile } from "music-metadata";
import { TonearmError } from "../analysis/errors.js";
import { checkAudioFile, displayName, fileSystemError } from "./audio-file.js";
import { type AudioTags, tagsFromMetadata } from "./audio-tags.js";
import { probeWithFfmpeg } from "./ffmpeg-probe.js";
import { type FfmpegLocation, locateFfmpeg } from "./locate-ffmpeg.js";
import { codecFromMetadata, isLosslessCodec } from "./metadata-codec.js";
import { type FormatVerdict, sniffFile } from "./sniff-format.js";
import { probeWavFile } from "./wav-probe.js";

/** What a file is, as far as its headers tell. */
export interface AudioFileInfo {
  readonly path: string;
  readonly sizeBytes: number;
  /** Container: "wav", "rf64", "mp3", "flac", "ogg", "mp4", "aiff", "matroska", … */
  readonly container: string;
  /** ffmpeg-style codec name: "pcm_s16le", "mp3", "flac", "vorbis", "opus", "aac", "alac", … */
  readonly codec: string;
  /** For messages: "MP3", "Ogg Opus", "WAV", "FLAC". */
  readonly formatDescription: string;
  /** Duration the file declares; null when neither its headers nor ffmpeg know it. */
  readonly durationSeconds: number | null;
  readonly sampleRate: number;
  readonly channels: number;
  /** Bits per sample of PCM and lossless audio. */
  readonly bitsPerSample?: number;
  /** Average bit rate, bits per second. */
  readonly bitRate?: number;
  readonly lossless: boolean;
  readonly tags: AudioTags;
}

export interface ProbeAudioOptions {
  /** Supplies the ffmpeg to fall back on; called only when needed. Default: locateFfmpeg(). */
  readonly ffmpeg?: () => Promise<FfmpegLocation>;
}

/** Throws UNSUPPORTED_FORMAT for text and known non-audio files. */
export function rejectNonAudio(path: string, verdict: FormatVerdict): void {
  if (verdict.kind === "text" || verdict.kind === "other") {
    throw new TonearmError(
      "UNSUPPORTED_FORMAT",
      `${displayName(path)}: not an audio file (it looks like ${verdict.description})`,
      { path },
    );
  }
}

async function readMetadata(path: string, measureDuration = false): Promise<IAudioMetadata | null> {
  try {
    return await parseFile(path, { skipCovers: true, duration: measureDuration });
  } catch {
    return null; // unknown or damaged for music-metadata: ffmpeg gets a say
  }
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
}

function metadataDuration(format: IFormat | undefined): number | undefined {
  if (format === undefined) return undefined;
  const samples = positive(format.numberOfSamples);
  const rate = positive(format.sampleRate);
  return positive(format.duration) ?? (samples !== undefined && rate !== undefined ? samples / rate : undefined);
}

/** Reads what `path` is. Throws typed TonearmErrors for files that are not usable audio. */
export async function probeAudio(path: string, options: ProbeAudioOptions = {}): Promise<AudioFileInfo> {
  const sizeBytes = await checkAudioFile(path);
  let verdict: FormatVerdict;
  try {
    verdict = await sniffFile(path);
  } catch (error) {
    throw fileSystemError(path, error);
  }
  rejectNonAudio(path, verdict);
  const known = verdict.kind === "audio" ? verdict : null;
  const metadata = await readMetadata(path);
  const tags = metadata === null ? {} : tagsFromMetadata(metadata.common);
  const base = { path, sizeBytes, formatDescription: verdict.description, tags };

  let wavCodec: string | undefined;
  if (known?.container === "wav" || known?.container === "rf64") {
    const wav = await probeWavFile(path, sizeBytes);
    if (wav.encoding !== null) return { ...base, ...wav.info };
    wavCodec = wav.codec; // compressed WAV: duration from music-metadata or ffmpeg
  }

  const format = metadata?.format;
  const durationSeconds = metadataDuration(format);
  const sampleRate = positive(format?.sampleRate);
  const channels = positive(format?.numberOfChannels);
  const container = known?.container ?? format?.container?.split("/")[0]?.toLowerCase() ?? "unknown";
  const mmCodec = codecFromMetadata(format?.codec, container, format?.bitsPerSample);
  const bitsPerSample = positive(format?.bitsPerSample);
  const bitRate = positive(format?.bitrate);
  if (sampleRate !== undefined && channels !== undefined && durationSeconds !== undefined && mmCodec !== undefined) {
    const codec = wavCodec ?? mmCodec;
    return {
      ...base,
      container,
      codec,
      durationSeconds,
      sampleRate,
      channels,
      ...(bitsPerSample === undefined || !isLosslessCodec(codec) ? {} : { bitsPerSample }),
      ...(bitRate === undefined ? {} : { bitRate: Math.round(bitRate) }),
      lossless: isLosslessCodec(codec),
    };
  }

  const ffmpeg = await (options.ffmpeg ?? (() => locateFfmpeg()))();
  let report: Awaited<ReturnType<typeof probeWithFfmpeg>>;
  try {
    report = await probeWithFfmpeg(ffmpeg, {
      path,
      knownFormat: known !== null,
      formatDescription: verdict.description,
    });
  } catch (error) {
    // ffmpeg refuses some files other decoders read (Ogg Vorbis headers libvorbis accepts);
    // when music-metadata knew all but the duration, let it measure that instead.
    if (!(error instanceof TonearmError && error.code === "CORRUPT_AUDIO")) throw error;
    if (sampleRate === undefined || channels === undefined || mmCodec === undefined) throw error;
    const measured = metadataDuration((await readMetadata(path, true))?.format);
    if (measured === undefined) throw error;
    const codec = wavCodec ?? mmCodec;
    return {
      ...base,
      container,
      codec,
      durationSeconds: measured,
      sampleRate,
      channels,
      ...(bitsPerSample === undefined || !isLosslessCodec(codec) ? {} : { bitsPerSample }),
      ...(bitRate === undefined ? {} : { bitRate: Math.round(bitRate) }),
      lossless: isLosslessCodec(codec),
    };
  }
  const codec = wavCodec ?? report.audio.codec;
  const finalRate = sampleRate ?? positive(report.audio.sampleRate);
  const finalChannels = channels ?? positive(report.audio.channels);
  if ((finalRate === undefined || finalChannels === undefined) && known === null) {
    // ffmpeg guesses from the extension too: random bytes named .flac "are" FLAC with no
    // channels. Content we did not recognise and ffmpeg could not describe is not audio.
    throw new TonearmError(
      "UNSUPPORTED_FORMAT",
      `${displayName(path)}: not a format tonearm can read (${verdict.description})`,
      { path },
    );
  }
  if (finalRate === undefined || finalChannels === undefined) {
    throw new TonearmError(
      "CORRUPT_AUDIO",
      `${displayName(path)}: its audio stream declares no sample rate or channel count`,
      { path },
    );
  }
  const bits = bitsPerSample ?? report.audio.bitsPerSample;
  const rate = bitRate ?? report.audio.bitRate ?? report.bitRate;
  return {
    ...base,
    container: known?.container ?? report.container ?? container,
    codec,
    durationSeconds: durationSeconds ?? report.durationSeconds,
    sampleRate: finalRate,
    channels: finalChannels,
    ...(bits === undefined || !isLosslessCodec(codec) ? {} : { bitsPerSample: bits }),
    ...(rate === undefined ? {} : { bitRate: Math.round(rate) }),
    lossless: isLosslessCodec(codec),
  };
}
