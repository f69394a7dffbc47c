/**
 * The stereo dimensions of the feature vector (10): overall width, phase correlation,
 * side-to-mid ratio, mono-compatibility loss and left/right balance, and how the block-wise
 * phase correlation is distributed over the track (5th, 50th and 95th percentiles, spread, and
 * the fraction of blocks out of phase). A mono track reads correlation 1, width 0, mono loss 0
 * throughout. Centres and scales are typical values and spreads of stereo music masters
 * (correlation-meter readings mostly between +0.3 and +1), chosen by hand.
 * Reference: Dickreiter, Dittel, Hoeg & Wöhr (eds.), "Handbuch der Tonstudiotechnik", 8th ed.
 *   (2014) (correlation meter, M/S stereophony).
 */
import type { DimensionSpec, FeatureContext } from "./feature-context.js";
import { quantileOfSorted, standardDeviation } from "./series-statistics.js";

function correlationQuantile(fraction: number): (context: FeatureContext) => number | null {
  return (context) => quantileOfSorted(context.correlations, fraction);
}

function negativeFraction(context: FeatureContext): number | null {
  const { correlations } = context;
  if (correlations.length === 0) return null;
  let negative = 0;
  while (negative < correlations.length && correlations[negative]! < 0) negative++;
  return negative / correlations.length;
}

export const STEREO_DIMENSIONS: readonly DimensionSpec[] = [
  {
    name: "stereo_width",
    unit: "ratio",
    description: "Side / (mid + side) energy of the whole track (0 mono, 0.5 unrelated channels, 1 out of phase)",
    centre: 0.12,
    scale: 0.1,
    value: (c) => c.input.stereoWidth,
  },
  {
    name: "stereo_correlation",
    unit: "correlation",
    description: "Phase correlation of left and right over the whole track",
    centre: 0.75,
    scale: 0.25,
    value: (c) => c.input.stereoCorrelation,
  },
  {
    name: "side_to_mid_db",
    unit: "dB",
    description: "Side-to-mid energy ratio (distinguishes near-mono mixes that width ≈ 0 lumps together)",
    centre: -10,
    scale: 5,
    value: (c) => c.input.sideToMidDb,
  },
  {
    name: "mono_loss_db",
    unit: "dB",
    description: "Energy lost when left and right are summed to mono (0 identical, 3 unrelated)",
    centre: 0.6,
    scale: 0.6,
    value: (c) => c.input.monoLossDb,
  },
  {
    name: "channel_balance_db",
    unit: "dB",
    description: "RMS of the left channel over the right",
    centre: 0,
    scale: 1,
    value: (c) => c.input.channelBalanceDb,
  },
  {
    name: "correlation_p5",
    unit: "correlation",
    description: "5th percentile of the block-wise phase correlation (the widest moments)",
    centre: 0.4,
    scale: 0.3,
    value: correlationQuantile(0.05),
  },
  {
    name: "correlation_p50",
    unit: "correlation",
    description: "Median block-wise phase correlation",
    centre: 0.75,
    scale: 0.2,
    value: correlationQuantile(0.5),
  },
  {
    name: "correlation_p95",
    unit: "correlation",
    description: "95th percentile of the block-wise phase correlation (the narrowest moments)",
    centre: 0.92,
    scale: 0.1,
    value: correlationQuantile(0.95),
  },
  {
    name: "correlation_std",
    unit: "correlation",
    description: "Standard deviation of the block-wise phase correlation (how much the image moves)",
    centre: 0.12,
    scale: 0.08,
    value: (c) => standardDeviation(c.correlations),
  },
  {
    name: "negative_correlation_fraction",
    unit: "fraction",
    description: "Fraction of blocks with negative phase correlation (phase problems, wide effects)",
    centre: 0.01,
    scale: 0.03,
    value: negativeFraction,
  },
];
