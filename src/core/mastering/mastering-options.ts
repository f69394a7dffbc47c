/**
 * Options of the mastering metrics — bands, STFT frame size, DR-meter blocks, correlation-
 * series blocks, the balance curve's fraction of an octave, the rolloff fraction and the
 * level, transient and distortion steps' options — with their defaults, and one validation
 * (`resolveMasteringOptions`) whose errors name the function, option, expectation and value.
 */

import type { RealFft } from "../dsp/real-fft.js";
import { isPowerOfTwo } from "../dsp/real-fft.js";
import type { SignalStatisticsOptions } from "../signal/signal-statistics.js";
import type { Seconds } from "../types.js";
import type { CrossoverKernelsFactory } from "./crossover-filter-bank.js";
import { DYNAMIC_RANGE_DEFAULTS, type DynamicRangeOptions } from "./dynamic-range.js";
import { BANDS_PER_OCTAVE_CHOICES } from "./fractional-octave-bands.js";
import { checkBands, type FrequencyBand, MASTERING_BANDS } from "./frequency-bands.js";
import { HARMONIC_DISTORTION_DEFAULTS, type HarmonicDistortionOptions } from "./harmonic-distortion.js";
import { TRANSIENT_DEFAULTS, type TransientOptions } from "./transient-detector.js";

export interface MasteringOptions {
  /** Ascending, non-overlapping bands (default: MASTERING_BANDS, the five-band split). */
  readonly bands: readonly FrequencyBand[];
  /** STFT frame size, a power of two ≥ 64; null: the smallest ≥ 170 ms (8192 at 44.1/48 kHz, 16,384 at 96 kHz). */
  readonly frameSize: number | null;
  readonly dynamicRange: DynamicRangeOptions;
  /** Length of the correlation-series blocks, seconds (> 0; rounded to whole STFT frames). */
  readonly correlationBlockSeconds: Seconds;
  /** Bands per octave of the spectral-balance curve: 1, 2, 3, 6, 12 or 24. */
  readonly balanceBandsPerOctave: number;
  /** Fraction of a band's energy below its rolloff frequency, in (0, 1). */
  readonly rolloffFraction: number;
  /**
   * Run the crossover filter bank for per-band sample peaks and crest factors (about 40 % of
   * the accumulator's time); false leaves them null (note BAND_PEAKS_OFF).
   */
  readonly bandPeaks: boolean;
  readonly levels: Partial<SignalStatisticsOptions>;
  readonly transients: TransientOptions;
  readonly harmonicDistortion: HarmonicDistortionOptions;
}

export const MASTERING_DEFAULTS: MasteringOptions = {
  bands: MASTERING_BANDS,
  frameSize: null,
  dynamicRange: DYNAMIC_RANGE_DEFAULTS,
  correlationBlockSeconds: 1,
  balanceBandsPerOctave: 3,
  rolloffFraction: 0.85,
  bandPeaks: true,
  levels: {},
  transients: TRANSIENT_DEFAULTS,
  harmonicDistortion: HARMONIC_DISTORTION_DEFAULTS,
};

/** Options of `createMasteringAccumulator`: the stream's format, an FFT factory and any MasteringOptions. */
export interface MasteringAccumulatorOptions
  extends Partial<Omit<MasteringOptions, "dynamicRange" | "transients" | "harmonicDistortion">> {
  /** Hz, > 0. */
  readonly sampleRate: number;
  /** Channels per chunk, ≥ 1. */
  readonly channelCount: number;
  /** Makes the real FFT (default `createRealFft`; inject a WebAssembly one for speed). */
  readonly fftFactory?: (size: number) => RealFft;
  /** The crossover's per-sample loops (default TypeScript; inject WebAssembly ones for speed). */
  readonly crossoverKernels?: CrossoverKernelsFactory;
  readonly dynamicRange?: Partial<DynamicRangeOptions>;
  readonly transients?: Partial<TransientOptions>;
  readonly harmonicDistortion?: Partial<HarmonicDistortionOptions>;
}

/** The smallest power of two ≥ 170 ms of samples (≥ 64): 8192 at 44.1 and 48 kHz, 16,384 at 96 kHz. */
export function defaultFrameSize(sampleRate: number): number {
  let size = 64;
  while (size < 0.17 * sampleRate) size *= 2;
  return size;
}

/** The options with defaults filled in, checked (throws RangeError naming `name` and the option). */
export function resolveMasteringOptions(name: string, options: Partial<MasteringAccumulatorOptions>): MasteringOptions {
  const resolved: MasteringOptions = {
    bands: options.bands ?? MASTERING_DEFAULTS.bands,
    frameSize: options.frameSize ?? MASTERING_DEFAULTS.frameSize,
    dynamicRange: { ...MASTERING_DEFAULTS.dynamicRange, ...options.dynamicRange },
    correlationBlockSeconds: options.correlationBlockSeconds ?? MASTERING_DEFAULTS.correlationBlockSeconds,
    balanceBandsPerOctave: options.balanceBandsPerOctave ?? MASTERING_DEFAULTS.balanceBandsPerOctave,
    rolloffFraction: options.rolloffFraction ?? MASTERING_DEFAULTS.rolloffFraction,
    bandPeaks: options.bandPeaks ?? MASTERING_DEFAULTS.bandPeaks,
    levels: options.levels ?? MASTERING_DEFAULTS.levels,
    transients: { ...MASTERING_DEFAULTS.transients, ...options.transients },
    harmonicDistortion: { ...MASTERING_DEFAULTS.harmonicDistortion, ...options.harmonicDistortion },
  };
  checkBands(name, resolved.bands);
  const { frameSize, correlationBlockSeconds, balanceBandsPerOctave, rolloffFraction, dynamicRange } = resolved;
  if (frameSize !== null && !(isPowerOfTwo(frameSize) && frameSize >= 64)) {
    throw new RangeError(`${name}: frameSize must be a power of two ≥ 64 or null, got ${frameSize}`);
  }
  if (!(correlationBlockSeconds > 0)) {
    throw new RangeError(`${name}: correlationBlockSeconds must be > 0, got ${correlationBlockSeconds}`);
  }
  if (!BANDS_PER_OCTAVE_CHOICES.includes(balanceBandsPerOctave)) {
    throw new RangeError(
      `${name}: balanceBandsPerOctave must be one of ${BANDS_PER_OCTAVE_CHOICES.join(", ")}, got ${balanceBandsPerOctave}`,
    );
  }
  if (!(rolloffFraction > 0 && rolloffFraction < 1)) {
    throw new RangeError(`${name}: rolloffFraction must be in (0, 1), got ${rolloffFraction}`);
  }
  if (!(dynamicRange.blockSeconds > 0)) {
    throw new RangeError(`${name}: dynamicRange.blockSeconds must be > 0, got ${dynamicRange.blockSeconds}`);
  }
  if (!(dynamicRange.topFraction > 0 && dynamicRange.topFraction <= 1)) {
    throw new RangeError(`${name}: dynamicRange.topFraction must be in (0, 1], got ${dynamicRange.topFraction}`);
  }
  return resolved;
}
