/**
 * Where the rendered evaluation corpus lives and which songs a split holds.
 * Order of precedence: `--corpus DIR`, then $TONEARM_CORPUS, then $HOME/tonearm-corpus.
 * A split folder holds `truth/<id>.json` and `audio/<id>.wav` (../shared/corpus/README.md).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, extname, join, resolve } from "node:path";

/** The one-line instruction printed when the corpus has not been rendered. */
export const RENDER_INSTRUCTION =
  "run ../shared/corpus/render.sh (about 10 minutes; renders into $HOME/tonearm-corpus), or pass --corpus DIR / set TONEARM_CORPUS";

export interface CorpusSplit {
  /** The corpus root (holds dev/, dev-long/, loudness/). */
  readonly root: string;
  readonly split: string;
  /** root/split */
  readonly directory: string;
  readonly truthDirectory: string;
  readonly audioDirectory: string;
}

/** Resolve the corpus root from the flag, the environment and the home folder, in that order. */
export function resolveCorpusRoot(
  flag: string | undefined,
  environment: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (flag !== undefined && flag !== "") return resolve(flag);
  const fromEnvironment = environment.TONEARM_CORPUS;
  if (fromEnvironment !== undefined && fromEnvironment !== "") return resolve(fromEnvironment);
  return join(home, "tonearm-corpus");
}

export function corpusSplit(root: string, split: string): CorpusSplit {
  const directory = join(root, split);
  return {
    root,
    split,
    directory,
    truthDirectory: join(directory, "truth"),
    audioDirectory: join(directory, "audio"),
  };
}

/** True when the split has at least one truth file and one audio file. */
export function isRendered(location: CorpusSplit): boolean {
  return (
    countFiles(location.truthDirectory, (name) => name.endsWith(".json")) > 0 &&
    countFiles(location.audioDirectory, (name) => !name.startsWith(".")) > 0
  );
}

/** Audio file of a song id, by the usual extensions; undefined when none exists. */
export function audioFileFor(location: CorpusSplit, songId: string): string | undefined {
  for (const extension of AUDIO_EXTENSIONS) {
    const path = join(location.audioDirectory, `${songId}${extension}`);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** File extensions treated as audio by --predict-only. */
export const AUDIO_EXTENSIONS: readonly string[] = [
  ".wav",
  ".flac",
  ".mp3",
  ".ogg",
  ".oga",
  ".opus",
  ".m4a",
  ".aac",
  ".aif",
  ".aiff",
  ".wma",
  ".webm",
];

/** Audio files directly inside `directory`, sorted by name. */
export function listAudioFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => AUDIO_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext)))
    .filter((entry) => entry.isFile() || (entry.isSymbolicLink() && linksToFile(join(directory, entry.name))))
    .map((entry) => join(directory, entry.name))
    .sort();
}

/** Whether a symbolic link resolves to a regular file (a folder of links to a music library); false when dangling. */
function linksToFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Prediction file name of each audio file: its name without the extension, or with the
 * extension kept ("song.flac.json") when several files share that name.
 */
export function predictionNames(audioPaths: readonly string[]): string[] {
  const stems = audioPaths.map((path) => basename(path, extname(path)));
  const counts = new Map<string, number>();
  for (const stem of stems) counts.set(stem, (counts.get(stem) ?? 0) + 1);
  return audioPaths.map((path, index) => `${counts.get(stems[index]!)! > 1 ? basename(path) : stems[index]}.json`);
}

function countFiles(directory: string, accept: (name: string) => boolean): number {
  if (!existsSync(directory)) return 0;
  return readdirSync(directory).filter(accept).length;
}
