/**
 * Per-service settings (base URL, rate limit) and the options every source adapter takes, with
 * the one function that turns them into the service's HTTP client.
 *
 * Rate limits, from each service's published terms; a token bucket admits at most
 * capacity + rate·W requests in any W seconds (rate-limiter.ts), so both are chosen to stay
 * within the limit:
 * - MusicBrainz: 1 request/s per client (musicbrainz.org/doc/MusicBrainz_API/Rate_Limiting) → 1 + 1/s.
 * - Last.fm: 5 requests/s averaged over 5 minutes (API terms of service) → 5 + 4/s.
 * - Discogs: 60 requests/min authenticated, moving 60 s window (Discogs API docs) → 5 + 55/min.
 * - Deezer: 50 requests per 5 s (developers.deezer.com) → 5 + 9/s (5 + 45 = 50 in 5 s).
 * - Spotify: a rolling 30 s window whose size is not published → a modest 5 + 3/s.
 */

import type { ClassifyAnswer } from "./answer-verdict.js";
import type { Clock } from "./clock.js";
import { systemClock } from "./clock.js";
import type { SourceCredentials } from "./credentials.js";
import { MATCH_DEFAULTS, type MatchOptions } from "./fuzzy-match.js";
import type { GenreSourceName } from "./genre-source.js";
import { createServiceHttpClient, type ServiceHttpClient } from "./http-client.js";
import type { RateLimit } from "./rate-limiter.js";
import { CACHE_TTL_DEFAULTS, type CacheTtl, type ResponseCache } from "./response-cache.js";
import { RETRY_DEFAULTS, type RetryPolicy } from "./retry-policy.js";

export interface ServiceDefaults {
  readonly baseUrl: string;
  readonly rateLimit: RateLimit;
  readonly credentialsHint: string;
}

export const SERVICE_DEFAULTS: Readonly<Record<GenreSourceName, ServiceDefaults>> = {
  musicbrainz: {
    baseUrl: "https://musicbrainz.org/ws/2",
    rateLimit: { capacity: 1, refillPerSecond: 1 },
    credentialsHint: "TONEARM_MUSICBRAINZ_CONTACT (MusicBrainz blocks clients without a meaningful User-Agent)",
  },
  lastfm: {
    baseUrl: "https://ws.audioscrobbler.com/2.0",
    rateLimit: { capacity: 5, refillPerSecond: 4 },
    credentialsHint: "TONEARM_LASTFM_API_KEY",
  },
  discogs: {
    baseUrl: "https://api.discogs.com",
    rateLimit: { capacity: 5, refillPerSecond: 55 / 60 },
    credentialsHint: "TONEARM_DISCOGS_TOKEN (or TONEARM_DISCOGS_KEY and TONEARM_DISCOGS_SECRET)",
  },
  deezer: {
    baseUrl: "https://api.deezer.com",
    rateLimit: { capacity: 5, refillPerSecond: 9 },
    credentialsHint: "nothing: Deezer's public API needs no credentials",
  },
  spotify: {
    baseUrl: "https://api.spotify.com/v1",
    rateLimit: { capacity: 5, refillPerSecond: 3 },
    credentialsHint: "TONEARM_SPOTIFY_CLIENT_ID and TONEARM_SPOTIFY_CLIENT_SECRET",
  },
};

/** What every source adapter takes; everything but the credentials has a default. */
export interface SourceOptions {
  readonly credentials: SourceCredentials;
  /** Overrides the service's base URL (tests point it at a local server). */
  readonly baseUrl?: string;
  readonly cache?: ResponseCache;
  readonly cacheTtl?: CacheTtl;
  readonly clock?: Clock;
  /** [0, 1) source for backoff jitter; Math.random by default. */
  readonly random?: () => number;
  readonly fetch?: typeof fetch;
  /** Per attempt, milliseconds; default 10 000. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly rateLimit?: RateLimit;
  readonly match?: Partial<MatchOptions>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export function resolveMatchOptions(options: SourceOptions): MatchOptions {
  return { ...MATCH_DEFAULTS, ...options.match };
}

export function createSourceHttpClient(
  service: GenreSourceName,
  options: SourceOptions,
  overrides: { readonly baseUrl?: string; readonly classify?: ClassifyAnswer } = {},
): ServiceHttpClient {
  const defaults = SERVICE_DEFAULTS[service];
  const clock = options.clock ?? systemClock;
  return createServiceHttpClient({
    service,
    baseUrl: overrides.baseUrl ?? options.baseUrl ?? defaults.baseUrl,
    rateLimit: options.rateLimit ?? defaults.rateLimit,
    retry: { ...RETRY_DEFAULTS, ...options.retry },
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    contact: options.credentials.musicbrainzContact,
    credentialsHint: defaults.credentialsHint,
    clock,
    random: options.random ?? Math.random,
    fetch: options.fetch ?? globalThis.fetch,
    cacheTtl: options.cacheTtl ?? CACHE_TTL_DEFAULTS,
    ...(options.cache === undefined ? {} : { cache: options.cache }),
    ...(overrides.classify === undefined ? {} : { classify: overrides.classify }),
  });
}
