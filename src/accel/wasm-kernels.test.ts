import { describe, expect, it } from "vitest";
import { createDecimator, type HalfBandSumsFactory } from "../core/dsp/decimate.js";
import { firstBitDifference } from "../core/test-helpers/bit-difference.js";
import { createSeededRandom, randomInteger } from "../core/test-helpers/seeded-random.js";
import { wasmHalfBandSums } from "./wasm-kernels.js";

/** The whole stream through a decimator, fed in random chunk sizes. */
function decimateInChunks(
  input: Float32Array,
  factor: number,
  halfBandSums: HalfBandSumsFactory | undefined,
  seed: number,
): Float32Array {
  const decimator = createDecimator(44_100 * factor, 44_100, { halfBandSums });
  const random = createSeededRandom(seed);
  const parts: Float32Array[] = [];
  for (let start = 0; start < input.length; ) {
    const size = Math.min(input.length - start, randomInteger(random, 1, 20_000));
    parts.push(decimator.process(input.subarray(start, start + size)).slice());
    start += size;
  }
  parts.push(decimator.flush().slice());
  const out = new Float32Array(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe("wasmHalfBandSums", () => {
  const factory = wasmHalfBandSums();

  it("loads on this Node (WebAssembly SIMD)", () => {
    expect(factory).not.toBeNull();
  });

  it("decimates bit for bit as the TypeScript kernel, for any chunking and factors 2 and 4", () => {
    const random = createSeededRandom(5);
    for (const factor of [2, 4]) {
      for (const length of [0, 1, 7, 100, 8191, 8192, 50_001]) {
        const input = new Float32Array(length).map(() => 2 * random() - 1);
        const typescript = decimateInChunks(input, factor, undefined, 1);
        const wasm = decimateInChunks(input, factor, factory!, 2);
        expect(wasm.length).toBe(typescript.length);
        expect(firstBitDifference(wasm, typescript)).toBe(-1);
      }
    }
  });

  it("lets a NaN sample spoil the same outputs as the TypeScript kernel", () => {
    const input = new Float32Array(30_000).map((_, i) => Math.sin(i / 7));
    input[12_345] = Number.NaN;
    const typescript = decimateInChunks(input, 2, undefined, 3);
    const wasm = decimateInChunks(input, 2, factory!, 4);
    const spoiled = (values: Float32Array) =>
      values.reduce<number[]>((at, v, i) => (Number.isNaN(v) ? [...at, i] : at), []);
    expect(spoiled(wasm)).toEqual(spoiled(typescript));
    expect(spoiled(wasm).length).toBeGreaterThan(0);
  });
});
