/**
 * Spectral-balance recommendations: each of the five target bands compared with the measured
 * energy share of the band with the same name and edges.
 * Deviation, in dB of energy, from energy-share ratios: r_b = 10·log10(measured share / target
 * share), referenced to the median r over the comparable bands: Δ_b = r_b − median(r). Shares
 * are relative — raising one band lowers every other band's share — so plain r_b would spread one
 * band's excess over all five and could never show a dominant band's excess at its size (with a
 * 66 % target share, a share can rise at most 1.8 dB). A level change is the same for all bands,
 * so removing the median leaves the shape; an EQ change in one or two of the five bands then shows
 * up in those bands alone, at its true size. At least three comparable bands are needed.
 * Within ±bandToleranceDb a band is "ok", up to twice the tolerance "minor", beyond "major".
 * The EQ move for a band lies inside the band (a low shelf at 120 Hz for excess low end, a bell
 * at 3.5 kHz for the upper mids…) and its amount is a partial correction, about 60 % of the
 * deviation (`partialCorrectionDb`): re-measure after each move.
 * Bands within the target are listed only at the informative level; a band that cannot be
 * compared (share not measured, no energy, other edges) is listed as "unknown" at every level.
 * References: EQ practice in B. Katz, "Mastering Audio", 3rd ed. (2015) and B. Owsinski,
 *   "The Mastering Engineer's Handbook", 4th ed. (2017): shelves for the extremes, broad bells
 *   (Q 0.7–1) for tonal balance.
 */

import { median } from "../../median.js";
import { hertz, hertzRange, magnitude, percent } from "./format-levels.js";
import { type GenreTarget, TARGET_BANDS, type TargetBandName } from "./genre-target.js";
import type { BandFigures, MasteringFigures } from "./mastering-figures.js";
import {
  aboutAmount,
  cannotAssess,
  issueMessage,
  okMessage,
  partialCorrectionDb,
  type Recommendation,
  type RecommendationLevel,
  type Severity,
} from "./recommendation.js";

interface EqMove {
  /** The frequencies the move is about, Hz (inside the band). */
  readonly rangeHz: readonly [number, number];
  readonly filter: "low shelf" | "bell" | "high shelf";
  readonly frequencyHz: number;
  readonly q: number;
}

interface BandMoves {
  /** How messages name the band ("Low end"). */
  readonly label: string;
  /** "is" or "are" after the label. */
  readonly verb: "is" | "are";
  readonly cut: EqMove;
  readonly boost: EqMove;
}

export const BAND_MOVES: Readonly<Record<TargetBandName, BandMoves>> = {
  low: {
    label: "Low end",
    verb: "is",
    cut: { rangeHz: [60, 120], filter: "low shelf", frequencyHz: 120, q: 0.7 },
    boost: { rangeHz: [50, 100], filter: "low shelf", frequencyHz: 100, q: 0.7 },
  },
  low_mid: {
    label: "Low mids",
    verb: "are",
    cut: { rangeHz: [250, 400], filter: "bell", frequencyHz: 300, q: 1 },
    boost: { rangeHz: [200, 350], filter: "bell", frequencyHz: 250, q: 0.9 },
  },
  mid: {
    label: "Mids",
    verb: "are",
    cut: { rangeHz: [700, 1500], filter: "bell", frequencyHz: 1000, q: 0.8 },
    boost: { rangeHz: [700, 1500], filter: "bell", frequencyHz: 1000, q: 0.8 },
  },
  high_mid: {
    label: "Upper mids",
    verb: "are",
    cut: { rangeHz: [2500, 5000], filter: "bell", frequencyHz: 3500, q: 1 },
    boost: { rangeHz: [2500, 5000], filter: "bell", frequencyHz: 3500, q: 0.8 },
  },
  high: {
    label: "Highs",
    verb: "are",
    cut: { rangeHz: [8000, 16_000], filter: "high shelf", frequencyHz: 8000, q: 0.7 },
    boost: { rangeHz: [10_000, 16_000], filter: "high shelf", frequencyHz: 10_000, q: 0.7 },
  },
};

/** Band edges closer than this (Hz) count as the same. */
const EDGE_TOLERANCE_HZ = 1;

/** Fewest comparable bands for a meaningful median reference. */
const MIN_COMPARABLE_BANDS = 3;

type Comparison =
  | { readonly kind: "unknown"; readonly reason: string }
  | { readonly kind: "share"; readonly share: number; readonly ratioDb: number };

