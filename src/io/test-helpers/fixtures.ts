/**
 * Temporary fixture files for the io tests: a fresh directory in os.tmpdir() per
 * test file, WAVs written by tonearm's own writer, other formats encoded from them
 * with the bundled ffmpeg (always present), and a probe for a working system ffmpeg
 * so system-path tests can be skipped with a reason when there is none.
 */
import { execFile, spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import type { AudioSignal } from "../../core/types.js";
import { locateFfmpeg } from "../locate-ffmpeg.js";
import { writeWav } from "../wav-writer.js";

export interface FixtureDir {
  readonly dir: string;
  file(name: string): string;
  remove(): Promise<void>;
}

export async function createFixtureDir(prefix: string): Promise<FixtureDir> {
  const dir = await mkdtemp(join(tmpdir(), `tonearm-${prefix}-`));
  return { dir, file: (name) => join(dir, name), remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs an ffmpeg binary with `args` (quiet, overwrite) and resolves when it succeeds. */
export function runFfmpeg(binary: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(binary, ["-hide_banner", "-nostdin", "-v", "error", "-y", ...args], (error, _stdout, stderr) => {
      if (error === null) resolve();
      else reject(new Error(`ffmpeg ${args.join(" ")} failed: ${stderr}`));
    });
  });
}

/** Path of the bundled ffmpeg (the fixtures' encoder). */
export async function bundledFfmpegPath(): Promise<string> {
  return (await locateFfmpeg({ preference: "bundled" })).path;
}

/** Writes `signal` as 16-bit WAV `name` and encodes it with ffmpeg to `output` using `codecArgs`. */
export async function encodeFixture(
  fixtures: FixtureDir,
  signal: AudioSignal,
  output: string,
  codecArgs: readonly string[],
): Promise<string> {
  const source = fixtures.file(`${output}.source.wav`);
  await writeWav(source, signal, { format: "pcm16" });
  const target = fixtures.file(output);
  await runFfmpeg(await bundledFfmpegPath(), ["-i", source, ...codecArgs, target]);
  await rm(source);
  return target;
}

/** Why system-ffmpeg tests are skipped, or null when a working `ffmpeg` is on PATH. */
export function systemFfmpegSkipReason(): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, "ffmpeg");
    try {
      accessSync(candidate, constants.X_OK);
    } catch {
      continue;
    }
    const run = spawnSync(candidate, ["-hide_banner", "-version"], { timeout: 10_000 });
    return run.status === 0 ? null : `skipped: the ffmpeg at ${candidate} does not run`;
  }
  return "skipped: no ffmpeg on PATH (install Debian's ffmpeg to run it)";
}

/** True when the tests run as root, for whom chmod 000 does not block reading. */
export function runningAsRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** ffmpeg output options for each fixture format, keyed by file name. */
export const FIXTURE_ENCODINGS: Readonly<Record<string, readonly string[]>> = {
  "tones.mp3": ["-c:a", "libmp3lame", "-b:a", "192k"],
  "tones.flac": ["-c:a", "flac"],
  "tones.ogg": ["-c:a", "libvorbis", "-q:a", "6"],
  "tones.opus": ["-c:a", "libopus", "-b:a", "160k"],
  "tones.m4a": ["-c:a", "aac", "-b:a", "192k"],
  "tones.aiff": ["-c:a", "pcm_s16be"],
  "tones.aifc": ["-c:a", "pcm_f32be", "-f", "aiff"],
  "tones.caf": ["-c:a", "pcm_s24le"],
  "tones.wma": ["-c:a", "wmav2", "-b:a", "192k"],
  "tones.aac": ["-c:a", "aac", "-b:a", "192k", "-f", "adts"],
  "tones.wv": ["-c:a", "wavpack"],
  "tones.webm": ["-c:a", "libopus", "-b:a", "160k"],
  "adpcm.wav": ["-c:a", "adpcm_ms"],
  "mulaw.wav": ["-c:a", "pcm_mulaw"],
};

/** Encodes `signal` once to a WAV, then to each of `names` (keys of FIXTURE_ENCODINGS). Returns name → path. */
export async function encodeFixtures(
  fixtures: FixtureDir,
  signal: AudioSignal,
  names: readonly string[],
  extraArgs: readonly string[] = [],
): Promise<Record<string, string>> {
  const source = fixtures.file(`source-${signal.sampleRate}.wav`);
  await writeWav(source, signal, { format: "pcm16" });
  const ffmpeg = await bundledFfmpegPath();
  const paths: Record<string, string> = {};
  await Promise.all(
    names.map(async (name) => {
      const options = FIXTURE_ENCODINGS[name];
      if (options === undefined) throw new Error(`no fixture encoding for ${name}`);
      paths[name] = fixtures.file(name);
      await runFfmpeg(ffmpeg, ["-i", source, ...extraArgs, ...options, paths[name]]);
    }),
  );
  return paths;
}
