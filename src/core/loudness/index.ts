/**
 * Loudness: ITU-R BS.1770-4 / EBU R 128 momentary, short-term and integrated loudness, EBU Tech 3342
 * loudness range, sample peak and true peak, streaming or over a whole signal.
 */
export {
  type EbuTestCase,
  TECH_3341_INTEGRATED_CASES,
  TECH_3341_TRUE_PEAK_CASES,
  TECH_3342_RANGE_CASES,
  type ToneOptions,
  type ToneSegment,
  toneSegments,
} from "./ebu-test-signals.js";
export {
  type Biquad,
  biquadGainDb,
  K_WEIGHTING_MIN_SAMPLE_RATE,
  type KWeightingFilters,
  kWeightingFilters,
  kWeightingGainDb,
} from "./k-weighting.js";
export {
  ABSOLUTE_GATE_LUFS,
  INTEGRATED_RELATIVE_GATE_LU,
  LOUDNESS_FLOOR_LUFS,
  type Lu,
  type Lufs,
  lufsToMeanSquare,
  meanSquareToLufs,
  RANGE_HIGH_PERCENTILE,
  RANGE_LOW_PERCENTILE,
  RANGE_RELATIVE_GATE_LU,
} from "./loudness-gating.js";
export {
  type ChannelPeaks,
  createLoudnessMeter,
  defaultChannelWeights,
  type LoudnessMeter,
  type LoudnessMeterOptions,
  type LoudnessResult,
  type LoudnessSeries,
  type MeasureLoudnessOptions,
  measureLoudness,
  SURROUND_WEIGHT,
} from "./loudness-meter.js";
export {
  designTruePeakInterpolator,
  TRUE_PEAK_TARGET_RATE,
  type TruePeakInterpolator,
  truePeakOversampling,
} from "./true-peak-interpolator.js";
