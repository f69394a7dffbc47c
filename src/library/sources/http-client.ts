/**
 * The HTTP layer every genre source shares: one `ServiceHttpClient` per service, with that
 * service's rate limiter, a per-request timeout (combined with the caller's AbortSignal),
 * retries with backoff on 429/5xx/network errors/timeouts honouring Retry-After (retry-policy.ts;
 * a host name that does not resolve fails at once),
 * an identifying User-Agent (MusicBrainz requires "app/version ( contact )"), and a response
 * cache (response-cache.ts) keyed by service and URL without credentials.
 *
 * Each answer is classified into a verdict: ok (cached), not-found (cached shorter), retry,
 * credentials (401/403: a clear message naming the setting), or fail. Services whose errors
 * come inside a 200 body (Deezer, Last.fm) add their own `classify`.
 * Errors: TonearmError TIMEOUT, NOT_AVAILABLE or CANCELLED, naming the service and the status.
 */
import { isTonearmError, TonearmError } from "../../analysis/errors.js";
import { TONEARM_VERSION } from "../../version.js";
import { type ClassifyAnswer, judgeAnswer } from "./answer-verdict.js";
import type { Clock } from "./clock.js";
import type { GenreSourceName } from "./genre-source.js";
import { createRateLimiter, type RateLimit, type RateLimiter } from "./rate-limiter.js";
import type { CacheTtl, ResponseCache } from "./response-cache.js";
import { backoffDelayMs, parseRetryAfterMs, type RetryPolicy } from "./retry-policy.js";

export interface ServiceHttpOptions {
  readonly service: GenreSourceName;
  /** Scheme, host and path prefix, e.g. "https://musicbrainz.org/ws/2". */
  readonly baseUrl: string;
  readonly rateLimit: RateLimit;
  readonly retry: RetryPolicy;
  readonly timeoutMs: number;
  /** Contact for the User-Agent (an e-mail or URL); MusicBrainz asks for one. */
  readonly contact: string;
  /** Which setting to fix when the service refuses the credentials, e.g. "TONEARM_LASTFM_API_KEY". */
  readonly credentialsHint: string;
  readonly clock: Clock;
  readonly random: () => number;
  readonly fetch: typeof fetch;
  readonly cache?: ResponseCache;
  readonly cacheTtl: CacheTtl;
  readonly classify?: ClassifyAnswer;
}

export interface JsonRequest {
  /** Appended to the base URL, e.g. "/release-group/<mbid>". */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number>>;
  /** Query parameters that are credentials: sent, never part of the cache key. */
  readonly secretQuery?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly method?: "GET" | "POST";
  /** POST body, sent as application/x-www-form-urlencoded. */
  readonly form?: Readonly<Record<string, string>>;
  /** Authorization obtained per attempt; `refresh` is called once on a 401, then the request is retried. */
  readonly auth?: { headers(signal?: AbortSignal): Promise<Record<string, string>>; refresh(): void };
}

export type JsonResult = { readonly found: true; readonly body: unknown } | { readonly found: false };

const NOT_FOUND_MARKER = "tonearm:not-found";

export function userAgent(contact: string): string {
  return `tonearm/${TONEARM_VERSION} ( ${contact} )`;
}

export interface ServiceHttpClient {
  readonly service: GenreSourceName;
  /** Sends the request (or answers from the cache, for GETs) and parses the JSON body. */
  requestJson(request: JsonRequest, signal?: AbortSignal): Promise<JsonResult>;
}

type Outcome =
  | { readonly kind: "response"; readonly response: Response; readonly text: string }
  | { readonly kind: "timeout" }
  | { readonly kind: "network"; readonly error: unknown };

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
}

function networkErrorCode(error: unknown): string | undefined {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

function buildUrl(base: string, request: JsonRequest, withSecrets: boolean): string {
  const url = new URL(base.replace(/\/+$/, "") + request.path);
  for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, String(value));
  if (withSecrets)
    for (const [name, value] of Object.entries(request.secretQuery ?? {})) url.searchParams.set(name, value);
  return url.toString();
}

