/**
 * The server's logger and request ids. Logs are pino JSON lines, to stdout, or with
 * `config.logFile` to that file rotated daily by pino-roll. Every request gets an id:
 * the client's `x-request-id` when it is a plain token (letters, digits, `-_.:`, at
 * most 128), else a fresh UUID; every log line of the request carries it and the
 * response echoes it in `x-request-id`. Credentials never reach the logs: the auth headers
 * are redacted, and so is an `api_key` query parameter in a logged URL (the WebSocket route
 * takes the key there, see auth.ts).
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { FastifyBaseLogger, FastifyRequest } from "fastify";
import { pino } from "pino";
import type { TonearmConfig } from "../config/load-config.js";

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers["x-request-id"];
  return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
}

/** The URL with the value of any `api_key` query parameter replaced by [REDACTED]. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]api_key=)[^&#]*/gi, "$1[REDACTED]");
}

/** Fastify's request serializer (method, url, host, remote address and port), with the URL redacted. */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** Headers that carry credentials never reach the logs. */
const REDACTED = ["req.headers.authorization", 'req.headers["x-api-key"]'];

export function createServerLogger(config: TonearmConfig): FastifyBaseLogger {
  const options = { level: process.env.TONEARM_LOG_LEVEL ?? "info", redact: REDACTED };
  if (config.logFile === null) return pino(options);
  const transport = pino.transport({
    target: "pino-roll",
    options: { file: config.logFile, frequency: "daily", mkdir: true },
  });
  return pino(options, transport);
}
