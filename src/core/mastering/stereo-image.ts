/**
 * Stereo image figures from the energies of L, R and their cross term C = Σ L·R: of the
 * whole signal (exact time-domain sums), of a band (from the long-term L, R and cross
 * spectra, so they describe the band-limited L and R signals) or of a block:
 * - phase correlation ρ = C / √(E_L·E_R) ∈ [−1, 1] (the normalised correlation a
 *   correlation meter shows: +1 mono, 0 unrelated, −1 out of phase);
 * - mid M = (L+R)/2 and side S = (L−R)/2: E_M = (E_L + E_R + 2C)/4, E_S = (E_L + E_R − 2C)/4;
 *   width = E_S / (E_M + E_S) ∈ [0, 1] (0 mono, 0.5 for unrelated equal channels, 1 for
 *   L = −R; equals (1 − ρ)/2 when both channels carry the same energy) and the side-to-mid
 *   ratio in dB;
 * - mono compatibility: the loss when L and R are summed instead of played apart,
 *   monoLossDb = −10·log10(E_(L+R) / (2·(E_L + E_R))) ≥ 0 (0 dB for identical channels,
 *   3.01 dB for unrelated ones, MONO_LOSS_CEILING_DB when the sum cancels completely).
 * Mono input: ρ = 1, width 0, loss 0 by definition. A silent channel leaves ρ undefined
 * (null); width and loss still follow from the energies (0.5 and 3.01 dB).
 * Levels below SILENT_MEAN_SQUARE (mean square, −120 dBFS) count as silent.
 * Reference: Dickreiter, Dittel, Hoeg & Wöhr (eds.), "Handbuch der Tonstudiotechnik",
 *   8th ed. (2014), De Gruyter (correlation meter; M/S stereophony).
 */

/** Mean square (per sample) below which a signal counts as silent: −120 dBFS. */
export const SILENT_MEAN_SQUARE = 1e-12;
/** The mono loss reported when L + R cancels to below −120 dB of the stereo energy. */
export const MONO_LOSS_CEILING_DB = 120;

export interface StereoFigures {
  /** Normalised correlation in [−1, 1]; null when either channel is silent. */
  readonly correlation: number | null;
  /** E_S / (E_M + E_S) in [0, 1]; null when both channels are silent. */
  readonly width: number | null;
  /** 10·log10(E_S / E_M); null when mid or side is silent. */
  readonly sideToMidDb: number | null;
  /** Loss of energy when summed to mono, dB ≥ 0; null when both channels are silent. */
  readonly monoLossDb: number | null;
}

export const MONO_STEREO_FIGURES: StereoFigures = { correlation: 1, width: 0, sideToMidDb: null, monoLossDb: 0 };
export const SILENT_STEREO_FIGURES: StereoFigures = {
  correlation: null,
  width: null,
  sideToMidDb: null,
  monoLossDb: null,
};

/** Figures from energies summed over `sampleCount` samples (the count sets the silence threshold). */
export function stereoFigures(left: number, right: number, cross: number, sampleCount: number): StereoFigures {
  const silent = SILENT_MEAN_SQUARE * Math.max(1, sampleCount);
  const leftSilent = !(left > silent);
  const rightSilent = !(right > silent);
  if (leftSilent && rightSilent) return SILENT_STEREO_FIGURES;
  const mean = (left + right) / 2;
  const mid = Math.max(0, (left + right + 2 * cross) / 4);
  const side = Math.max(0, (left + right - 2 * cross) / 4);
  const correlation = leftSilent || rightSilent ? null : clamp(cross / Math.sqrt(left * right), -1, 1);
  const monoRatio = mid / mean;
  return {
    correlation,
    width: clamp(side / (mid + side), 0, 1),
    sideToMidDb: mid > silent && side > silent ? 10 * Math.log10(side / mid) : null,
    monoLossDb:
      monoRatio > 10 ** (-MONO_LOSS_CEILING_DB / 10) ? Math.max(0, -10 * Math.log10(monoRatio)) : MONO_LOSS_CEILING_DB,
  };
}

/** Correlation of each block (null for blocks where a channel is silent). */
export function correlationSeries(
  left: Float64Array,
  right: Float64Array,
  cross: Float64Array,
  blockSampleCount: number,
): (number | null)[] {
  return Array.from(left, (_, b) => stereoFigures(left[b]!, right[b]!, cross[b]!, blockSampleCount).correlation);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
