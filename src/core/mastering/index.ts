/**
 * Mastering metrics: per-band energy, level, crest, spectral shape and stereo image;
 * overall crest factor, DR-meter dynamic range, stereo image, level statistics, a harmonic-
 * distortion estimate, transients and a fractional-octave spectral-balance curve, from one
 * streaming pass (`createMasteringAccumulator`) or a whole signal (`masteringMetrics`).
 * Loudness figures (BS.1770, LRA, true peak, PLR) come from the loudness module.
 */
export { type BandSpectralMetrics, bandSpectralMetrics } from "./band-spectral-metrics.js";
export { type BandLevels, type CrossoverFilterBank, createCrossoverFilterBank } from "./crossover-filter-bank.js";
export {
  type BlockLevelSums,
  type BlockLevels,
  type ChannelDynamicRange,
  createBlockLevels,
  DYNAMIC_RANGE_DEFAULTS,
  type DynamicRange,
  type DynamicRangeOptions,
  dynamicRangeFromBlocks,
} from "./dynamic-range.js";
export {
  BANDS_PER_OCTAVE_CHOICES,
  type FractionalOctaveBand,
  fractionalOctaveBands,
} from "./fractional-octave-bands.js";
export { type BinSpan, binSpan, checkBands, type FrequencyBand, MASTERING_BANDS, spanSum } from "./frequency-bands.js";
export {
  estimateHarmonicDistortion,
  HARMONIC_DISTORTION_DEFAULTS,
  type HarmonicDistortionEstimate,
  type HarmonicDistortionOptions,
} from "./harmonic-distortion.js";
export {
  createLongTermSpectrum,
  type LongTermSpectrum,
  type LongTermSpectrumOptions,
  type LongTermSpectrumResult,
} from "./long-term-spectrum.js";
export {
  createMasteringAccumulator,
  type MasteringAccumulator,
  masteringMetrics,
} from "./mastering-accumulator.js";
export {
  assembleMasteringMetrics,
  type BandMetrics,
  type MasteringMetrics,
  type MasteringNote,
  type MasteringNoteCode,
  type MasteringParts,
  type StereoImage,
} from "./mastering-metrics.js";
export {
  defaultFrameSize,
  MASTERING_DEFAULTS,
  type MasteringAccumulatorOptions,
  type MasteringOptions,
  resolveMasteringOptions,
} from "./mastering-options.js";
export { type SpectralBalance, spectralBalance } from "./spectral-balance.js";
export {
  correlationSeries,
  MONO_LOSS_CEILING_DB,
  SILENT_MEAN_SQUARE,
  type StereoFigures,
  stereoFigures,
} from "./stereo-image.js";
export {
  createTransientDetector,
  TRANSIENT_DEFAULTS,
  type TransientDetector,
  type TransientMetrics,
  type TransientOptions,
} from "./transient-detector.js";
