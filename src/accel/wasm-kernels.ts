/**
 * tonearm's own WebAssembly SIMD kernels (AssemblyScript sources in wasm/, the compiled
 * module in wasm-kernels-binary.ts): faster implementations of core interfaces that
 * compute the same numbers. The module is compiled once per process, synchronously (it is
 * a few hundred bytes); every kernel object gets its own instance and memory, laid out
 * once at creation, so no memory growth ever detaches a view another kernel holds.
 * When WebAssembly or its SIMD extension is unavailable, the factories below are null
 * and callers keep the TypeScript loops.
 */
import type { HalfBandSums, HalfBandSumsFactory } from "../core/dsp/decimate.js";
import { WASM_KERNELS_BASE64 } from "./wasm-kernels-binary.js";

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  halfBandSums(
    odd: number,
    oddAt: number,
    taps: number,
    tapCount: number,
    seeds: number,
    out: number,
    count: number,
  ): void;
}

let compiled: WebAssembly.Module | null | undefined;

function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Buffer.from(WASM_KERNELS_BASE64, "base64"));
    } catch {
      compiled = null; // No WebAssembly, or no SIMD: the module does not validate.
    }
  }
  return compiled;
}

/** A fresh instance whose memory holds `bytes` after the module's own data, and the first free address. */
function instantiate(module: WebAssembly.Module, bytes: number): { exports: KernelExports; base: number } {
  const exports = new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
  const base = align(exports.heapBase());
  const missing = base + bytes - exports.memory.buffer.byteLength;
  if (missing > 0) exports.memory.grow(Math.ceil(missing / 65536));
  return { exports, base };
}

function align(address: number): number {
  return (address + 15) & ~15;
}

/** The half-band decimator's inner sums in WebAssembly (bit-identical to the TypeScript loop), or null. */
export function wasmHalfBandSums(): HalfBandSumsFactory | null {
  const module = kernelModule();
  if (module === null) return null;
  return (taps, oddCapacity, blockCapacity): HalfBandSums => {
    const tapsBytes = align(taps.length * 8);
    const seedsBytes = align(blockCapacity * 8);
    const oddBytes = align(oddCapacity * 4);
    const { exports, base } = instantiate(module, tapsBytes + seedsBytes + oddBytes + blockCapacity * 4);
    const { buffer } = exports.memory;
    const tapsAt = base;
    const seedsAt = tapsAt + tapsBytes;
    const oddAt = seedsAt + seedsBytes;
    const outAt = oddAt + oddBytes;
    new Float64Array(buffer, tapsAt, taps.length).set(taps);
    const tapCount = taps.length;
    return {
      odd: new Float32Array(buffer, oddAt, oddCapacity),
      seeds: new Float64Array(buffer, seedsAt, blockCapacity),
      out: new Float32Array(buffer, outAt, blockCapacity),
      run(from, count) {
        exports.halfBandSums(oddAt, from, tapsAt, tapCount, seedsAt, outAt, count);
      },
    };
  };
}
