/**
 * One line per error, for people: typed errors print their message and code;
 * anything else is an internal error and says so.
 */
import { isTonearmError } from "../analysis/errors.js";

export interface ErrorSummary {
  readonly code: string;
  readonly message: string;
}

export function summariseError(error: unknown): ErrorSummary {
  if (isTonearmError(error)) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: "INTERNAL", message: `internal error: ${message}` };
}

/** `tonearm: song.mp3: not an audio file (it looks like text) [UNSUPPORTED_FORMAT]` */
export function errorLine(error: ErrorSummary, path?: string): string {
  const message = error.message.replace(/\s*\n\s*/g, " ");
  const prefix = path !== undefined && !message.includes(path) ? `${path}: ` : "";
  return `tonearm: ${prefix}${message} [${error.code}]`;
}
