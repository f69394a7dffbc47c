/**
 * The file name extensions a library scan treats as audio: MP3, FLAC, M4A/AAC/ALAC (MP4),
 * Ogg Vorbis, Opus, WAV, AIFF and WMA, plus a few close relatives music-metadata also reads
 * (WavPack, Monkey's Audio, Musepack, Matroska audio). Anything else is not looked at.
 */

const AUDIO_EXTENSIONS: ReadonlySet<string> = new Set([
  "mp3",
  "mp2",
  "flac",
  "m4a",
  "m4b",
  "mp4",
  "aac",
  "alac",
  "ogg",
  "oga",
  "opus",
  "wav",
  "wave",
  "aif",
  "aiff",
  "aifc",
  "wma",
  "asf",
  "wv",
  "ape",
  "mpc",
  "mka",
]);

/** The lower-case extension of a file name without its dot; "" when it has none. */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot <= 0 ? "" : fileName.slice(dot + 1).toLowerCase();
}

export function isAudioFileName(fileName: string): boolean {
  return AUDIO_EXTENSIONS.has(extensionOf(fileName));
}
