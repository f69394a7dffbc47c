/**
 * Timestamps as the store keeps them: ISO 8601 UTC with milliseconds, which sort as strings.
 * Within one process they strictly increase (a second call in the same millisecond gets the
 * next one), so rows created in a burst keep their order in "newest first" lists and in the
 * job queue's first-in-first-out claims.
 */
let lastMilliseconds = 0;

export function isoNow(): string {
  lastMilliseconds = Math.max(Date.now(), lastMilliseconds + 1);
  return new Date(lastMilliseconds).toISOString();
}

export function isoBefore(milliseconds: number, now: Date = new Date()): string {
  return new Date(now.getTime() - milliseconds).toISOString();
}
