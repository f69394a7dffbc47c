/**
 * The "features" analysis: summary statistics (mean, standard deviation, min, max, median
 * over the frames) of every per-frame timbre feature, librosa's definitions, computed on
 * the mono mix at 22050 Hz with 2048-sample frames and a 512-sample hop (TONAL_STFT).
 * Compact (a few hundred numbers) and on by default; the frame series themselves are
 * the opt-in "feature-series" analysis. Values are rounded to 6 significant digits.
 * Adding a per-frame feature (e.g. chroma, frames × 12 on the same frames) = one schema
 * field built with `vectorStatisticsSchema` and one `summarizeMatrixColumns` call in run.
 */
import { z } from "zod";
import {
  type SeriesSummary,
  type SeriesSummaryKernel,
  summarizeSeries,
  summarizeSeriesWith,
} from "../../core/features/summarize-series.js";
import { defineAnalysis } from "../analysis-definition.js";
import { chromaOf } from "../representations/chroma.js";
import { frameFeaturesOf } from "../representations/frame-features.js";

const SIGNIFICANT_DIGITS = 6;

/**
 * `value` to `digits` significant digits, as the double nearest that decimal (so JSON
 * prints it short); 0 and non-finite values unchanged. Integer powers of ten only, exact.
 */
export function roundSignificant(value: number, digits: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const exponent = Math.floor(Math.log10(Math.abs(value))) - digits + 1;
  if (exponent >= 0) {
    const step = 10 ** exponent;
    return Math.round(value / step) * step;
  }
  const scale = 10 ** -exponent;
  return Math.round(value * scale) / scale;
}

/** The five statistics over a value schema (a number, or one number per coefficient). */
function statisticsSchema<Value extends z.ZodType>(value: (description: string) => Value, what: string, scope: string) {
  return z
    .object({
      mean: value("mean"),
      std: value("population standard deviation (numpy std, ddof 0)"),
      min: value("minimum"),
      max: value("maximum"),
      median: value("median"),
    })
    .nullable()
    .describe(`${what}; statistics ${scope}, null when the track has no frame`);
}

/** Statistics of a scalar feature; null when no frame has a finite value (e.g. no frames). */
export function scalarStatisticsSchema(what: string, unit: string) {
  const stat = (name: string) => z.number().describe(`${name} over the frames, ${unit}`);
  return statisticsSchema(stat, what, "over the frames");
}

/** Statistics per coefficient of a vector feature (one array entry per coefficient). */
export function vectorStatisticsSchema(what: string, unit: string) {
  const stat = (name: string) => z.array(z.number()).describe(`${name} of each coefficient over the frames, ${unit}`);
  return statisticsSchema(stat, what, "per coefficient over the frames");
}

type ScalarStatistics = SeriesSummary | null;
type VectorStatistics = { mean: number[]; std: number[]; min: number[]; max: number[]; median: number[] } | null;

function rounded(summary: SeriesSummary): SeriesSummary {
  return {
    mean: roundSignificant(summary.mean, SIGNIFICANT_DIGITS),
    std: roundSignificant(summary.std, SIGNIFICANT_DIGITS),
    min: roundSignificant(summary.min, SIGNIFICANT_DIGITS),
    max: roundSignificant(summary.max, SIGNIFICANT_DIGITS),
    median: roundSignificant(summary.median, SIGNIFICANT_DIGITS),
  };
}

/** Rounded statistics of a per-frame series (non-finite frames skipped); `kernel` computes the same ones. */
export function summarizeScalarSeries(
  values: Float32Array,
  scratch?: Float64Array,
  kernel?: SeriesSummaryKernel,
): ScalarStatistics {
  const column = { offset: 0, stride: 1, count: values.length };
  let summary: SeriesSummary | null;
  if (kernel !== undefined && values.length <= kernel.values.length) {
    kernel.values.set(values);
    summary = summarizeSeriesWith(kernel, column);
  } else summary = summarizeSeries(values, column, scratch);
  return summary === null ? null : rounded(summary);
}

/** Rounded statistics of each column of a frame-major frames × width matrix. */
export function summarizeMatrixColumns(
  data: Float32Array,
  frames: number,
  width: number,
  scratch: Float64Array = new Float64Array(frames),
  kernel?: SeriesSummaryKernel,
): VectorStatistics {
  const inKernel = kernel !== undefined && frames * width <= kernel.values.length;
  if (inKernel) kernel.values.set(data.subarray(0, frames * width));
  const out = {
    mean: [] as number[],
    std: [] as number[],
    min: [] as number[],
    max: [] as number[],
    median: [] as number[],
  };
  for (let column = 0; column < width; column++) {
    const series = { offset: column, stride: width, count: frames };
    const summary = inKernel ? summarizeSeriesWith(kernel, series) : summarizeSeries(data, series, scratch);
    if (summary === null) return null;
    const values = rounded(summary);
    out.mean.push(values.mean);
    out.std.push(values.std);
    out.min.push(values.min);
    out.max.push(values.max);
    out.median.push(values.median);
  }
  return out;
}

