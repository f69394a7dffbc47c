/**
 * Files named by path in a request (`{ "path": "/srv/music/x.flac" }`) are analysed
 * only when they lie inside one of the config's allowed roots, judged on the real path:
 * `..` segments are resolved first, then symlinks (of the file and of the roots) with
 * realpath, so neither `../` nor a link can reach outside a root. A path outside every
 * root is refused with 403 whether or not it exists, so the answer reveals nothing
 * about files outside the roots. The file must be a regular file with audio content
 * (sniffed by magic number; 415 otherwise). Folders named by path (a library scan's root)
 * follow the same rule, except that a root itself may be named too.
 */
import { realpath, stat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { TonearmError } from "../analysis/errors.js";
import { sniffFile } from "../io/sniff-format.js";
import { HttpError } from "./errors.js";

/** True when `target` is strictly inside the directory `root` (both absolute and normalised). */
export function isInsideRoot(root: string, target: string): boolean {
  const path = relative(root, target);
  return path !== "" && !isAbsolute(path) && path.split(sep)[0] !== "..";
}

async function realRoots(roots: readonly string[]): Promise<string[]> {
  const resolved = await Promise.all(roots.map((root) => realpath(resolve(root)).catch(() => null)));
  return resolved.filter((root): root is string => root !== null);
}

function outsideRoots(): HttpError {
  return new HttpError("FORBIDDEN", "the path is outside the directories this server may read (allowedRoots)");
}

/** `target` is `root` or inside it. */
function isRootOrInside(root: string, target: string): boolean {
  return root === target || isInsideRoot(root, target);
}

/** The real path of `requested` when it is a folder that is an allowed root or inside one; throws otherwise. */
export async function resolveAllowedFolder(requested: string, allowedRoots: readonly string[]): Promise<string> {
  if (allowedRoots.length === 0) {
    throw new HttpError("FORBIDDEN", "reading folders by path is disabled on this server (no allowedRoots configured)");
  }
  if (!isAbsolute(requested) || requested.includes("\0")) {
    throw new HttpError("VALIDATION_FAILED", "path must be an absolute path");
  }
  const lexical = resolve(requested);
  const roots = await realRoots(allowedRoots);
  const lexicalRoots = allowedRoots.map((root) => resolve(root));
  if (![...lexicalRoots, ...roots].some((root) => isRootOrInside(root, lexical))) throw outsideRoots();
  let real: string;
  try {
    real = await realpath(lexical);
  } catch {
    throw new TonearmError("FILE_NOT_FOUND", `${requested}: no such folder`);
  }
  if (!roots.some((root) => isRootOrInside(root, real))) throw outsideRoots();
  if (!(await stat(real)).isDirectory()) throw new HttpError("VALIDATION_FAILED", `${requested}: not a folder`);
  return real;
}

/** The real path of `requested` when it is an audio file inside an allowed root; throws otherwise. */
export async function resolveAllowedAudioPath(requested: string, allowedRoots: readonly string[]): Promise<string> {
  if (allowedRoots.length === 0) {
    throw new HttpError("FORBIDDEN", "analysing files by path is disabled on this server (no allowedRoots configured)");
  }
  if (!isAbsolute(requested) || requested.includes("\0")) {
    throw new HttpError("VALIDATION_FAILED", "path must be an absolute path");
  }
  const lexical = resolve(requested);
  const roots = await realRoots(allowedRoots);
  const lexicalRoots = allowedRoots.map((root) => resolve(root));
  if (![...lexicalRoots, ...roots].some((root) => isInsideRoot(root, lexical))) throw outsideRoots();
  let real: string;
  try {
    real = await realpath(lexical);
  } catch {
    throw new TonearmError("FILE_NOT_FOUND", `${requested}: no such file`);
  }
  if (!roots.some((root) => isInsideRoot(root, real))) throw outsideRoots();
  const info = await stat(real);
  if (!info.isFile()) throw new HttpError("VALIDATION_FAILED", `${requested}: not a regular file`);
  const verdict = await sniffFile(real);
  if (verdict.kind !== "audio") {
    throw new TonearmError(
      "UNSUPPORTED_FORMAT",
      `${requested}: not an audio file tonearm can read (its content looks like ${verdict.description})`,
    );
  }
  return real;
}
