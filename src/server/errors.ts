/**
 * The API's one table from error codes to HTTP statuses, and the error handler that
 * uses it. Every failure answers `{ "error": { "code", "message" } }` (seed routes use
 * their original system's shape, see error-shapes.ts) with the status the table gives
 * its code; routes throw, they never pick statuses themselves. Unexpected errors are
 * logged with the request id and answered with a generic message: no stack trace or
 * internal detail ever reaches a client.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { ERROR_CODES, type ErrorCode, isTonearmError, TonearmError } from "../analysis/errors.js";
import { type ErrorShape, renderError } from "./error-shapes.js";

/** Codes of failures the HTTP layer itself detects. */
export type HttpErrorCode =
  | "BAD_REQUEST"
  | "VALIDATION_FAILED"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "RATE_LIMITED"
  | "NOT_IMPLEMENTED"
  | "SERVICE_UNAVAILABLE"
  | "INTERNAL";

const HTTP_STATUS: Record<HttpErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 422,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  NOT_IMPLEMENTED: 501,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** Status of each TonearmError code; a Record so a new code fails to compile until it has one. */
const TONEARM_STATUS: Record<ErrorCode, number> = {
  FILE_NOT_FOUND: 404,
  FILE_NOT_READABLE: 422,
  EMPTY_FILE: 422,
  UNSUPPORTED_FORMAT: 415,
  CORRUPT_AUDIO: 422,
  TRUNCATED_AUDIO: 422,
  NO_AUDIO_STREAM: 422,
  ZERO_LENGTH_AUDIO: 422,
  SILENT_AUDIO: 422,
  TOO_LONG: 422,
  DECODER_MISSING: 503,
  DECODER_FAILED: 422,
  INVALID_OPTION: 422,
  CATALOGUE_INVALID: 500,
  REFERENCE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  GONE: 410,
  CONFLICT: 409,
  TIMEOUT: 504,
  CANCELLED: 409,
  NOT_AVAILABLE: 501,
};

/** A failure detected by the HTTP layer: a code from HttpErrorCode, its status from the table. */
export class HttpError extends Error {
  readonly code: HttpErrorCode;
  readonly statusCode: number;

  constructor(code: HttpErrorCode, message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = "HttpError";
    this.code = code;
    this.statusCode = HTTP_STATUS[code];
  }
}

/** What the client is told about a failure. `logAsError` marks failures that are the server's fault. */
export interface FailureDescription {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly logAsError: boolean;
}

const GENERIC_MESSAGE = "internal server error";

/** Fastify's own errors with a 4xx status, by their code. */
const FASTIFY_CODES: Record<string, HttpErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_INVALID_MULTIPART_CONTENT_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_REQ_FILE_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_ERR_NOT_FOUND: "NOT_FOUND",
};

function codeForStatus(status: number): HttpErrorCode {
  const entry = Object.entries(HTTP_STATUS).find(([, value]) => value === status);
  return entry === undefined ? "BAD_REQUEST" : (entry[0] as HttpErrorCode);
}

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && typeof (error as { statusCode?: unknown }).statusCode === "number";
}

interface ValidationIssue {
  readonly instancePath?: string;
  readonly message?: string;
}

function validationMessage(error: FastifyError): string {
  const context = error.validationContext ?? "request";
  const issues = (error.validation ?? []) as readonly ValidationIssue[];
  const first = issues[0];
  if (first === undefined) return `${context}: ${error.message}`;
  const where = (first.instancePath ?? "").replace(/^\//, "").replace(/\//g, ".");
  return `${context}${where ? `.${where}` : ""}: ${first.message ?? "is invalid"}`;
}

/** Maps any thrown value to the status, code and message the client receives. */
export function describeFailure(error: unknown): FailureDescription {
  if (error instanceof HttpError) {
    const internal = error.statusCode >= 500 && error.code === "INTERNAL";
    return {
      status: error.statusCode,
      code: error.code,
      message: internal ? GENERIC_MESSAGE : error.message,
      logAsError: internal,
    };
  }
  if (isTonearmError(error)) {
    const status = TONEARM_STATUS[error.code];
    return status === 500
      ? { status, code: error.code, message: GENERIC_MESSAGE, logAsError: true }
      : { status, code: error.code, message: error.message, logAsError: false };
  }
  if (isFastifyError(error) && error.validation !== undefined) {
    // A body that parsed but breaks its schema is unprocessable; malformed params/query are bad requests.
    const code: HttpErrorCode = error.validationContext === "body" ? "VALIDATION_FAILED" : "BAD_REQUEST";
    return { status: HTTP_STATUS[code], code, message: validationMessage(error), logAsError: false };
  }
  if (isFastifyError(error) && error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    const code = FASTIFY_CODES[error.code] ?? codeForStatus(error.statusCode);
    return { status: HTTP_STATUS[code], code, message: error.message, logAsError: false };
  }
  return { status: 500, code: "INTERNAL", message: GENERIC_MESSAGE, logAsError: true };
}

/** Fastify's error handler: logs server faults with the request id, answers in the route's shape. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const failure = describeFailure(error);
  if (failure.logAsError) request.log.error({ err: error }, "request failed");
  else request.log.info({ code: failure.code, status: failure.status }, failure.message);
  const shape: ErrorShape = request.routeOptions.config.errorShape ?? "tonearm";
  const message = failure.logAsError ? `${failure.message} (request ${request.id})` : failure.message;
  return reply
    .code(failure.status)
    .type("application/json; charset=utf-8")
    .send(renderError(shape, { code: failure.code, message }));
}

/** Unknown routes: 404 in the API's shape. */
export function handleNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return handleError(
    new HttpError("NOT_FOUND", `no route ${request.method} ${request.url.split("?")[0]}`),
    request,
    reply,
  );
}

/** The error a failed job's `{ code, message }` stands for: its TonearmError when the code is one. */
export function errorFromJobFailure(failure: { readonly code: string; readonly message: string } | null): Error {
  if (failure !== null && (ERROR_CODES as readonly string[]).includes(failure.code)) {
    return new TonearmError(failure.code as ErrorCode, failure.message);
  }
  return new HttpError("INTERNAL", failure?.message ?? "the job failed", { cause: failure });
}