export const FeaturesSchema = z
  .object({
    sampleRate: z.number().describe("rate of the mono mix the features were computed on, Hz"),
    frameSize: z.number().int().describe("frame (FFT) size in samples; frames are centred on t·hopSize"),
    hopSize: z.number().int().describe("samples between frame centres"),
    frames: z.number().int().describe("frames summarised"),
    spectralCentroidHz: scalarStatisticsSchema(
      "spectral centroid: magnitude-weighted mean frequency (0 in silence)",
      "Hz",
    ),
    spectralBandwidthHz: scalarStatisticsSchema(
      "spectral bandwidth: magnitude-weighted standard deviation of frequency about the centroid (p = 2; 0 in silence)",
      "Hz",
    ),
    spectralRolloffHz: scalarStatisticsSchema(
      "spectral roll-off: frequency below which 85 % of the magnitude lies (0 in silence)",
      "Hz",
    ),
    spectralFlatness: scalarStatisticsSchema(
      "spectral flatness: geometric / arithmetic mean of the power spectrum (≈ 0 tonal, ≈ 0.56 white noise, 1 digital silence)",
      "ratio in (0, 1]",
    ),
    spectralContrastDb: vectorStatisticsSchema(
      "spectral contrast (Jiang et al. 2002, as librosa): peak − valley level in 7 bands, 0–200, 200–400, 400–800, 800–1600, 1600–3200, 3200–6400 Hz and 6400 Hz–Nyquist",
      "dB",
    ),
    zeroCrossingRate: scalarStatisticsSchema(
      "zero-crossing rate: sign changes per sample (a sine of f Hz reads 2f/sampleRate)",
      "crossings per sample",
    ),
    rms: scalarStatisticsSchema(
      "frame RMS level of the mono mix (a sine of amplitude A reads A/√2)",
      "linear full-scale units",
    ),
    mfcc: vectorStatisticsSchema(
      "MFCC c0…c19 (librosa: 128 Slaney mel bands of the power spectrum, 10·log10 with 80 dB range, orthonormal DCT-II)",
      "dB-cepstral units",
    ),
    chroma: vectorStatisticsSchema(
      "chroma C, C#, …, B: tuning-corrected pitch-class energy per frame (the key and chord analyses' chroma), on the same frames",
      "share of the frame's pitched energy, 0…1",
    ),
  })
  .describe("Timbre features (librosa's definitions): statistics over the frames");

export type Features = z.infer<typeof FeaturesSchema>;

export const featuresAnalysis = defineAnalysis({
  name: "features",
  description:
    "spectral centroid, bandwidth, roll-off, flatness, contrast, MFCC, chroma, zero-crossing rate and RMS: statistics",
  schema: FeaturesSchema,
  cost: 3,
  passes: ["tonal"],
  run: (context): Features => {
    const features = frameFeaturesOf(context);
    const pitchClasses = chromaOf(context);
    const { frames } = features;
    const scratch = new Float64Array(Math.max(frames, pitchClasses.frames));
    const largest = Math.max(
      frames * Math.max(1, features.contrastBands, features.mfccCoefficients),
      pitchClasses.frames * 12,
    );
    const kernel = largest > 0 ? context.accelerators.seriesSummary?.(largest) : undefined;
    return {
      sampleRate: features.sampleRate,
      frameSize: features.frameSize,
      hopSize: features.hopSize,
      frames,
      spectralCentroidHz: summarizeScalarSeries(features.centroidHz, scratch, kernel),
      spectralBandwidthHz: summarizeScalarSeries(features.bandwidthHz, scratch, kernel),
      spectralRolloffHz: summarizeScalarSeries(features.rolloffHz, scratch, kernel),
      spectralFlatness: summarizeScalarSeries(features.flatness, scratch, kernel),
      spectralContrastDb: summarizeMatrixColumns(features.contrastDb, frames, features.contrastBands, scratch, kernel),
      zeroCrossingRate: summarizeScalarSeries(features.zeroCrossingRate, scratch, kernel),
      rms: summarizeScalarSeries(features.rms, scratch, kernel),
      mfcc: summarizeMatrixColumns(features.mfcc, frames, features.mfccCoefficients, scratch, kernel),
      chroma: summarizeMatrixColumns(pitchClasses.data, pitchClasses.frames, 12, scratch, kernel),
    };
  },
});