export function createServiceHttpClient(options: ServiceHttpOptions): ServiceHttpClient {
  const { service, clock } = options;
  const limiter: RateLimiter = createRateLimiter(options.rateLimit, clock);

  function unavailable(reason: string, cause?: unknown): TonearmError {
    return new TonearmError("NOT_AVAILABLE", `${service} is not available: ${reason}`, { cause });
  }

  async function attempt(request: JsonRequest, signal: AbortSignal | undefined): Promise<Outcome> {
    await limiter.acquire(signal);
    const headers: Record<string, string> = {
      "User-Agent": userAgent(options.contact),
      Accept: "application/json",
      ...request.headers,
      ...(request.auth === undefined ? {} : await request.auth.headers(signal)),
    };
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const combined = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
    const init: RequestInit = { method: request.method ?? "GET", headers, signal: combined };
    if (request.form !== undefined) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      init.body = new URLSearchParams(request.form).toString();
    }
    try {
      const response = await options.fetch(buildUrl(options.baseUrl, request, true), init);
      const text = await response.text();
      return { kind: "response", response, text };
    } catch (error) {
      if (signal?.aborted) throw new TonearmError("CANCELLED", `${service} lookup cancelled`, { cause: error });
      if (timeout.aborted) return { kind: "timeout" };
      return { kind: "network", error };
    }
  }

  async function requestJson(request: JsonRequest, signal?: AbortSignal): Promise<JsonResult> {
    try {
      return await send(request, signal);
    } catch (error) {
      // Aborts while waiting for the rate limiter or a backoff surface as the signal's reason.
      if (signal?.aborted && !isTonearmError(error)) {
        throw new TonearmError("CANCELLED", `${service} lookup cancelled`, { cause: error });
      }
      throw error;
    }
  }

  /** The cache is an optimisation: a failing cache (say, a database that is down) is bypassed. */
  async function cached(key: string): Promise<JsonResult | undefined> {
    try {
      const value = await options.cache?.get(key);
      if (value === undefined) return undefined;
      return value === NOT_FOUND_MARKER ? { found: false } : { found: true, body: JSON.parse(value) as unknown };
    } catch {
      return undefined;
    }
  }

  async function remember(key: string, value: string, ttlSeconds: number): Promise<void> {
    try {
      await options.cache?.set(key, value, ttlSeconds);
    } catch {
      // Not cached this time; the answer itself is good.
    }
  }

  async function send(request: JsonRequest, signal: AbortSignal | undefined): Promise<JsonResult> {
    const cacheable = (request.method ?? "GET") === "GET" && options.cache !== undefined;
    const cacheKey = `${service} GET ${buildUrl(options.baseUrl, request, false)}`;
    if (cacheable) {
      const hit = await cached(cacheKey);
      if (hit !== undefined) return hit;
    }
    let refreshed = false;
    for (let retries = 0; ; ) {
      const outcome = await attempt(request, signal);
      let problem: string;
      let waitMs: number | undefined;
      if (outcome.kind === "response") {
        const { verdict, body } = judgeAnswer(outcome, options.classify);
        switch (verdict.kind) {
          case "ok":
            if (cacheable) await remember(cacheKey, outcome.text, options.cacheTtl.foundSeconds);
            return { found: true, body };
          case "not-found":
            if (cacheable) await remember(cacheKey, NOT_FOUND_MARKER, options.cacheTtl.notFoundSeconds);
            return { found: false };
          case "credentials":
            if (outcome.response.status === 401 && request.auth !== undefined && !refreshed) {
              // An expired token: fetch a new one and try again once, outside the retry budget.
              refreshed = true;
              request.auth.refresh();
              continue;
            }
            throw unavailable(
              `the service refused the credentials (${verdict.reason}); check ${options.credentialsHint}`,
            );
          case "fail":
            throw unavailable(verdict.reason);
          case "retry": {
            problem = verdict.reason;
            waitMs = parseRetryAfterMs(outcome.response.headers.get("retry-after"), clock.now());
            if (waitMs !== undefined && waitMs > options.retry.maxRetryAfterMs) {
              throw unavailable(`${problem}, asked to wait ${Math.ceil(waitMs / 1000)} s before trying again`);
            }
          }
        }
      } else {
        problem =
          outcome.kind === "timeout"
            ? `no answer within ${options.timeoutMs} ms`
            : `could not connect (${describeNetworkError(outcome.error)})`;
        // A host name that does not resolve will not resolve a second later (no network, a typo).
        if (outcome.kind === "network" && networkErrorCode(outcome.error) === "ENOTFOUND") throw unavailable(problem);
      }
      if (retries >= options.retry.maxRetries) {
        const attempts = `after ${retries + 1} attempt${retries === 0 ? "" : "s"}`;
        if (outcome.kind === "timeout")
          throw new TonearmError("TIMEOUT", `${service} timed out: ${problem} ${attempts}`);
        throw unavailable(`${problem} ${attempts}`);
      }
      await clock.sleep(waitMs ?? backoffDelayMs(retries, options.retry, options.random), signal);
      retries += 1;
    }
  }

  return { service, requestJson };
}
