/**
 * File names for `--out DIR`: `<input name without extension>.json`, made safe for any
 * file system (no separators, control characters or reserved names) and unique within
 * one run (`song.json`, `song-2.json` for a second "song.*" from another folder).
 * `tonearm drums` names its several files per input from the same unique stems.
 */
import { basename, extname } from "node:path";

// Control characters are exactly what must go, so this regex means to match them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: see above
const UNSAFE = /[\u0000-\u001f\u007f/\\:*?"<>|]/g;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

export function safeStem(inputPath: string): string {
  const name = basename(inputPath);
  let stem = name.slice(0, name.length - extname(name).length) || name;
  stem = stem.replace(UNSAFE, "_").replace(/^\.+/, "_").trim();
  if (stem === "" || RESERVED.test(stem)) stem = `_${stem}`;
  return stem.slice(0, 200);
}

/** Output stems unique within one run: "song", then "song-2" for a second "song.*" (case-insensitive). */
export function createStemNamer(): (inputPath: string) => string {
  const used = new Map<string, number>();
  return (inputPath) => {
    const stem = safeStem(inputPath);
    const key = stem.toLowerCase();
    const count = (used.get(key) ?? 0) + 1;
    used.set(key, count);
    return count === 1 ? stem : `${stem}-${count}`;
  };
}

export function createOutputNamer(): (inputPath: string) => string {
  const stemOf = createStemNamer();
  return (inputPath) => `${stemOf(inputPath)}.json`;
}
