/**
 * What the feature vector is computed from: plain numbers and arrays, null where a figure does
 * not exist, in the units of the loudness and mastering modules. Kept independent of their
 * result types so that only the adapter (feature-input.ts) follows their exact shapes; tests and
 * other sources (a stored report, a browser) can build it directly.
 */
import type { Hz } from "../types.js";

export interface FeatureBand {
  readonly name: string;
  readonly lowHz: Hz;
  readonly highHz: Hz;
}

/**
 * The five bands the per-band dimensions describe, in order (the mastering module's default
 * split: a multiband compressor's usual crossovers).
 */
export const FEATURE_BANDS: readonly FeatureBand[] = [
  { name: "low", lowHz: 20, highHz: 200 },
  { name: "low_mid", lowHz: 200, highHz: 500 },
  { name: "mid", lowHz: 500, highHz: 2000 },
  { name: "high_mid", lowHz: 2000, highHz: 6000 },
  { name: "high", lowHz: 6000, highHz: 20_000 },
];

/** Fraction of a band's energy below its rolloff frequency (the mastering default). */
export const FEATURE_ROLLOFF_FRACTION = 0.85;

export interface BandFeatureInput {
  /** Fraction of the 20 Hz–20 kHz energy in the band, [0, 1]. */
  readonly energyShare: number | null;
  /** Peak / RMS of the band signal, dB. */
  readonly crestFactorDb: number | null;
  /** Sample peak of the band signal, dBFS. */
  readonly peakDbfs: number | null;
  readonly centroidHz: Hz | null;
  /** Frequency below which FEATURE_ROLLOFF_FRACTION of the band's energy lies. */
  readonly rolloffHz: Hz | null;
  /** Spectral flatness of the band's long-term spectrum, [0, 1]. */
  readonly flatness: number | null;
  /** Side / (mid + side) energy, [0, 1]; 0 for mono. */
  readonly width: number | null;
  /** Phase correlation, [−1, 1]; 1 for mono. */
  readonly correlation: number | null;
}

export interface TrackFeatureInput {
  readonly durationSeconds: number | null;
  readonly integratedLufs: number | null;
  readonly loudnessRangeLu: number | null;
  /** Upper end of the loudness range (95th percentile of gated short-term loudness), LUFS. */
  readonly loudnessRangeHighLufs: number | null;
  readonly truePeakDbtp: number | null;
  readonly samplePeakDbfs: number | null;
  readonly maxMomentaryLufs: number | null;
  readonly maxShortTermLufs: number | null;
  /** Momentary loudness (400 ms windows) every 100 ms, LUFS; empty when unknown. */
  readonly momentaryLufs: ArrayLike<number>;
  /** Short-term loudness (3 s windows) every 100 ms, LUFS; empty when unknown. */
  readonly shortTermLufs: ArrayLike<number>;
  /** RMS over all channels, dBFS. */
  readonly rmsDbfs: number | null;
  /** Sample peak / RMS over all channels, dB. */
  readonly crestFactorDb: number | null;
  /** DR-meter dynamic range, dB. */
  readonly dynamicRangeDb: number | null;
  /** Clipped runs (flat full-scale stretches) over all channels. */
  readonly clippingEvents: number | null;
  /** Samples inside clipped runs over all samples, [0, 1]. */
  readonly clippedSampleFraction: number | null;
  readonly stereoWidth: number | null;
  readonly stereoCorrelation: number | null;
  /** Side-to-mid energy ratio, dB (very negative for near-mono). */
  readonly sideToMidDb: number | null;
  /** Loss when summed to mono, dB ≥ 0. */
  readonly monoLossDb: number | null;
  /** 20·log10(RMS left / RMS right), dB; 0 for mono. */
  readonly channelBalanceDb: number | null;
  /** Phase correlation per block (null where a channel is silent); `[1]` for mono, empty when unknown. */
  readonly correlationSeries: readonly (number | null)[];
  /** One entry per FEATURE_BANDS band, in order. */
  readonly bands: readonly BandFeatureInput[];
  /**
   * The 31 third-octave levels 20 Hz–20 kHz in dB relative to their total (thirdOctaveLevels
   * re-bins any fractional-octave curve); null entries are unknown, null for a silent track.
   */
  readonly thirdOctaveLevelsDb: readonly (number | null)[] | null;
  /** Total harmonic distortion estimate, dB (20·log10 of the ratio). */
  readonly thdDb: number | null;
  /** 2nd and 3rd harmonic relative to the fundamental, dB. */
  readonly harmonic2Db: number | null;
  readonly harmonic3Db: number | null;
  readonly transientDensityPerSecond: number | null;
  /** Median and quartiles of the 10–90 % attack times, ms. */
  readonly attackTimeMs: number | null;
  readonly attackTimeQ1Ms: number | null;
  readonly attackTimeQ3Ms: number | null;
}

/** A band whose every figure is unknown. */
export const UNKNOWN_BAND: BandFeatureInput = {
  energyShare: null,
  crestFactorDb: null,
  peakDbfs: null,
  centroidHz: null,
  rolloffHz: null,
  flatness: null,
  width: null,
  correlation: null,
};
