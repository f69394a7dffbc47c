import { describe, expect, it } from "vitest";
import { createManualClock } from "./clock.js";
import { createRateLimiter } from "./rate-limiter.js";

describe("createRateLimiter", () => {
  it("spaces requests by 1 s at MusicBrainz's 1 request per second", async () => {
    const clock = createManualClock(0);
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 1 }, clock);
    const times: number[] = [];
    for (let index = 0; index < 4; index += 1) {
      await limiter.acquire();
      times.push(clock.now());
    }
    expect(times).toEqual([0, 1000, 2000, 3000]);
  });

  it("allows a burst of `capacity`, then the sustained rate (Deezer: 5 + 9/s stays within 50 per 5 s)", async () => {
    const clock = createManualClock(0);
    const limiter = createRateLimiter({ capacity: 5, refillPerSecond: 9 }, clock);
    const times: number[] = [];
    for (let index = 0; index < 60; index += 1) {
      await limiter.acquire();
      times.push(clock.now());
    }
    expect(times.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(times[5]).toBe(112);
    // No window of 5 s holds more than 50 requests.
    for (const start of times) {
      expect(times.filter((time) => time >= start && time < start + 5000).length).toBeLessThanOrEqual(50);
    }
  });

  it("serves concurrent callers in arrival order, one interval apart", async () => {
    const clock = createManualClock(0);
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 2 }, clock);
    const order: number[] = [];
    await Promise.all([0, 1, 2].map((index) => limiter.acquire().then(() => order.push(index))));
    expect(order).toEqual([0, 1, 2]);
    expect(clock.sleeps).toEqual([500, 500]);
  });

  it("refills while idle", async () => {
    const clock = createManualClock(0);
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 1 }, clock);
    await limiter.acquire();
    clock.advance(5000);
    await limiter.acquire();
    expect(clock.sleeps).toEqual([]);
  });

  it("lets a cancelled caller leave without blocking the next", async () => {
    const clock = createManualClock(0);
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 1 }, clock);
    await limiter.acquire();
    const controller = new AbortController();
    controller.abort();
    await expect(limiter.acquire(controller.signal)).rejects.toThrow();
    await limiter.acquire();
    expect(clock.now()).toBe(1000);
  });

  it("rejects a nonsensical limit", () => {
    const clock = createManualClock(0);
    expect(() => createRateLimiter({ capacity: 0, refillPerSecond: 1 }, clock)).toThrow(/capacity must be an integer/);
    expect(() => createRateLimiter({ capacity: 1, refillPerSecond: 0 }, clock)).toThrow(/refillPerSecond/);
  });
});
