/**
 * Builds a real music library on disk for the library tests: each track is a short tone,
 * written as WAV by tonearm's writer and encoded by ffmpeg into the format its extension
 * names, with the tags given (ffmpeg's -metadata keys: title, artist, album_artist, album,
 * track "3/10", disc "1/2", date, genre, compilation). Ogg Vorbis needs the system ffmpeg
 * (the bundled one has no Vorbis encoder); `oggVorbisEncoder()` finds it or says why not.
 */
import { spawnSync } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { AudioSignal } from "../../core/types.js";
import { bundledFfmpegPath, runFfmpeg } from "../../io/test-helpers/fixtures.js";
import { sineChannels } from "../../io/test-helpers/tones.js";
import { writeWav } from "../../io/wav-writer.js";

export interface TestTrack {
  /** Path under the library root, e.g. "Artist/Album/01 Song.mp3". */
  readonly path: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly seconds?: number;
  /** Tone frequency; different values give different audio (and content hashes). */
  readonly frequency?: number;
  /** Music-like audio instead of the tone (44.1 kHz); its key names it for caching. */
  readonly audio?: { readonly key: string; readonly signal: AudioSignal };
}

const CODEC_ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  mp3: ["-c:a", "libmp3lame", "-b:a", "64k", "-id3v2_version", "3"],
  flac: ["-c:a", "flac"],
  m4a: ["-c:a", "aac", "-b:a", "64k"],
  opus: ["-c:a", "libopus", "-b:a", "48k"],
  ogg: ["-c:a", "libvorbis", "-q:a", "2"],
  wav: ["-c:a", "pcm_s16le"],
  aiff: ["-c:a", "pcm_s16be", "-write_id3v2", "1"],
  wma: ["-c:a", "wmav2", "-b:a", "64k"],
};

/** The system ffmpeg when it can encode Vorbis, else undefined. */
export function oggVorbisEncoder(): string | undefined {
  const probe = spawnSync("ffmpeg", ["-hide_banner", "-encoders"], { encoding: "utf8" });
  return probe.status === 0 && /libvorbis/.test(probe.stdout) ? "ffmpeg" : undefined;
}

export async function buildTestLibrary(root: string, tracks: readonly TestTrack[]): Promise<string[]> {
  const bundled = await bundledFfmpegPath();
  const sources = new Map<string, string>();
  const written: string[] = [];
  await mkdir(join(root, ".sources"), { recursive: true });
  for (const track of tracks) {
    const seconds = track.seconds ?? 1;
    const frequency = track.frequency ?? 440;
    const sourceKey = track.audio?.key ?? `${seconds}-${frequency}`;
    let source = sources.get(sourceKey);
    if (source === undefined) {
      source = join(root, ".sources", `${sourceKey}.wav`);
      await writeWav(source, track.audio?.signal ?? sineChannels([frequency, frequency * 1.5], 44_100, seconds, 0.3));
      sources.set(sourceKey, source);
    }
    const target = join(root, track.path);
    await mkdir(dirname(target), { recursive: true });
    const extension = target.slice(target.lastIndexOf(".") + 1).toLowerCase();
    const codec = CODEC_ARGUMENTS[extension];
    if (codec === undefined) throw new Error(`test library: no encoder for .${extension}`);
    const binary = extension === "ogg" ? (oggVorbisEncoder() ?? bundled) : bundled;
    const metadata = Object.entries(track.tags ?? {}).flatMap(([key, value]) => ["-metadata", `${key}=${value}`]);
    await runFfmpeg(binary, ["-i", source, ...codec, ...metadata, target]);
    written.push(target);
  }
  return written;
}
