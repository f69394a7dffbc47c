/**
 * Cross-origin and rate limits. CORS answers only the configured origins (an origin
 * not on the list gets no Access-Control-Allow-Origin header, so browsers refuse the
 * response); with an empty list no origin is allowed. Requests are limited per API key,
 * or per client IP for anonymous ones, to `rateLimitPerMinute` in a sliding minute;
 * past it the answer is 429 with Retry-After. Liveness and readiness are not limited.
 */
import cors from "@fastify/cors";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import { HttpError } from "./errors.js";

export async function registerCors(app: FastifyInstance, allowedOrigins: readonly string[]): Promise<void> {
  const allowed = new Set(allowedOrigins);
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ["GET", "POST", "PUT", "DELETE", "OPTIONS"],
    exposedHeaders: ["location", "x-request-id", "retry-after"],
    maxAge: 600,
  });
}

export async function registerRateLimit(app: FastifyInstance, perMinute: number): Promise<void> {
  await app.register(rateLimit, {
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => request.apiKeyId ?? request.ip,
    errorResponseBuilder: (_request, context) =>
      new HttpError(
        "RATE_LIMITED",
        `rate limit of ${context.max} requests per minute reached; retry in ${context.after}`,
      ),
  });
}
