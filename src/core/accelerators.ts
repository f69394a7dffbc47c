/**
 * Faster implementations of some of the core's per-sample loops (WebAssembly SIMD in
 * src/accel), which compute the same numbers bit for bit. The core runs its TypeScript
 * loops when one is absent, so every result can be reproduced without them.
 */
import type { HalfBandSumsFactory } from "./dsp/decimate.js";
import type { RhythmSpectrumKernelFactory, TonalSpectrumKernelFactory } from "./dsp/spectrum-frame-kernels.js";
import type { FoldedDctKernelFactory } from "./features/mfcc.js";
import type { SeriesSummaryKernelFactory } from "./features/summarize-series.js";
import type { CrossoverKernelsFactory } from "./mastering/crossover-filter-bank.js";
import type { ChannelBlockKernelsFactory } from "./signal/channel-block-kernels.js";

export interface Accelerators {
  /** The half-band decimator's inner sums (the analysis-rate conversion). */
  readonly halfBandSums?: HalfBandSumsFactory | undefined;
  /** The mastering crossover's filter loops. */
  readonly crossoverKernels?: CrossoverKernelsFactory | undefined;
  /** The tonal frame pass's per-frame spectrum sums (magnitudes, shape, flatness, mel, contrast, peaks). */
  readonly tonalSpectrumKernel?: TonalSpectrumKernelFactory | undefined;
  /** The MFCC's DCT over folded mel levels. */
  readonly foldedDct?: FoldedDctKernelFactory | undefined;
  /** The ingest's native-rate block loops: level statistics, mono mix, high-band energy. */
  readonly channelBlockKernels?: ChannelBlockKernelsFactory | undefined;
  /** The rhythm frame pass's per-frame log filterbank and SuperFlux sums. */
  readonly rhythmSpectrumKernel?: RhythmSpectrumKernelFactory | undefined;
  /** The features' summary statistics of Float32 series (mean, std, min, max, median). */
  readonly seriesSummary?: SeriesSummaryKernelFactory | undefined;
}
