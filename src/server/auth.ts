/**
 * API keys. When the config lists keys, every route except the public ones (/health,
 * /ready, the /docs pages) requires one, sent as `Authorization: Bearer KEY` or
 * `X-API-Key: KEY`. Keys are compared as SHA-256 digests with `crypto.timingSafeEqual`
 * (equal lengths by construction), against every configured key without stopping at a
 * match, so the time taken says nothing about which key or how much of it matched.
 * The matched key's index becomes the request's `apiKeyId`, the rate limiter's key.
 * Routes that browsers open as WebSockets (which cannot carry headers) set the route config
 * `apiKeyInQuery` and also take `?api_key=KEY`; logging.ts keeps that key out of the logs.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { HttpError } from "./errors.js";

declare module "fastify" {
  interface FastifyRequest {
    /** "key-<n>" for a request with the n-th configured key; null when anonymous. */
    apiKeyId: string | null;
  }
  interface FastifyContextConfig {
    /** The API key may also come as `?api_key=KEY` (WebSocket routes: browsers cannot send headers there). */
    apiKeyInQuery?: boolean;
  }
}

/** The query parameter that carries the key on `apiKeyInQuery` routes. */
export const API_KEY_QUERY_PARAMETER = "api_key";

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/** Returns a function giving the index of the configured key that `presented` equals, or -1. */
export function createApiKeyMatcher(keys: readonly string[]): (presented: string) => number {
  const digests = keys.map(digest);
  return (presented) => {
    const candidate = digest(presented);
    let match = -1;
    for (let index = 0; index < digests.length; index++) {
      if (timingSafeEqual(candidate, digests[index]!) && match === -1) match = index;
    }
    return match;
  };
}

/** The key a request presents, from `Authorization: Bearer`, `X-API-Key`, or on `apiKeyInQuery` routes `?api_key=`. */
export function presentedApiKey(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (typeof authorization === "string") {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (bearer) return bearer[1];
  }
  const header = request.headers["x-api-key"];
  if (typeof header === "string" && header !== "") return header.trim();
  if (request.routeOptions.config.apiKeyInQuery === true) {
    const query = request.query as Record<string, unknown> | undefined;
    const value = query?.[API_KEY_QUERY_PARAMETER];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

function isPublic(request: FastifyRequest): boolean {
  if (request.method === "OPTIONS") return true; // CORS preflight carries no credentials
  if (request.routeOptions.config.public === true) return true;
  const url = request.routeOptions.url ?? "";
  return url === "/docs" || url.startsWith("/docs/");
}

/** Adds the API-key check to every route (a no-op when no keys are configured). */
export function registerApiKeyAuth(app: FastifyInstance, keys: readonly string[]): void {
  app.decorateRequest("apiKeyId", null);
  if (keys.length === 0) return;
  const matchKey = createApiKeyMatcher(keys);
  app.addHook("onRequest", async (request, reply) => {
    const presented = presentedApiKey(request);
    if (presented !== undefined) {
      const index = matchKey(presented);
      if (index >= 0) request.apiKeyId = `key-${index}`;
    }
    if (request.apiKeyId !== null || isPublic(request)) return;
    reply.header("www-authenticate", 'Bearer realm="tonearm"');
    throw new HttpError(
      "UNAUTHORIZED",
      presented === undefined
        ? "an API key is required (Authorization: Bearer KEY or X-API-Key: KEY)"
        : "the API key is not valid",
    );
  });
}
