/**
 * One track's audio feature vector for genre suggestion, read from its analysis report.
 * Two layouts, plus their concatenation:
 *   "features"  (80) from the "features" and "rhythm" analyses (librosa's definitions):
 *      0–19   MFCC c0…c19 mean over the frames        20–39  MFCC c0…c19 standard deviation
 *      40–51  mean, std of spectral centroid, bandwidth, roll-off, flatness, zero-crossing rate,
 *             RMS (the three in Hz: log2 of the mean, std / mean)
 *      52–65  spectral contrast in 7 bands, mean then std (dB)
 *      66–77  chroma means sorted descending: the shape of the pitch-class profile without its key
 *             (albums differ in key, genres in how tonal and how chromatic they are)
 *      78     log2 tempo (BPM)                          79     tempo confidence 0–1
 *   "mastering" (128) the "mastering-vector" analysis (src/core/similarity/feature-dimensions.ts):
 *      spectral balance, bands, loudness and dynamics, stereo, harmonic/transient, spectral shape
 *   "features+mastering" (208) both, in that order.
 * Raw units; the neighbour search z-scores each dimension over the library, so units don't
 * matter. A value the analysis could not measure is NaN (the album mean skips it). Features as
 * in Tzanetakis & Cook (2002), "Musical genre classification of audio signals", IEEE TSAP 10(5).
 */
import type { AnalysisName } from "../../analysis/registry.js";
import type { Report } from "../../analysis/report.js";
import { FEATURE_DIMENSION_COUNT } from "../../core/similarity/feature-dimensions.js";

export type AudioVectorKind = "features" | "mastering" | "features+mastering";

export const AUDIO_VECTOR_KINDS: readonly AudioVectorKind[] = ["features", "mastering", "features+mastering"];

/**
 * The kind to use: on held-out albums (docs/eval-library-audio.md) it named genres as well as
 * the concatenation and far better than the mastering vector, which follows the production
 * (here: the soundfont) more than the genre; and it needs only analyses that run by default.
 */
export const DEFAULT_AUDIO_VECTOR_KIND: AudioVectorKind = "features";

/** The analyses a report needs for each kind of vector. */
export const AUDIO_VECTOR_ANALYSES: Readonly<Record<AudioVectorKind, readonly AnalysisName[]>> = {
  features: ["features", "rhythm"],
  mastering: ["mastering-vector"],
  "features+mastering": ["features", "rhythm", "mastering-vector"],
};

const MFCC_COUNT = 20;
const CONTRAST_BANDS = 7;
const PITCH_CLASSES = 12;
const SCALARS = ["centroid", "bandwidth", "rolloff", "flatness", "zcr", "rms"] as const;
export const FEATURES_DIMENSION_COUNT = 2 * MFCC_COUNT + 2 * SCALARS.length + 2 * CONTRAST_BANDS + PITCH_CLASSES + 2;

const range = (count: number, name: (index: number) => string) => Array.from({ length: count }, (_, i) => name(i));

const FEATURES_NAMES: readonly string[] = [
  ...range(MFCC_COUNT, (i) => `mfcc${i}_mean`),
  ...range(MFCC_COUNT, (i) => `mfcc${i}_std`),
  ...SCALARS.flatMap((name) => [`${name}_mean`, `${name}_std`]),
  ...range(CONTRAST_BANDS, (i) => `contrast${i}_mean`),
  ...range(CONTRAST_BANDS, (i) => `contrast${i}_std`),
  ...range(PITCH_CLASSES, (i) => `chroma_rank${i + 1}`),
  "log2_tempo_bpm",
  "tempo_confidence",
];

/** The names of a kind's dimensions, in vector order. */
export function audioVectorDimensions(kind: AudioVectorKind): readonly string[] {
  const mastering = range(FEATURE_DIMENSION_COUNT, (i) => `mastering${i}`);
  if (kind === "features") return FEATURES_NAMES;
  return kind === "mastering" ? mastering : [...FEATURES_NAMES, ...mastering];
}

type Analyses = Report["analyses"];

/**
 * The track's vector of `kind`; null when the report lacks an analysis the kind needs (it was
 * not run, or measured nothing: silent audio).
 */
export function audioFeatureVector(
  report: { readonly analyses: Analyses },
  kind: AudioVectorKind,
): Float32Array | null {
  if (kind === "features") return featuresPart(report.analyses);
  if (kind === "mastering") return masteringPart(report.analyses);
  const features = featuresPart(report.analyses);
  const mastering = masteringPart(report.analyses);
  if (features === null || mastering === null) return null;
  const out = new Float32Array(features.length + mastering.length);
  out.set(features, 0);
  out.set(mastering, features.length);
  return out;
}

function featuresPart(analyses: Analyses): Float32Array | null {
  const features = analyses.features;
  const rhythm = analyses.rhythm;
  if (features === undefined || rhythm === undefined || features.frames === 0) return null;
  const out = new Float32Array(FEATURES_DIMENSION_COUNT).fill(Number.NaN);
  let at = 0;
  const put = (values: readonly number[] | undefined, count: number, map: (value: number) => number = (v) => v) => {
    for (let index = 0; index < count; index++) {
      const value = values?.[index];
      out[at + index] = value === undefined ? Number.NaN : map(value);
    }
    at += count;
  };
  put(features.mfcc?.mean, MFCC_COUNT);
  put(features.mfcc?.std, MFCC_COUNT);
  const logHz = (value: number) => Math.log2(Math.max(value, 1));
  const scalars = [
    [features.spectralCentroidHz, true],
    [features.spectralBandwidthHz, true],
    [features.spectralRolloffHz, true],
    [features.spectralFlatness, false],
    [features.zeroCrossingRate, false],
    [features.rms, false],
  ] as const;
  for (const [summary, inHz] of scalars) {
    const mean = summary === null ? undefined : summary.mean;
    put(mean === undefined ? undefined : [mean], 1, inHz ? logHz : undefined);
    // The spread of a log-frequency series is taken relative to its mean (a ratio).
    const spread = summary === null ? undefined : inHz ? summary.std / Math.max(summary.mean, 1) : summary.std;
    put(spread === undefined ? undefined : [spread], 1);
  }
  put(features.spectralContrastDb?.mean, CONTRAST_BANDS);
  put(features.spectralContrastDb?.std, CONTRAST_BANDS);
  const chroma = features.chroma?.mean;
  put(chroma === undefined ? undefined : [...chroma].sort((a, b) => b - a), PITCH_CLASSES);
  put(rhythm.tempoBpm === null ? undefined : [rhythm.tempoBpm], 1, (bpm) => Math.log2(bpm));
  put([rhythm.tempoConfidence], 1);
  return out;
}

function masteringPart(analyses: Analyses): Float32Array | null {
  const values = analyses["mastering-vector"]?.values;
  if (values === null || values === undefined || values.length !== FEATURE_DIMENSION_COUNT) return null;
  return Float32Array.from(values);
}
