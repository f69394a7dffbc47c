/**
 * A token-bucket rate limiter, one per service. A bucket holds at most `capacity` tokens and
 * gains `refillPerSecond` of them per second; each request takes one, waiting (on the injected
 * clock) when none is left. Callers are served strictly in arrival order.
 *
 * Over any window of W seconds a bucket admits at most capacity + refillPerSecond·W requests,
 * so the per-service settings (service-limits.ts) choose both so that this stays within the
 * service's published limit, e.g. MusicBrainz 1 request/s: capacity 1, refill 1/s.
 * Reference: the token bucket of RFC 2697 / RFC 4115 (traffic policing), single rate.
 */
import { TonearmError } from "../../analysis/errors.js";
import type { Clock } from "./clock.js";

export interface RateLimit {
  /** Largest burst; integer ≥ 1. */
  readonly capacity: number;
  /** Sustained rate in requests per second; > 0. */
  readonly refillPerSecond: number;
}

export interface RateLimiter {
  /** Waits until one request may go out, then takes its token. */
  acquire(signal?: AbortSignal): Promise<void>;
}

export function createRateLimiter(limit: RateLimit, clock: Clock): RateLimiter {
  if (!Number.isInteger(limit.capacity) || limit.capacity < 1) {
    throw new TonearmError(
      "INVALID_OPTION",
      `createRateLimiter: capacity must be an integer ≥ 1, got ${limit.capacity}`,
    );
  }
  if (!(limit.refillPerSecond > 0) || !Number.isFinite(limit.refillPerSecond)) {
    throw new TonearmError(
      "INVALID_OPTION",
      `createRateLimiter: refillPerSecond must be a finite number > 0, got ${limit.refillPerSecond}`,
    );
  }
  let tokens = limit.capacity;
  let refilledAt = clock.now();
  let queue: Promise<void> = Promise.resolve();

  function refill(): void {
    const now = clock.now();
    tokens = Math.min(limit.capacity, tokens + ((now - refilledAt) / 1000) * limit.refillPerSecond);
    refilledAt = now;
  }

  async function take(signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    refill();
    if (tokens < 1) {
      await clock.sleep(Math.ceil(((1 - tokens) / limit.refillPerSecond) * 1000), signal);
      refill();
    }
    tokens = Math.max(0, tokens - 1);
  }

  return {
    acquire(signal) {
      const turn = queue.then(() => take(signal));
      // A caller that gave up must not block the ones behind it.
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}
