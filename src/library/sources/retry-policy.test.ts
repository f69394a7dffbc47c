import { describe, expect, it } from "vitest";
import { backoffDelayMs, parseRetryAfterMs, RETRY_DEFAULTS } from "./retry-policy.js";

describe("backoffDelayMs", () => {
  it("doubles the step each retry, jittered within its upper half, and caps it", () => {
    const policy = { ...RETRY_DEFAULTS, baseDelayMs: 1000, maxDelayMs: 5000 };
    expect([0, 1, 2, 3].map((retry) => backoffDelayMs(retry, policy, () => 0))).toEqual([500, 1000, 2000, 2500]);
    expect([0, 1, 2, 3].map((retry) => backoffDelayMs(retry, policy, () => 0.999_999))).toEqual([
      1000, 2000, 4000, 5000,
    ]);
  });
});

describe("parseRetryAfterMs", () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  it("reads delay-seconds", () => {
    expect(parseRetryAfterMs("120", now)).toBe(120_000);
    expect(parseRetryAfterMs(" 0 ", now)).toBe(0);
  });
  it("reads an HTTP-date, a past one as 0", () => {
    expect(parseRetryAfterMs("Thu, 01 Jan 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfterMs("Thu, 01 Jan 2026 11:00:00 GMT", now)).toBe(0);
  });
  it("ignores an absent or unreadable header", () => {
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
    expect(parseRetryAfterMs("soon", now)).toBeUndefined();
    expect(parseRetryAfterMs("-5", now)).toBeUndefined();
  });
});
