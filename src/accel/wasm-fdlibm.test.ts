import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../core/test-helpers/seeded-random.js";
import { instantiate, kernelModule } from "./wasm-instance.js";

interface FdlibmExports {
  logOf(values: number, count: number, out: number): void;
  log10Of(values: number, count: number, out: number): void;
  logOfScalar(values: number, count: number, out: number): void;
  log10OfScalar(values: number, count: number, out: number): void;
  expOf(values: number, count: number, out: number): void;
}

const CHUNK = 1 << 18;

/** The kernels' fdlibm ports over `inputs`, chunk by chunk. */
function createRunner() {
  const module = kernelModule();
  if (module === null) throw new Error("no WebAssembly SIMD");
  const { exports, base } = instantiate<FdlibmExports>(module, 2 * CHUNK * 8);
  const input = new Float64Array(exports.memory.buffer, base, CHUNK);
  const output = new Float64Array(exports.memory.buffer, base + CHUNK * 8, CHUNK);
  return (name: keyof FdlibmExports, inputs: Float64Array): Float64Array => {
    const out = new Float64Array(inputs.length);
    for (let from = 0; from < inputs.length; from += CHUNK) {
      const count = Math.min(CHUNK, inputs.length - from);
      input.set(inputs.subarray(from, from + count));
      exports[name](base, count, base + CHUNK * 8);
      out.set(output.subarray(0, count), from);
    }
    return out;
  };
}

/** Inputs whose results must match bit for bit (any NaN matches any NaN); the first mismatch or null. */
function firstMismatch(inputs: Float64Array, actual: Float64Array, reference: (x: number) => number): string | null {
  const expected = new Float64Array(1);
  const expectedBits = new Uint32Array(expected.buffer);
  const actualBits = new Uint32Array(actual.buffer);
  for (let i = 0; i < inputs.length; i++) {
    expected[0] = reference(inputs[i]!);
    if (Number.isNaN(expected[0]) && Number.isNaN(actual[i]!)) continue;
    if (expectedBits[0] !== actualBits[2 * i] || expectedBits[1] !== actualBits[2 * i + 1]) {
      return `x = ${inputs[i]}: expected ${expected[0]}, got ${actual[i]}`;
    }
  }
  return null;
}

const SPECIAL = [
  0,
  -0,
  1,
  -1,
  2,
  10,
  100,
  1000,
  0.5,
  0.1,
  Math.E,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  2.2250738585072014e-308,
  2.225073858507201e-308,
  709.782712893384,
  709.7827128933841,
  -745.1332191019411,
  -745.1332191019412,
  -708.3964185322641,
  -709.0895657128241,
  Math.LN2 / 2,
  (3 * Math.LN2) / 2,
  -Math.LN2 / 2,
  2 ** -28,
  -(2 ** -28),
  1e-300,
  -1e-300,
];

/** Doubles with random bits: every exponent (subnormals, huge, ∞, NaN) equally often, both signs. */
function randomBitPatterns(count: number, random: () => number): Float64Array {
  const values = new Float64Array(count);
  const words = new Uint32Array(values.buffer);
  for (let i = 0; i < 2 * count; i++) words[i] = Math.floor(random() * 2 ** 32) >>> 0;
  return values;
}

/** Float32 values with random bits, positive (the spectra's magnitudes and powers are Float32). */
function randomFloat32Values(count: number, random: () => number): Float64Array {
  const bits = new Uint32Array(count);
  for (let i = 0; i < count; i++) bits[i] = Math.floor(random() * 2 ** 31) >>> 0;
  return Float64Array.from(new Float32Array(bits.buffer));
}

/** Log-uniform in [10^lowExponent, 10^highExponent]. */
function logUniform(count: number, lowExponent: number, highExponent: number, random: () => number): Float64Array {
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = 10 ** (lowExponent + (highExponent - lowExponent) * random());
  return values;
}

/** 1 + d for d within ±2^-20 (the short path) and ±0.3 (the thresholds near √2/2 and √2). */
function nearOne(count: number, random: () => number): Float64Array {
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const spread = i % 3 === 0 ? 2 ** -20 : i % 3 === 1 ? 2 ** -40 : 0.45;
    values[i] = 1 + spread * (2 * random() - 1);
  }
  return values;
}

/** Powers of two 2^-1074 … 2^1023 and their neighbours (±1…3 units in the last place). */
function powersOfTwo(): Float64Array {
  const values: number[] = [];
  const word = new Float64Array(1);
  const bits = new BigUint64Array(word.buffer);
  for (let e = -1074; e <= 1023; e++) {
    word[0] = 2 ** e;
    const center = bits[0]!;
    for (let d = -3n; d <= 3n; d++) {
      bits[0] = center + d;
      values.push(word[0]);
    }
  }
  return Float64Array.from(values);
}

function uniform(count: number, low: number, high: number, random: () => number): Float64Array {
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = low + (high - low) * random();
  return values;
}

function concat(...parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe("the kernels' fdlibm ports (wasm/fdlibm.ts)", () => {
  const run = createRunner();
  const random = createSeededRandom(20261122);
  const logInputs = concat(
    Float64Array.from(SPECIAL),
    randomBitPatterns(600_000, random),
    randomFloat32Values(400_000, random),
    logUniform(600_000, -30, 30, random),
    nearOne(300_000, random),
    powersOfTwo(),
    uniform(100_000, 1, 1e6, random),
  );

  it("log equals Math.log bit for bit, one value and two lanes at a time", () => {
    expect(firstMismatch(logInputs, run("logOfScalar", logInputs), Math.log)).toBeNull();
    expect(firstMismatch(logInputs, run("logOf", logInputs), Math.log)).toBeNull();
  });

  it("log10 equals Math.log10 bit for bit, one value and two lanes at a time, exact at powers of ten", () => {
    const powersOfTen = Float64Array.from({ length: 23 }, (_, n) => 10 ** n);
    const inputs = concat(logInputs, powersOfTen);
    expect(firstMismatch(inputs, run("log10OfScalar", inputs), Math.log10)).toBeNull();
    expect(firstMismatch(inputs, run("log10Of", inputs), Math.log10)).toBeNull();
  });

  it("pairs whose lanes take different paths (a common value beside a special one) match too", () => {
    const common = logUniform(2000, -20, 20, random);
    const others = [...SPECIAL, 1 + 2 ** -30, 1 - 2 ** -30, 2 ** -1060, 1, 4];
    const inputs = new Float64Array(4 * common.length);
    for (let i = 0; i < common.length; i++) {
      const other = others[i % others.length]!;
      inputs.set([common[i]!, other, other, common[i]!], 4 * i);
    }
    expect(firstMismatch(inputs, run("logOf", inputs), Math.log)).toBeNull();
    expect(firstMismatch(inputs, run("log10Of", inputs), Math.log10)).toBeNull();
  });

  it("exp equals Math.exp bit for bit", () => {
    const inputs = concat(
      Float64Array.from(SPECIAL),
      randomBitPatterns(300_000, random),
      uniform(600_000, -750, 750, random),
      uniform(400_000, -2, 2, random),
      uniform(300_000, -40, 5, random),
      logUniform(200_000, -30, 0, random).map((value, i) => (i % 2 === 0 ? value : -value)),
      uniform(100_000, -1080, -700, random),
    );
    expect(firstMismatch(inputs, run("expOf", inputs), Math.exp)).toBeNull();
  });
});
