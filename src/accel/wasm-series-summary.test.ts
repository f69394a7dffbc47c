import { describe, expect, it } from "vitest";
import { summarizeSeries, summarizeSeriesWith } from "../core/features/summarize-series.js";
import { createSeededRandom } from "../core/test-helpers/seeded-random.js";
import { wasmSeriesSummary } from "./wasm-series-summary.js";

describe("wasmSeriesSummary", () => {
  const factory = wasmSeriesSummary();

  it("loads on this Node (WebAssembly)", () => {
    expect(factory).not.toBeNull();
  });

  it("gives summarizeSeries' summary bit for bit: strides, even and odd counts, ties, ±0, NaN and ±∞", () => {
    const random = createSeededRandom(77);
    const kernel = factory!(4000);
    const kinds = [
      () => random() * 200 - 100,
      () => Math.round(random() * 6) - 3, // many ties
      () => (random() < 0.5 ? 0 : -0),
      () => (random() < 0.2 ? Number.NaN : random() < 0.1 ? Number.POSITIVE_INFINITY : random() * 1e-40),
      () => 10 ** (60 * random() - 30) * (random() < 0.5 ? -1 : 1),
    ];
    for (let trial = 0; trial < 400; trial++) {
      const draw = kinds[trial % kinds.length]!;
      const values = Float32Array.from({ length: kernel.values.length }, draw);
      kernel.values.set(values);
      const stride = 1 + Math.floor(random() * 7);
      const offset = Math.floor(random() * stride);
      const count = Math.floor(random() * Math.floor((values.length - offset) / stride + 1));
      const column = { offset, stride, count };
      const expected = summarizeSeries(values, column);
      const actual = summarizeSeriesWith(kernel, column);
      if (expected === null) {
        expect(actual, `trial ${trial}`).toBeNull();
        continue;
      }
      expect(actual, `trial ${trial}`).not.toBeNull();
      for (const key of ["mean", "std", "min", "max", "median"] as const) {
        expect(
          Object.is(actual![key], expected[key]),
          `trial ${trial} ${key}: ${actual![key]} vs ${expected[key]}`,
        ).toBe(true);
      }
    }
  });

  it("summarises nothing and only non-finite values as null, and refuses columns past its capacity", () => {
    const kernel = factory!(8);
    kernel.values.fill(Number.NaN);
    expect(summarizeSeriesWith(kernel, { offset: 0, stride: 1, count: 8 })).toBeNull();
    expect(summarizeSeriesWith(kernel, { offset: 0, stride: 1, count: 0 })).toBeNull();
    expect(() => summarizeSeriesWith(kernel, { offset: 1, stride: 2, count: 5 })).toThrow(RangeError);
  });
});