/** One recommendation per target band that is off or cannot be compared (and, informative, per band that is fine). */
export function assessBands(
  figures: MasteringFigures,
  target: GenreTarget,
  level: RecommendationLevel,
): Recommendation[] {
  const comparisons = TARGET_BANDS.map((band) =>
    compareBand(
      band,
      figures.bands.find((candidate) => candidate.name === band.name),
      target,
    ),
  );
  const ratios = comparisons.flatMap((comparison) => (comparison.kind === "share" ? [comparison.ratioDb] : []));
  if (ratios.length < MIN_COMPARABLE_BANDS) {
    const reason =
      ratios.length === 0
        ? "no band energy shares: the track is silent or the bands were not measured"
        : `only ${ratios.length} of ${TARGET_BANDS.length} bands measured`;
    const unknownTarget = { min: null, max: null, ideal: null };
    return [cannotAssess("spectral-balance", "Spectral balance", reason, "dB", unknownTarget)];
  }
  const referenceDb = median(ratios);
  const results: Recommendation[] = [];
  TARGET_BANDS.forEach((band, index) => {
    const recommendation = assessBand(band.name, comparisons[index]!, referenceDb, target, level);
    if (recommendation.severity !== "ok" || level === "informative") results.push(recommendation);
  });
  return results;
}

function compareBand(
  edges: (typeof TARGET_BANDS)[number],
  measured: BandFigures | undefined,
  target: GenreTarget,
): Comparison {
  if (measured === undefined) return { kind: "unknown", reason: "band not measured" };
  if (
    Math.abs(measured.lowHz - edges.lowHz) > EDGE_TOLERANCE_HZ ||
    Math.abs(measured.highHz - edges.highHz) > EDGE_TOLERANCE_HZ
  ) {
    const reason = `measured over ${hertzRange(measured.lowHz, measured.highHz)}, the target's band is ${hertzRange(edges.lowHz, edges.highHz)}`;
    return { kind: "unknown", reason };
  }
  const share = measured.energyShare;
  if (share === null) return { kind: "unknown", reason: "energy share not measured" };
  if (!(share > 0)) return { kind: "unknown", reason: "no energy measured in the band" };
  return { kind: "share", share, ratioDb: 10 * Math.log10(share / target.bandShares[edges.name]) };
}

function assessBand(
  name: TargetBandName,
  comparison: Comparison,
  referenceDb: number,
  target: GenreTarget,
  level: RecommendationLevel,
): Recommendation {
  const edges = TARGET_BANDS.find((band) => band.name === name)!;
  const { label, verb, cut, boost } = BAND_MOVES[name];
  const fullLabel = `${label} (${hertzRange(edges.lowHz, edges.highHz)})`;
  const targetShare = target.bandShares[name];
  const toleranceDb = target.bandToleranceDb;
  // Measured as the band's level relative to the target (Δ, dB): on target at 0 ± tolerance.
  const range = { min: -toleranceDb, max: toleranceDb, ideal: 0 };
  const area = `band:${name}` as const;
  if (comparison.kind === "unknown") return cannotAssess(area, fullLabel, comparison.reason, "dB", range);

  const { share } = comparison;
  const deltaDb = comparison.ratioDb - referenceDb;
  const severity: Severity =
    Math.abs(deltaDb) <= toleranceDb ? "ok" : Math.abs(deltaDb) <= 2 * toleranceDb ? "minor" : "major";
  const base = {
    area,
    severity,
    measured: deltaDb,
    unit: "dB",
    target: range,
    delta: deltaDb,
    deltaUnit: "dB",
    shares: { measured: share, target: targetShare },
  } as const;
  const shares = `${percent(share)} of the energy, target ${percent(targetShare)}`;
  if (severity === "ok") {
    const fact = `${fullLabel} ${verb} within the ${target.name} target (${magnitude(deltaDb)} dB ${deltaDb >= 0 ? "above" : "below"}, tolerance ±${toleranceDb.toFixed(1)} dB; ${shares})`;
    return { ...base, message: okMessage(level, fullLabel, fact) };
  }
  const excess = deltaDb > 0;
  const move = excess ? cut : boost;
  const amount = partialCorrectionDb(deltaDb);
  const message = issueMessage(level, {
    label: fullLabel,
    fact: `${fullLabel} ${verb} ${magnitude(deltaDb)} dB ${excess ? "above" : "below"} the ${target.name} target (${shares})`,
    suggestion: `${excess ? "cutting" : "boosting"} ${hertzRange(move.rangeHz[0], move.rangeHz[1])} by about ${aboutAmount(amount)} dB, then re-measuring`,
    prescription: `${move.filter} at ${hertz(move.frequencyHz)}, ${excess ? "−" : "+"}${amount.toFixed(1)} dB, Q ${move.q.toFixed(1)}; re-measure before a second move`,
  });
  return { ...base, message };
}
