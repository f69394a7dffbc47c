/**
 * The shape of a genre target profile and the five bands its spectral shares refer to.
 * A profile states what a finished master of the genre usually measures: integrated loudness
 * with an acceptable range, a true-peak ceiling, loudness range (EBU Tech 3342), peak-to-loudness
 * ratio (PLR = true peak − integrated loudness, the dynamics figure normalisation cannot change),
 * the energy share of each band with a tolerance in dB, stereo width and how mono the low end
 * should be. The profiles themselves (genre-targets.ts) are targets derived from published
 * guidance, not measurements of real tracks.
 */

/** The bands of the shares: the default mastering split of frequency-bands.ts (Hz, [low, high)). */
export const TARGET_BANDS = [
  { name: "low", lowHz: 20, highHz: 200 },
  { name: "low_mid", lowHz: 200, highHz: 500 },
  { name: "mid", lowHz: 500, highHz: 2000 },
  { name: "high_mid", lowHz: 2000, highHz: 6000 },
  { name: "high", lowHz: 6000, highHz: 20_000 },
] as const;

export type TargetBandName = (typeof TARGET_BANDS)[number]["name"];

/** An inclusive range, min ≤ max. */
export interface ValueRange {
  readonly min: number;
  readonly max: number;
}

export interface LoudnessTarget {
  /** The central integrated loudness, LUFS. */
  readonly targetLufs: number;
  /** The acceptable integrated loudness, LUFS; contains targetLufs. */
  readonly minLufs: number;
  readonly maxLufs: number;
}

export interface GenreTarget {
  /** Kebab-case identifier, e.g. "drum-and-bass". */
  readonly id: string;
  /** Display name, e.g. "Drum & Bass". */
  readonly name: string;
  /** Other names accepted by `findGenreTarget` (matched without case, spaces or punctuation). */
  readonly aliases: readonly string[];
  readonly loudness: LoudnessTarget;
  /** Highest acceptable true peak, dBTP (≤ 0). */
  readonly truePeakCeilingDbtp: number;
  /** Loudness range (EBU Tech 3342), LU. */
  readonly loudnessRangeLu: ValueRange;
  /** Peak-to-loudness ratio, true peak − integrated loudness, dB. */
  readonly peakToLoudnessDb: ValueRange;
  /** Share of the energy between 20 Hz and 20 kHz in each band; the five shares sum to 1. */
  readonly bandShares: Readonly<Record<TargetBandName, number>>;
  /** A band is within the target while |10·log10(measured share / target share)| ≤ this, dB. */
  readonly bandToleranceDb: number;
  /** Stereo width E_S / (E_M + E_S) of the whole mix (stereo-image.ts), 0 mono … 1 out of phase. */
  readonly stereoWidth: ValueRange;
  /** Lowest acceptable phase correlation in the low band (20–200 Hz): 1 is mono. */
  readonly lowEndMinCorrelation: number;
  /** What published guidance the numbers are derived from. */
  readonly basis: string;
}
