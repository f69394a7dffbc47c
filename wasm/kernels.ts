// The WebAssembly kernels tonearm's accel layer loads (src/accel/wasm-kernels.ts): AssemblyScript,
// compiled with SIMD by `npm run build:wasm` into src/accel/wasm-kernels-binary.ts. Each kernel
// works on byte addresses in the instance's own memory, which its TypeScript wrapper lays out.

export { applyWindow } from "./apply-window";
export { highPassEnergy, levelStatistics, mixChannels } from "./channel-block";
export { crossoverHighpass, crossoverSplit } from "./crossover";
export { foldedDct } from "./folded-dct";
export { halfBandSums } from "./half-band";
export { rhythmFilter, rhythmFlux } from "./rhythm-spectrum";
export { tonalSpectrum } from "./tonal-spectrum";

/** First byte free for the caller's buffers (after the module's own static data). */
export function heapBase(): usize {
  return __heap_base;
}
