/**
 * Drum separation: a drum stem (and optionally the rest) from a full mix, by a time–frequency
 * mask from median-filtered spectra (Fitzgerald 2010) refined by a small trained perceptron.
 */
export { type BinPooling, type BinPoolingLayout, createBinPooling } from "./bin-pooling.js";
export {
  DRUM_MASK_FEATURE_NAMES,
  type DrumMaskFeatureKernels,
  type DrumMaskFeatureName,
} from "./drum-mask-features.js";
export { createDrumMaskEvaluator, type DrumMaskEvaluator, type DrumMaskModel } from "./drum-mask-model.js";
export { DRUM_MASK_MODEL } from "./drum-mask-weights.js";
export { createHpssMaskRule, HPSS_MASK_DEFAULTS, type HpssMaskOptions } from "./hpss-mask.js";
export { createLearnedDrumMaskRule } from "./learned-mask-rule.js";
export {
  DRUM_SEPARATION_DEFAULTS,
  type DrumSeparation,
  type DrumSeparationAccelerators,
  type DrumSeparationMethod,
  type DrumSeparationOptions,
  HPSS_FRAME_SIZE_AT_44100,
  separateDrums,
  separationFrameSize,
} from "./separate-drums.js";
export {
  applySpectralMask,
  type MaskStream,
  type SpectralMaskFraming,
  type SpectralMaskRule,
} from "./spectral-mask-separator.js";
