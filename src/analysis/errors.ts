/**
 * Typed errors for everything a user can hand tonearm that it cannot analyse.
 * Each carries a stable `code` that the CLI maps to a one-line message and an exit
 * status, and the HTTP API to a status code. Messages are written for people.
 */

export const ERROR_CODES = [
  "FILE_NOT_FOUND",
  "FILE_NOT_READABLE",
  "EMPTY_FILE",
  "UNSUPPORTED_FORMAT",
  "CORRUPT_AUDIO",
  "TRUNCATED_AUDIO",
  "NO_AUDIO_STREAM",
  "ZERO_LENGTH_AUDIO",
  "SILENT_AUDIO",
  "TOO_LONG",
  "DECODER_MISSING",
  "DECODER_FAILED",
  "INVALID_OPTION",
  "CATALOGUE_INVALID",
  "REFERENCE_NOT_FOUND",
  "NOT_FOUND",
  "GONE",
  "CONFLICT",
  "TIMEOUT",
  "CANCELLED",
  "NOT_AVAILABLE",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface TonearmErrorDetails {
  /** The file the error is about, when there is one. */
  readonly path?: string;
  readonly cause?: unknown;
}

export class TonearmError extends Error {
  readonly code: ErrorCode;
  readonly path: string | undefined;

  constructor(code: ErrorCode, message: string, details: TonearmErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "TonearmError";
    this.code = code;
    this.path = details.path;
  }

  toJSON(): { code: ErrorCode; message: string; path?: string } {
    return this.path === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, path: this.path };
  }
}

export function isTonearmError(value: unknown): value is TonearmError {
  return value instanceof TonearmError;
}

/** A serialisable summary of any error: typed errors keep their code, others are INTERNAL. */
export interface ErrorSummary {
  readonly code: string;
  readonly message: string;
}

export function summariseError(error: unknown): ErrorSummary {
  if (isTonearmError(error)) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: "INTERNAL", message: `internal error: ${message}` };
}
