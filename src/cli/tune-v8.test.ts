import { describe, expect, it } from "vitest";
import { tuneV8ForAvailableCpus, v8FlagsForCpus } from "./tune-v8.js";

describe("V8 tuning by CPU count", () => {
  it("compiles on the calling thread only when the process has one CPU", () => {
    expect(v8FlagsForCpus(1)).toEqual(["--no-concurrent-osr"]);
    expect(v8FlagsForCpus(2)).toEqual([]);
    expect(v8FlagsForCpus(64)).toEqual([]);
  });

  it("applies the one-CPU flags to a running isolate, which keeps optimising hot loops", () => {
    tuneV8ForAvailableCpus(1);
    tuneV8ForAvailableCpus(1);
    let sum = 0;
    for (let i = 0; i < 2_000_000; i++) sum += i % 7;
    expect(sum).toBe(5_999_995); // 285,714 cycles of 0 … 6, then 0 and 1
  });
});
