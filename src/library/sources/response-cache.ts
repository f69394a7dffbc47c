/**
 * The cache of service answers that the HTTP layer (http-client.ts) keeps so that a library
 * re-scan does not ask MusicBrainz & co. again for albums it already looked up. Keys are
 * "<service> GET <url>" with every credential left out; values are response bodies (or a
 * not-found marker); each entry has its own time to live.
 *
 * The database implementation lives in src/store and implements this interface; the in-memory
 * one here serves tests and one-off runs.
 */
import type { Clock } from "./clock.js";
import { systemClock } from "./clock.js";

export interface ResponseCache {
  /** The stored value, or undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` for `ttlSeconds` (> 0), replacing any older value. */
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
}

/** How long answers are kept, per kind of answer. */
export interface CacheTtl {
  /** A 2xx answer with content. */
  readonly foundSeconds: number;
  /** A 404, or a service's in-body "no such data". */
  readonly notFoundSeconds: number;
}

export const CACHE_TTL_DEFAULTS: CacheTtl = { foundSeconds: 30 * 24 * 3600, notFoundSeconds: 7 * 24 * 3600 };

export interface MemoryResponseCache extends ResponseCache {
  /** Number of entries, expired ones included until they are next read. */
  readonly size: number;
  /** The keys held, for inspection. */
  keys(): string[];
}

export function createMemoryResponseCache(clock: Clock = systemClock): MemoryResponseCache {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  return {
    get size() {
      return entries.size;
    },
    keys: () => [...entries.keys()],
    async get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (clock.now() >= entry.expiresAt) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    async set(key, value, ttlSeconds) {
      if (!(ttlSeconds > 0)) return;
      entries.set(key, { value, expiresAt: clock.now() + ttlSeconds * 1000 });
    },
  };
}
