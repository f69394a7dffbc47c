/**
 * Time as the HTTP layer sees it: the current time and an abortable sleep. The rate limiter,
 * the retry backoff, the response cache's TTL and Spotify's token expiry all take a Clock, so
 * tests can inject a manual clock whose sleeps advance time at once instead of waiting.
 */
import { setTimeout as delay } from "node:timers/promises";

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `milliseconds`; rejects with the signal's reason when it aborts. */
  sleep(milliseconds: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (milliseconds, signal) => {
    if (milliseconds <= 0) {
      signal?.throwIfAborted();
      return;
    }
    await delay(milliseconds, undefined, signal === undefined ? undefined : { signal });
  },
};

/** A clock for tests: `sleep` records the wait and advances `now` by it immediately. */
export interface ManualClock extends Clock {
  /** Every sleep requested, in milliseconds, in order. */
  readonly sleeps: number[];
  advance(milliseconds: number): void;
}

export function createManualClock(startMilliseconds = Date.UTC(2026, 0, 1)): ManualClock {
  let current = startMilliseconds;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => current,
    advance: (milliseconds) => {
      current += milliseconds;
    },
    sleep: async (milliseconds, signal) => {
      signal?.throwIfAborted();
      sleeps.push(milliseconds);
      current += Math.max(0, milliseconds);
    },
  };
}
