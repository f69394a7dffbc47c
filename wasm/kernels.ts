// The WebAssembly kernels tonearm's accel layer loads (src/accel/wasm-kernels.ts): AssemblyScript,
// compiled with SIMD by `npm run build:wasm` into src/accel/wasm-kernels-binary.ts. Each kernel
// works on byte addresses in the instance's own memory, which its TypeScript wrapper lays out.

export { applyWindow } from "./apply-window";
export { highPassEnergy, levelStatistics, levelStatisticsOfChannels, mixChannels } from "./channel-block";
export { crossoverHighpass, crossoverSplit } from "./crossover";
export { deinterleaveFloats } from "./deinterleave";
export { expOf, log10Of, log10OfScalar, logOf, logOfScalar } from "./fdlibm";
export { foldedDct, foldedLevels } from "./folded-dct";
export { halfBandSeeds, halfBandSums, halfBandTakeOdds } from "./half-band";
export { rhythmCompress, rhythmFilter, rhythmFlux } from "./rhythm-spectrum";
export { seriesSummary } from "./series-summary";
export { tonalSpectrum } from "./tonal-spectrum";

/** First byte free for the caller's buffers (after the module's own static data). */
export function heapBase(): usize {
  return __heap_base;
}
