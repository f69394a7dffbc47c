/**
 * The server's logger and request ids. Logs are pino JSON lines, to stdout, or with
 * `config.logFile` to that file rotated daily by pino-roll. Every request gets an id:
 * the client's `x-request-id` when it is a plain token (letters, digits, `-_.:`, at
 * most 128), else a fresh UUID; every log line of the request carries it and the
 * response echoes it in `x-request-id`.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { FastifyBaseLogger } from "fastify";
import { pino } from "pino";
import type { TonearmConfig } from "../config/load-config.js";

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers["x-request-id"];
  return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
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
