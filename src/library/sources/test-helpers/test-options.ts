/**
 * Source options for tests: a manual clock (backoff and rate-limit waits advance time without
 * waiting), a seeded jitter source, an in-memory response cache on the same clock, short
 * timeouts, and credentials that tests override per case.
 */
import { createManualClock, type ManualClock } from "../clock.js";
import type { SourceCredentials } from "../credentials.js";
import { createMemoryResponseCache, type MemoryResponseCache } from "../response-cache.js";
import type { SourceOptions } from "../source-options.js";

export const TEST_CREDENTIALS: SourceCredentials = {
  musicbrainzContact: "tests@tonearm.invalid",
  lastfmApiKey: "lastfm-test-key-0123456789abcdef",
  discogs: { token: "discogs-test-token" },
  spotify: { clientId: "spotify-client-id", clientSecret: "spotify-client-secret" },
};

/** Mulberry32: a small seeded PRNG returning [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TestSetup {
  readonly clock: ManualClock;
  readonly cache: MemoryResponseCache;
  readonly options: SourceOptions;
}

export function testSetup(baseUrl: string, overrides: Partial<SourceOptions> = {}): TestSetup {
  const clock = createManualClock();
  const cache = createMemoryResponseCache(clock);
  return {
    clock,
    cache,
    options: {
      credentials: TEST_CREDENTIALS,
      baseUrl,
      cache,
      clock,
      random: seededRandom(7),
      timeoutMs: 2000,
      ...overrides,
    },
  };
}
