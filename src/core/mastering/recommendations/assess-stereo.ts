/**
 * Stereo recommendations against a genre target: overall width and a mono-compatible low end.
 * Width w = E_S / (E_M + E_S) (stereo-image.ts). Scaling the side channel's energy by k turns it
 * into w' = k·w / (1 − w + k·w), so the side gain that reaches width t is
 * 10·log10(t·(1 − w) / (w·(1 − t))) dB; a move needing up to 3 dB is "minor", more "major". As with
 * EQ, the suggested side gain is a partial move (recommendation.ts, `partialCorrectionDb`).
 * Low end: the phase correlation of the low band (20–200 Hz) below the target's minimum is
 * "minor" within 0.2 of it and when not negative, else "major" (a negative correlation cancels
 * bass in mono). Club targets (minimum ≥ 0.75) are made mono below 120 Hz, others below 80 Hz.
 * References: Dickreiter et al., "Handbuch der Tonstudiotechnik", 8th ed. (2014) (correlation
 *   meter, M/S); B. Katz, "Mastering Audio", 3rd ed. (2015) (mono bass for vinyl and clubs).
 */
import { magnitude } from "./format-levels.js";
import type { GenreTarget } from "./genre-target.js";
import type { MasteringFigures } from "./mastering-figures.js";
import {
  aboutAmount,
  cannotAssess,
  issueMessage,
  okMessage,
  outsideBy,
  partialCorrectionDb,
  type Recommendation,
  type RecommendationLevel,
} from "./recommendation.js";

const WIDTH_MINOR_DB = 3;
const CORRELATION_MINOR = 0.2;

/** Side-channel gain (dB) that turns width `from` into width `to`; null when `from` is 0 or 1. */
export function sideGainForWidthDb(from: number, to: number): number | null {
  if (!(from > 0 && from < 1 && to > 0 && to < 1)) return null;
  return 10 * Math.log10((to * (1 - from)) / (from * (1 - to)));
}

export function assessStereoWidth(
  figures: MasteringFigures,
  target: GenreTarget,
  level: RecommendationLevel,
): Recommendation {
  const { min, max } = target.stereoWidth;
  const range = { min, max, ideal: null };
  if (figures.channelCount === 1) {
    return cannotAssess("stereo-width", "Stereo width", "mono file: stereo width does not apply", "width", range);
  }
  const measured = figures.stereoWidth;
  if (measured === null) {
    return cannotAssess("stereo-width", "Stereo width", "not measured: silent or one channel", "width", range);
  }
  const delta = outsideBy(measured, min, max);
  const rangeText = `${min.toFixed(2)}–${max.toFixed(2)}`;
  const base = { area: "stereo-width", measured, unit: "width", target: range, delta, deltaUnit: "width" } as const;
  if (delta === 0) {
    const fact = `Stereo width ${measured.toFixed(2)}: within the ${target.name} range (${rangeText})`;
    return { ...base, severity: "ok", message: okMessage(level, "Stereo width", fact) };
  }
  const narrow = delta < 0;
  const sideGainDb = sideGainForWidthDb(measured, narrow ? min : max);
  const severity = sideGainDb !== null && Math.abs(sideGainDb) <= WIDTH_MINOR_DB ? "minor" : "major";
  const fact = `Stereo width ${measured.toFixed(2)} is ${narrow ? "below" : "above"} the ${target.name} range (${rangeText})${measured === 0 ? ": the channels are identical (dual mono)" : ""}`;
  if (sideGainDb === null) {
    const message = issueMessage(level, {
      label: "Stereo width",
      fact,
      suggestion: narrow ? "stereo sources or panning above about 300 Hz" : "narrowing the mix and checking it in mono",
      prescription: narrow
        ? "pan or double the mid and high parts; a widener cannot create width from identical channels"
        : "check for a polarity-inverted channel and fix it before any width processing",
    });
    return { ...base, severity, message };
  }
  const amount = partialCorrectionDb(sideGainDb);
  const message = issueMessage(level, {
    label: "Stereo width",
    fact,
    suggestion: narrow
      ? `widening above about 300 Hz (side level up by about ${aboutAmount(amount)} dB of the ${magnitude(sideGainDb)} dB the range needs), keeping the low end mono`
      : `narrowing (side level down by about ${aboutAmount(amount)} dB) and checking mono compatibility`,
    prescription: narrow
      ? `M/S: high-pass the side at 300 Hz, then raise the side by ${amount.toFixed(1)} dB; re-measure`
      : `M/S: lower the side by ${amount.toFixed(1)} dB (high-pass the side at 120 Hz as well); re-measure`,
  });
  return { ...base, severity, message };
}

export function assessLowEndMono(
  figures: MasteringFigures,
  target: GenreTarget,
  level: RecommendationLevel,
): Recommendation {
  const minimum = target.lowEndMinCorrelation;
  const range = { min: minimum, max: 1, ideal: null };
  const measured = figures.channelCount === 1 ? 1 : figures.lowEndCorrelation;
  if (measured === null) {
    const reason = "no low-band correlation: silent, or a silent channel";
    return cannotAssess("low-end-mono", "Low-end mono", reason, "correlation", range);
  }
  const delta = Math.min(0, measured - minimum);
  const base = {
    area: "low-end-mono",
    measured,
    unit: "correlation",
    target: range,
    delta,
    deltaUnit: "correlation",
  } as const;
  if (delta === 0) {
    const fact = `Low-end correlation ${measured.toFixed(2)} (20–200 Hz): at or above the ${target.name} minimum of ${minimum.toFixed(2)}`;
    return { ...base, severity: "ok", message: okMessage(level, "Low-end mono", fact) };
  }
  const severity = measured >= 0 && -delta <= CORRELATION_MINOR ? "minor" : "major";
  const cutoffHz = minimum >= 0.75 ? 120 : 80;
  const message = issueMessage(level, {
    label: "Low-end mono",
    fact: `Low-end correlation ${measured.toFixed(2)} (20–200 Hz) is below the ${target.name} minimum of ${minimum.toFixed(2)}${measured < 0 ? ": partly out of phase, bass cancels in mono" : ""}`,
    suggestion: `making the bass mono below about ${cutoffHz} Hz`,
    prescription: `M/S EQ: high-pass the side at ${cutoffHz} Hz (12–24 dB/oct), or a mono maker below ${cutoffHz} Hz; check kick and bass polarity`,
  });
  return { ...base, severity, message };
}
