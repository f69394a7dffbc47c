/**
 * The loudness-and-dynamics dimensions of the feature vector (23): programme loudness, peaks
 * and their ratios (PLR: true peak minus integrated loudness), the DR meter, crest factor, and
 * how short-term (3 s) and momentary (400 ms) loudness are distributed over the track —
 * quantiles relative to the integrated loudness, spread, step size, quiet and loud fractions,
 * the arc from start to end and where the loudest moment lies.
 * Quantiles and spreads use windows at or above the −70 LUFS absolute gate (BS.1770-4), as the
 * integrated loudness does; fractions, the arc and the loudest position use every window.
 * Centres and scales are typical values and spreads of released music (e.g. streaming
 * masters near −14 LUFS integrated, PLR 8–16 dB, LRA 4–10 LU), chosen by hand.
 * References: ITU-R BS.1770-4 (2015); EBU Tech 3342 (2016), loudness range; EBU R 128 s1
 *   (2016) for PLR; Pleasurize Music Foundation DR meter.
 */
import { type DimensionSpec, type FeatureContext, LOUDNESS_GATE_LUFS } from "./feature-context.js";
import {
  energyMeanDb,
  fractionBelow,
  meanAbsoluteStep,
  positionOfMaximum,
  quantileOfSorted,
  standardDeviation,
} from "./series-statistics.js";

/** Short-term windows this far below the integrated loudness count as quiet, LU. */
const QUIET_BELOW_LU = 20;
/** Short-term windows within this of the loudest count as loud, LU. */
const LOUD_WITHIN_LU = 3;

function difference(value: number | null, reference: number | null): number | null {
  return value === null || reference === null ? null : value - reference;
}

/** A quantile of sorted gated values relative to the integrated loudness. */
function quantileReIntegrated(sorted: Float64Array, fraction: number, context: FeatureContext): number | null {
  return difference(quantileOfSorted(sorted, fraction), context.input.integratedLufs);
}

/** Energy mean of the last third of the short-term series minus that of the first third. */
function loudnessArc(context: FeatureContext): number | null {
  const series = context.input.shortTermLufs;
  const third = Math.floor(series.length / 3);
  if (third === 0) return null;
  return difference(energyMeanDb(series, series.length - third, series.length), energyMeanDb(series, 0, third));
}

function loudFraction(context: FeatureContext): number | null {
  const { gatedShortTerm } = context;
  if (gatedShortTerm.length === 0) return null;
  const below = fractionBelow(context.input.shortTermLufs, gatedShortTerm[gatedShortTerm.length - 1]! - LOUD_WITHIN_LU);
  return below === null ? null : 1 - below;
}

function quietFraction(context: FeatureContext): number | null {
  const { integratedLufs } = context.input;
  return integratedLufs === null ? null : fractionBelow(context.input.shortTermLufs, integratedLufs - QUIET_BELOW_LU);
}

function dimension(
  name: string,
  unit: string,
  centre: number,
  scale: number,
  description: string,
  value: (context: FeatureContext) => number | null,
): DimensionSpec {
  return { name, unit, description, centre, scale, value };
}

