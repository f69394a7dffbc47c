import { describe, expect, it } from "vitest";
import type { LibraryBatchPayload } from "./job-payloads.js";
import { checkBatchPayload, scanJobProgress } from "./library-jobs.js";

describe("scanJobProgress", () => {
  it("gives the walk 0–0.1, reading 0.1–0.9 and saving 0.9–1", () => {
    expect(scanJobProgress({ phase: "walking", done: 500, total: 0 })).toEqual({ stage: "walking", fraction: 0 });
    expect(scanJobProgress({ phase: "walking", done: 500, total: 1000 }).fraction).toBeCloseTo(0.05, 10);
    // The walk's total is a guess from the last scan: more files than it never pass 0.1.
    expect(scanJobProgress({ phase: "walking", done: 3000, total: 1000 }).fraction).toBeCloseTo(0.1, 10);
    expect(scanJobProgress({ phase: "reading", done: 0, total: 4 }).fraction).toBeCloseTo(0.1, 10);
    expect(scanJobProgress({ phase: "reading", done: 1, total: 4 }).fraction).toBeCloseTo(0.3, 10);
    expect(scanJobProgress({ phase: "reading", done: 1, total: 4 }).stage).toBe("reading");
    expect(scanJobProgress({ phase: "reading", done: 4, total: 4 }).fraction).toBeCloseTo(0.9, 10);
    expect(scanJobProgress({ phase: "saving", done: 0, total: 1 }).fraction).toBeCloseTo(0.9, 10);
    expect(scanJobProgress({ phase: "saving", done: 1, total: 1 }).fraction).toBeCloseTo(1, 10);
  });
});

describe("checkBatchPayload", () => {
  const payload: LibraryBatchPayload = {
    root: null,
    confidence: null,
    sampleSize: null,
    seed: null,
    specificAlbum: null,
    all: false,
  };

  it("accepts the defaults and numbers in range", () => {
    expect(() => checkBatchPayload(payload)).not.toThrow();
    expect(() => checkBatchPayload({ ...payload, confidence: 0, sampleSize: 1, seed: 2 ** 32 - 1 })).not.toThrow();
  });

  it("refuses numbers out of range with INVALID_OPTION", () => {
    for (const bad of [
      { confidence: 100.5 },
      { confidence: Number.NaN },
      { sampleSize: 0 },
      { sampleSize: 1.5 },
      { seed: -1 },
    ]) {
      expect(() => checkBatchPayload({ ...payload, ...bad })).toThrow(
        expect.objectContaining({ code: "INVALID_OPTION" }),
      );
    }
  });
});
