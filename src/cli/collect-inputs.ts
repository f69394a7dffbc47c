/**
 * Turns the paths on the command line into the list of files to analyse. A named file is
 * always attempted (its content decides whether it is audio); a named directory is walked
 * for files with an audio extension, in sorted order, without following symbolic links.
 */
import { readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";

export const AUDIO_EXTENSIONS = new Set([
  ".wav",
  ".wave",
  ".mp3",
  ".flac",
  ".ogg",
  ".oga",
  ".opus",
  ".m4a",
  ".mp4",
  ".aac",
  ".aif",
  ".aiff",
  ".aifc",
  ".wma",
  ".wv",
  ".ape",
  ".mka",
  ".webm",
  ".caf",
  ".ac3",
  ".mp2",
  ".w64",
  ".rf64",
  ".alac",
]);

function walk(directory: string, out: string[]): void {
  const entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile() && AUDIO_EXTENSIONS.has(extname(entry.name).toLowerCase())) out.push(path);
  }
}

export function collectInputs(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let isDirectory = false;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      // Missing or unreadable: let the decoder report it with its typed error.
    }
    if (isDirectory) walk(path, files);
    else files.push(path);
  }
  return files;
}
