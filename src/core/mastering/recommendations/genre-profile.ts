/**
 * How a genre target profile is written down: a compact spec (loudness, LRA, PLR, band shares,
 * width, low-end correlation, which family of published guidance and which spectral tilt) turned
 * into a `GenreTarget` with its `basis` text. The true-peak ceiling follows one rule for every
 * profile: −1 dBTP (AES TD1008, Spotify), −2 dBTP when the target is louder than −14 LUFS
 * (Spotify's advice for loud masters, the same rule as the encoding estimate in
 * streaming-platforms.ts). The profiles are in genre-targets.ts.
 */
import type { GenreTarget, TargetBandName } from "./genre-target.js";
import { LOUD_MASTER_LUFS } from "./streaming-platforms.js";

export type Shares = readonly [low: number, lowMid: number, mid: number, highMid: number, high: number];
export type Guidance = "club" | "urban" | "pop-rock" | "acoustic" | "dynamic" | "balanced";

export interface ProfileSpec {
  /** Target, min and max integrated loudness, LUFS. */
  readonly loudness: readonly [target: number, min: number, max: number];
  readonly lraLu: readonly [number, number];
  readonly plrDb: readonly [number, number];
  readonly shares: Shares;
  readonly toleranceDb: number;
  readonly width: readonly [number, number];
  readonly lowEndMinCorrelation: number;
  readonly guidance: Guidance;
  /** The genre's spectral tilt in words. */
  readonly tilt: string;
}

const GUIDANCE: Record<Guidance, string> = {
  club: "typical club/EDM master loudness in mastering guides (iZotope, Sound On Sound; Leffler-Schulman −10…−8 LUFS for EDM, louder in bass music; Katz on the loudness race)",
  urban: "hip-hop/R&B master loudness in mastering guides (Leffler-Schulman −10…−6 LUFS; iZotope, Sound On Sound)",
  "pop-rock":
    "pop/rock master loudness in mastering guides (Leffler-Schulman −10…−8 LUFS; iZotope) and Katz's K-14 practice for less limited masters",
  acoustic:
    "acoustic/folk master loudness in mastering guides (Leffler-Schulman −14…−12 LUFS) and AES TD1008 (−16 LUFS distribution loudness, not below −20)",
  dynamic:
    "Katz's K-20 practice for classical, film and jazz, Leffler-Schulman −16…−14 LUFS for classical/jazz, AES TD1008 (−16 LUFS, not below −20)",
  balanced:
    "a middle course between AES TD1008 streaming levels (−16 LUFS) and typical pop/rock masters (Leffler-Schulman −10…−8 LUFS)",
};

export function profile(id: string, name: string, aliases: readonly string[], spec: ProfileSpec): GenreTarget {
  const [targetLufs, minLufs, maxLufs] = spec.loudness;
  const [low, lowMid, mid, highMid, high] = spec.shares;
  const bandShares: Record<TargetBandName, number> = { low, low_mid: lowMid, mid, high_mid: highMid, high };
  const truePeakCeilingDbtp = targetLufs > LOUD_MASTER_LUFS ? -2 : -1;
  const ceilingBasis =
    truePeakCeilingDbtp === -2
      ? "−2 dBTP, Spotify's advice for masters louder than −14 LUFS"
      : "−1 dBTP, AES TD1008 and Spotify";
  return {
    id,
    name,
    aliases,
    loudness: { targetLufs, minLufs, maxLufs },
    truePeakCeilingDbtp,
    loudnessRangeLu: { min: spec.lraLu[0], max: spec.lraLu[1] },
    peakToLoudnessDb: { min: spec.plrDb[0], max: spec.plrDb[1] },
    bandShares,
    bandToleranceDb: spec.toleranceDb,
    stereoWidth: { min: spec.width[0], max: spec.width[1] },
    lowEndMinCorrelation: spec.lowEndMinCorrelation,
    basis:
      `Target derived from published guidance, not measured tracks. Loudness/PLR: ${GUIDANCE[spec.guidance]}. ` +
      `True peak: ${ceilingBasis}. Spectrum: the long-term average spectrum of commercial music ` +
      `(Pestana et al. 2013) tilted for the genre: ${spec.tilt}.`,
  };
}