export const DYNAMICS_DIMENSIONS: readonly DimensionSpec[] = [
  dimension(
    "integrated_lufs",
    "LUFS",
    -14,
    6,
    "Integrated (programme) loudness, BS.1770-4",
    (c) => c.input.integratedLufs,
  ),
  dimension("loudness_range_lu", "LU", 7, 4, "Loudness range, EBU Tech 3342", (c) => c.input.loudnessRangeLu),
  dimension("plr_db", "dB", 12, 4, "Peak-to-loudness ratio: true peak minus integrated loudness", (c) =>
    difference(c.input.truePeakDbtp, c.input.integratedLufs),
  ),
  dimension("true_peak_dbtp", "dBTP", -1, 2, "True peak (oversampled), dB re full scale", (c) => c.input.truePeakDbtp),
  dimension("true_peak_overshoot_db", "dB", 0.3, 0.4, "True peak minus sample peak (inter-sample overshoot)", (c) =>
    difference(c.input.truePeakDbtp, c.input.samplePeakDbfs),
  ),
  dimension(
    "max_momentary_re_integrated_lu",
    "LU",
    4,
    2,
    "Loudest 400 ms window relative to the integrated loudness",
    (c) => difference(c.input.maxMomentaryLufs, c.input.integratedLufs),
  ),
  dimension(
    "max_short_term_re_integrated_lu",
    "LU",
    2.5,
    1.5,
    "Loudest 3 s window relative to the integrated loudness",
    (c) => difference(c.input.maxShortTermLufs, c.input.integratedLufs),
  ),
  dimension(
    "range_high_re_integrated_lu",
    "LU",
    2,
    1.5,
    "Upper end of the loudness range (95th percentile of short-term loudness) relative to the integrated",
    (c) => difference(c.input.loudnessRangeHighLufs, c.input.integratedLufs),
  ),
  dimension("crest_factor_db", "dB", 12, 3, "Sample peak over RMS of all channels", (c) => c.input.crestFactorDb),
  dimension(
    "dynamic_range_db",
    "dB",
    9,
    3,
    "DR-meter dynamic range (loudest 20 % of 3 s blocks)",
    (c) => c.input.dynamicRangeDb,
  ),
  dimension("rms_dbfs", "dBFS", -13, 5, "RMS level of all channels", (c) => c.input.rmsDbfs),
  dimension(
    "short_term_p10_re_integrated_lu",
    "LU",
    -6,
    3,
    "10th percentile of gated short-term loudness re integrated",
    (c) => quantileReIntegrated(c.gatedShortTerm, 0.1, c),
  ),
  dimension("short_term_p50_re_integrated_lu", "LU", 0.5, 1.5, "Median gated short-term loudness re integrated", (c) =>
    quantileReIntegrated(c.gatedShortTerm, 0.5, c),
  ),
  dimension(
    "short_term_p90_re_integrated_lu",
    "LU",
    2,
    1.5,
    "90th percentile of gated short-term loudness re integrated",
    (c) => quantileReIntegrated(c.gatedShortTerm, 0.9, c),
  ),
  dimension("short_term_std_lu", "LU", 3, 2, "Standard deviation of gated short-term loudness (macro-dynamics)", (c) =>
    standardDeviation(c.gatedShortTerm),
  ),
  dimension("momentary_std_lu", "LU", 4, 2, "Standard deviation of gated momentary loudness", (c) =>
    standardDeviation(c.gatedMomentary),
  ),
  dimension(
    "momentary_p10_re_integrated_lu",
    "LU",
    -8,
    4,
    "10th percentile of gated momentary loudness re integrated",
    (c) => quantileReIntegrated(c.gatedMomentary, 0.1, c),
  ),
  dimension(
    "momentary_p95_re_integrated_lu",
    "LU",
    3,
    1.5,
    "95th percentile of gated momentary loudness re integrated",
    (c) => quantileReIntegrated(c.gatedMomentary, 0.95, c),
  ),
  dimension(
    "quiet_fraction",
    "fraction",
    0.05,
    0.1,
    `Fraction of short-term windows more than ${QUIET_BELOW_LU} LU below the integrated loudness (breaks, intros, fades)`,
    quietFraction,
  ),
  dimension(
    "loudness_arc_lu",
    "LU",
    0,
    4,
    "Energy-mean short-term loudness of the last third minus that of the first third (build-up > 0, fade < 0)",
    loudnessArc,
  ),
  dimension(
    "momentary_flux_lu",
    "LU",
    1.2,
    0.8,
    "Mean absolute change of momentary loudness per 100 ms step (micro-dynamics, punch)",
    (c) => meanAbsoluteStep(c.input.momentaryLufs, LOUDNESS_GATE_LUFS),
  ),
  dimension(
    "loudest_position",
    "fraction of duration",
    0.55,
    0.25,
    "Where the loudest short-term window lies in the track",
    (c) => (c.gatedShortTerm.length === 0 ? null : positionOfMaximum(c.input.shortTermLufs)),
  ),
  dimension(
    "loud_fraction",
    "fraction",
    0.3,
    0.2,
    `Fraction of short-term windows within ${LOUD_WITHIN_LU} LU of the loudest (how much of the track runs at full level)`,
    loudFraction,
  ),
];
