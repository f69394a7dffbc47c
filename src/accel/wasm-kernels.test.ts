import { describe, expect, it } from "vitest";
import { createDecimator, type HalfBandSumsFactory } from "../core/dsp/decimate.js";
import { type CrossoverKernelsFactory, createCrossoverFilterBank } from "../core/mastering/crossover-filter-bank.js";
import { MASTERING_BANDS } from "../core/mastering/frequency-bands.js";
import { firstBitDifference } from "../core/test-helpers/bit-difference.js";
import { createSeededRandom, randomInteger } from "../core/test-helpers/seeded-random.js";
import { loadAccelerators, wasmCrossoverKernels, wasmHalfBandSums } from "./wasm-kernels.js";

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
    const spoiled = (values: Float32Array) => Array.from(values.keys()).filter((i) => Number.isNaN(values[i]!));
    expect(spoiled(wasm)).toEqual(spoiled(typescript));
    expect(spoiled(wasm).length).toBeGreaterThan(0);
  });
});

describe("wasmCrossoverKernels", () => {
  const factory = wasmCrossoverKernels();

  /** Band levels after feeding `input` in random chunks. */
  function bandLevels(
    input: Float32Array,
    rate: number,
    bands: typeof MASTERING_BANDS,
    kernels?: CrossoverKernelsFactory,
  ) {
    const bank = createCrossoverFilterBank(rate, bands, kernels);
    const random = createSeededRandom(rate);
    for (let start = 0; start < input.length; ) {
      const size = Math.min(input.length - start, randomInteger(random, 1, 10_000));
      bank.push(input.subarray(start, start + size), size);
      start += size;
    }
    return bank.result();
  }

  it("loads, and loadAccelerators offers it with the decimator", () => {
    expect(factory).not.toBeNull();
    const accelerators = loadAccelerators();
    expect(accelerators.crossoverKernels).toBeDefined();
    expect(accelerators.halfBandSums).toBeDefined();
  });

  it("gives every band's peak and RMS bit for bit as the TypeScript loops", () => {
    const random = createSeededRandom(9);
    const custom = [
      { name: "sub", lowHz: 0, highHz: 80 },
      { name: "body", lowHz: 80, highHz: 3000 },
      { name: "air", lowHz: 3000, highHz: 20_000 },
    ];
    for (const [rate, bands] of [
      [44_100, MASTERING_BANDS],
      [96_000, MASTERING_BANDS],
      [48_000, custom],
    ] as const) {
      const input = new Float32Array(rate * 2).map(() => 2 * random() - 1);
      expect(bandLevels(input, rate, bands, factory!)).toEqual(bandLevels(input, rate, bands));
    }
  });

  it("refuses an input that is not one of its buffers (it reads its own memory)", () => {
    const kernels = factory!(16, 16);
    const state = kernels.float64(6);
    expect(() => kernels.highpass(new Float32Array(8), 0, 8, kernels.float64(4), state, kernels.float64(3))).toThrow(
      /not one of this kernel's buffers/,
    );
    expect(() => kernels.float32(17)).toThrow(/more Float32 values than announced/);
  });
});
