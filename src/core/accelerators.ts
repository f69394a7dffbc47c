/**
 * Faster implementations of some of the core's per-sample loops (WebAssembly SIMD in
 * src/accel), which compute the same numbers bit for bit. The core runs its TypeScript
 * loops when one is absent, so every result can be reproduced without them.
 */
import type { HalfBandSumsFactory } from "./dsp/decimate.js";
import type { CrossoverKernelsFactory } from "./mastering/crossover-filter-bank.js";

export interface Accelerators {
  /** The half-band decimator's inner sums (the analysis-rate conversion). */
  readonly halfBandSums?: HalfBandSumsFactory | undefined;
  /** The mastering crossover's filter loops. */
  readonly crossoverKernels?: CrossoverKernelsFactory | undefined;
}
