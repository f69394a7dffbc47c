/**
 * One line per error, for people: typed errors print their message and code;
 * anything else is an internal error and says so (see summariseError).
 */
import { basename } from "node:path";
import type { ErrorSummary } from "../analysis/errors.js";

export { type ErrorSummary, summariseError } from "../analysis/errors.js";

/**
 * `tonearm: music/song.mp3: not an audio file (it looks like text) [UNSUPPORTED_FORMAT]`.
 * Messages name the file by its base name; the line names it as the user gave it.
 */
export function errorLine(error: ErrorSummary, path?: string): string {
  let message = error.message.replace(/\s*\n\s*/g, " ");
  if (path !== undefined) {
    const name = basename(path);
    if (message.startsWith(`${name}: `)) message = `${path}: ${message.slice(name.length + 2)}`;
    else if (!message.includes(path)) message = `${path}: ${message}`;
  }
  return `tonearm: ${message} [${error.code}]`;
}
