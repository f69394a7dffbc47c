/**
 * The "feature-series" analysis (opt-in: `--analyses feature-series` or "all"): the frame
 * series behind "features", for export to CSV or numpy. Every series has one entry per
 * frame, aligned with `frameTimes` (frame centres in seconds: frame t is centred on sample
 * t·hopSize of the 22050 Hz mono mix). Vector features (MFCC, contrast) are arrays of
 * per-frame rows, `mfcc[t][k]` = coefficient k of frame t: `np.array(series["mfcc"])` has
 * shape (frames, 20), its transpose is librosa's (n_mfcc, frames) layout, and each row is
 * one CSV line after its frame time. Values keep 4 significant digits (times 0.01 ms),
 * about 1.5 MB of JSON for a 3-minute song; null marks a frame holding non-finite samples.
 * Adding a per-frame feature (e.g. chroma, frames × 12 on the same frames) = one schema
 * field and one `matrixRows` (or `seriesValues`) call in run.
 */
import { z } from "zod";
import { frameTime } from "../../core/dsp/spectrogram.js";
import { defineAnalysis } from "../analysis-definition.js";
import { chromaOf } from "../representations/chroma.js";
import { frameFeaturesOf } from "../representations/frame-features.js";
import { roundSignificant } from "./features.js";

const SERIES_DIGITS = 4;

/** One rounded value per frame; null for non-finite values. */
export function seriesValues(values: Float32Array, digits = SERIES_DIGITS): (number | null)[] {
  const out = new Array<number | null>(values.length);
  for (let t = 0; t < values.length; t++) {
    const value = values[t]!;
    out[t] = Number.isFinite(value) ? roundSignificant(value, digits) : null;
  }
  return out;
}

/** Rows of a frame-major frames × width matrix, rounded; null for non-finite values. */
export function matrixRows(
  data: Float32Array,
  frames: number,
  width: number,
  digits = SERIES_DIGITS,
): (number | null)[][] {
  const rows = new Array<(number | null)[]>(frames);
  for (let t = 0; t < frames; t++) rows[t] = seriesValues(data.subarray(t * width, (t + 1) * width), digits);
  return rows;
}

const series = (what: string) => z.array(z.number().nullable()).describe(`${what}, one value per frame`);
const rows = (what: string) =>
  z.array(z.array(z.number().nullable())).describe(`${what}, one row per frame (frame-major: [frame][coefficient])`);

export const FeatureSeriesSchema = z
  .object({
    sampleRate: z.number().describe("rate of the mono mix the features were computed on, Hz"),
    frameSize: z.number().int().describe("frame (FFT) size in samples"),
    hopSize: z.number().int().describe("samples between frame centres"),
    frames: z.number().int().describe("number of frames: the length of every series"),
    frameTimes: z.array(z.number()).describe("centre of each frame, seconds (t·hopSize/sampleRate)"),
    spectralCentroidHz: series("spectral centroid, Hz (0 in silence)"),
    spectralBandwidthHz: series("spectral bandwidth (p = 2), Hz (0 in silence)"),
    spectralRolloffHz: series("85 % spectral roll-off, Hz (0 in silence)"),
    spectralFlatness: series("spectral flatness of the power spectrum, in (0, 1] (1 in digital silence)"),
    spectralContrastDb: rows(
      "spectral contrast in dB, 7 values: bands 0–200, 200–400, 400–800, 800–1600, 1600–3200, 3200–6400 Hz, 6400 Hz–Nyquist",
    ),
    zeroCrossingRate: series("zero-crossing rate, crossings per sample"),
    rms: series("frame RMS, linear full-scale units"),
    mfcc: rows("MFCC c0…c19 (librosa's definition), dB-cepstral units"),
    chroma: rows("chroma C, C#, …, B per frame: tuning-corrected pitch-class energy share, 0…1"),
  })
  .describe("Per-frame timbre features for export (opt-in; summarised in `features`)");

export type FeatureSeries = z.infer<typeof FeatureSeriesSchema>;

export const featureSeriesAnalysis = defineAnalysis({
  name: "feature-series",
  description: "per-frame series of every timbre feature with frame times, for CSV/numpy export (opt-in)",
  schema: FeatureSeriesSchema,
  cost: 2,
  passes: ["tonal"],
  includedByDefault: false,
  run: (context): FeatureSeries => {
    const features = frameFeaturesOf(context);
    const pitchClasses = chromaOf(context);
    const { frames } = features;
    const frameTimes = new Array<number>(frames);
    for (let t = 0; t < frames; t++) frameTimes[t] = Math.round(frameTime(features, t) * 1e5) / 1e5;
    return {
      sampleRate: features.sampleRate,
      frameSize: features.frameSize,
      hopSize: features.hopSize,
      frames,
      frameTimes,
      spectralCentroidHz: seriesValues(features.centroidHz),
      spectralBandwidthHz: seriesValues(features.bandwidthHz),
      spectralRolloffHz: seriesValues(features.rolloffHz),
      spectralFlatness: seriesValues(features.flatness),
      spectralContrastDb: matrixRows(features.contrastDb, frames, features.contrastBands),
      zeroCrossingRate: seriesValues(features.zeroCrossingRate),
      rms: seriesValues(features.rms),
      mfcc: matrixRows(features.mfcc, frames, features.mfccCoefficients),
      chroma: matrixRows(pitchClasses.data, Math.min(frames, pitchClasses.frames), 12),
    };
  },
});
