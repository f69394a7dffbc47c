/**
 * The harmonic-and-transient dimensions of the feature vector (9): the harmonic-distortion
 * estimate and its 2nd and 3rd harmonics (even- versus odd-order character), clipping (rate of
 * clipped runs and share of clipped samples, both on log scales), transient density and the
 * distribution of attack times (median and quartiles, log10 of milliseconds, since attack times
 * range over orders of magnitude). On music the distortion estimate also counts natural
 * overtones of the strongest sustained note (harmonic-distortion.ts): read it as "harmonic
 * richness of the dominant tone", an upper bound on distortion.
 * Centres and scales are typical values and spreads of music, chosen by hand.
 * References: IEC 60268-3:2018 §14.12 (THD); Bello et al. (2005), "A tutorial on onset
 *   detection in music signals", IEEE TSAP 13(5).
 */
import type { DimensionSpec } from "./feature-context.js";

/** log10 of a positive time in ms; null otherwise. */
function logMilliseconds(value: number | null): number | null {
  return value !== null && value > 0 ? Math.log10(value) : null;
}

export const HARMONIC_TRANSIENT_DIMENSIONS: readonly DimensionSpec[] = [
  {
    name: "thd_db",
    unit: "dB",
    description: "Total harmonic distortion estimate of the strongest sustained tone, 20·log10 of the ratio",
    centre: -30,
    scale: 10,
    value: (c) => c.input.thdDb,
  },
  {
    name: "harmonic_2_db",
    unit: "dB",
    description: "2nd harmonic of the strongest sustained tone relative to its fundamental (even-order character)",
    centre: -35,
    scale: 12,
    value: (c) => c.input.harmonic2Db,
  },
  {
    name: "harmonic_3_db",
    unit: "dB",
    description: "3rd harmonic of the strongest sustained tone relative to its fundamental (odd-order character)",
    centre: -35,
    scale: 12,
    value: (c) => c.input.harmonic3Db,
  },
  {
    name: "clipping_events_log",
    unit: "log10(1 + per minute)",
    description: "Clipped runs (flat full-scale stretches) per minute, log10(1 + rate)",
    centre: 0.3,
    scale: 0.5,
    value: (c) => {
      const { clippingEvents, durationSeconds } = c.input;
      if (clippingEvents === null || durationSeconds === null || !(durationSeconds > 0)) return null;
      return Math.log10(1 + (60 * clippingEvents) / durationSeconds);
    },
  },
  {
    name: "clipped_samples_log",
    unit: "log10(1 + ppm)",
    description: "Samples inside clipped runs, parts per million, log10(1 + ppm)",
    centre: 0.5,
    scale: 1,
    value: (c) => {
      const fraction = c.input.clippedSampleFraction;
      return fraction === null || !(fraction >= 0) ? null : Math.log10(1 + 1e6 * fraction);
    },
  },
  {
    name: "transient_density_per_second",
    unit: "onsets/s",
    description: "Energy-envelope onsets per second",
    centre: 3,
    scale: 2,
    value: (c) => c.input.transientDensityPerSecond,
  },
  {
    name: "attack_time_log_ms",
    unit: "log10(ms)",
    description: "Median 10–90 % attack time of the onsets",
    centre: 1,
    scale: 0.4,
    value: (c) => logMilliseconds(c.input.attackTimeMs),
  },
  {
    name: "attack_time_q1_log_ms",
    unit: "log10(ms)",
    description: "Lower quartile of the attack times (the sharpest hits)",
    centre: 0.8,
    scale: 0.4,
    value: (c) => logMilliseconds(c.input.attackTimeQ1Ms),
  },
  {
    name: "attack_time_q3_log_ms",
    unit: "log10(ms)",
    description: "Upper quartile of the attack times (the softest onsets)",
    centre: 1.2,
    scale: 0.4,
    value: (c) => logMilliseconds(c.input.attackTimeQ3Ms),
  },
];
