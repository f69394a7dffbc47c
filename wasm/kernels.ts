// The WebAssembly kernels tonearm's accel layer loads (src/accel/wasm-kernels.ts): AssemblyScript,
// compiled with SIMD by `npm run build:wasm` into src/accel/wasm-kernels-binary.ts. Each kernel
// works on byte addresses in the instance's own memory, which its TypeScript wrapper lays out.

export { crossoverHighpass, crossoverSplit } from "./crossover";
export { halfBandSums } from "./half-band";

/** First byte free for the caller's buffers (after the module's own static data). */
export function heapBase(): usize {
  return __heap_base;
}
