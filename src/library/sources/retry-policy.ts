/**
 * When to try a failed request again and how long to wait first: exponential backoff with
 * "equal jitter" (half the exponential step fixed, half random), capped, unless the service
 * said how long in a `Retry-After` header (delay-seconds or an HTTP-date, RFC 9110 §10.2.3),
 * which is honoured as given.
 * Reference: AWS Architecture Blog, "Exponential Backoff and Jitter" (Brooker, 2015).
 */

export interface RetryPolicy {
  /** Retries after the first attempt; integer ≥ 0. */
  readonly maxRetries: number;
  /** First backoff step in milliseconds, doubled each retry. */
  readonly baseDelayMs: number;
  /** Cap of one backoff step. */
  readonly maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the request fails at once. */
  readonly maxRetryAfterMs: number;
}

export const RETRY_DEFAULTS: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/** HTTP statuses worth another try: rate limited, bad gateway, unavailable, gateway timeout. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/**
 * Wait before retry number `retry` (0 for the first retry): step = min(maxDelayMs,
 * baseDelayMs·2^retry), delay = step/2 + random()·step/2. `random` returns [0, 1).
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * Milliseconds to wait that a Retry-After header asks for, or undefined when it is absent or
 * unreadable. A date in the past means 0.
 */
export function parseRetryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date always names its day and month ("Wed, 21 Oct 2015 07:28:00 GMT").
  if (!/[A-Za-z]/.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
