/**
 * The compiled module of tonearm's WebAssembly kernels (wasm/, built into wasm-kernels-binary.ts)
 * and fresh instances of it: compiled once per process, synchronously (a few KB); every kernel
 * object gets its own instance and memory, laid out once at creation, so no memory growth ever
 * detaches a view another kernel holds. Null when WebAssembly or its SIMD extension is unavailable.
 */
import { WASM_KERNELS_BASE64 } from "./wasm-kernels-binary.js";

let compiled: WebAssembly.Module | null | undefined;

export function kernelModule(): WebAssembly.Module | null {
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
export function instantiate<Exports>(
  module: WebAssembly.Module,
  bytes: number,
): { exports: Exports & { readonly memory: WebAssembly.Memory }; base: number } {
  const exports = new WebAssembly.Instance(module, {}).exports as unknown as Exports & {
    readonly memory: WebAssembly.Memory;
    heapBase(): number;
  };
  const base = align(exports.heapBase());
  const missing = base + bytes - exports.memory.buffer.byteLength;
  if (missing > 0) exports.memory.grow(Math.ceil(missing / 65536));
  return { exports, base };
}

/** `address` rounded up to 16 bytes (one v128). */
export function align(address: number): number {
  return (address + 15) & ~15;
}

/**
 * Byte offsets of buffers laid out one after another (each 16-byte aligned) in an instance's
 * memory: `reserve` while planning, then `instantiate` the module with `bytes`.
 */
export class MemoryPlan {
  bytes = 0;

  /** Offset (from the instance's base) of `count` values of `bytesEach` bytes. */
  reserve(count: number, bytesEach: number): number {
    const at = this.bytes;
    this.bytes += align(Math.max(1, count) * bytesEach);
    return at;
  }
}
