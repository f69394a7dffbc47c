/**
 * What every feature dimension reads: the input plus the intermediate results that several
 * dimensions share, computed once per track — the balance curve renormalised to its known
 * bands, its shape statistics, the gated and sorted loudness series and the sorted correlation
 * series — and the type of a dimension's specification.
 * Loudness series are gated at −70 LUFS, the absolute gate of ITU-R BS.1770-4, so silence
 * before, after and between songs does not count as quiet music.
 */
import { type BalanceShape, balanceShape } from "./balance-shape.js";
import { sortedAtLeast } from "./series-statistics.js";
import { THIRD_OCTAVE_BAND_COUNT } from "./third-octave-bands.js";
import type { TrackFeatureInput } from "./track-feature-input.js";

export const LOUDNESS_GATE_LUFS = -70;

export type FeatureGroup =
  | "spectral-balance"
  | "band"
  | "loudness-dynamics"
  | "stereo"
  | "harmonic-transient"
  | "spectral-shape";

export interface FeatureContext {
  readonly input: TrackFeatureInput;
  /** The 31 third-octave levels renormalised over the known ones (dB re their total); null if none. */
  readonly balanceDb: readonly (number | null)[] | null;
  /** Shape of the balance curve; null unless all 31 levels are known. */
  readonly shape: BalanceShape | null;
  /** Short-term and momentary loudness ≥ LOUDNESS_GATE_LUFS, ascending. */
  readonly gatedShortTerm: Float64Array;
  readonly gatedMomentary: Float64Array;
  /** The defined correlation-series values, ascending. */
  readonly correlations: Float64Array;
}

/** One dimension: its documentation, its fixed affine normalisation and how to read it. */
export interface DimensionSpec {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  /** Raw value that maps to 0. */
  readonly centre: number;
  /** Raw distance that maps to 1 (> 0). */
  readonly scale: number;
  /** The raw value, or null when the track does not have it. */
  readonly value: (context: FeatureContext) => number | null;
}

export function featureContext(input: TrackFeatureInput): FeatureContext {
  const balanceDb = renormalisedBalance(input.thirdOctaveLevelsDb);
  const complete = balanceDb?.every((level) => level !== null) === true;
  const correlationValues = input.correlationSeries.filter((value): value is number => value !== null);
  return {
    input,
    balanceDb,
    shape: complete ? balanceShape(balanceDb as readonly number[]) : null,
    gatedShortTerm: sortedAtLeast(input.shortTermLufs, LOUDNESS_GATE_LUFS),
    gatedMomentary: sortedAtLeast(input.momentaryLufs, LOUDNESS_GATE_LUFS),
    correlations: sortedAtLeast(correlationValues, Number.NEGATIVE_INFINITY),
  };
}

function renormalisedBalance(levelsDb: readonly (number | null)[] | null): (number | null)[] | null {
  if (levelsDb === null) return null;
  if (levelsDb.length !== THIRD_OCTAVE_BAND_COUNT) {
    throw new RangeError(
      `featureVector: thirdOctaveLevelsDb must hold ${THIRD_OCTAVE_BAND_COUNT} levels or be null, got ${levelsDb.length}`,
    );
  }
  let total = 0;
  for (const level of levelsDb) if (level !== null && Number.isFinite(level)) total += 10 ** (level / 10);
  if (!(total > 0 && Number.isFinite(total))) return null;
  const offsetDb = 10 * Math.log10(total);
  return levelsDb.map((level) => (level !== null && Number.isFinite(level) ? level - offsetDb : null));
}
