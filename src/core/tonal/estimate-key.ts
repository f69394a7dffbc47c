/**
 * Global key by profile correlation (Krumhansl–Schmuckler): the Pearson correlation of a
 * 12-bin pitch-class profile (e.g. the mean chroma of a song) with each of the 24
 * rotations of a major/minor key profile; the best-correlated key wins.
 * Confidence: the keys' correlations r_k become probabilities by a softmax with
 * temperature `temperature` (p_k ∝ exp(r_k/T)), scaled by how tonal the profile is at all,
 * clamp(r_best, 0, 1); a flat or empty profile (silence, white noise) gives key null with
 * confidence 0. The runner-up is the second-best key with its confidence on that scale.
 * Reference: Krumhansl (1990), "Cognitive Foundations of Musical Pitch", Oxford UP, ch. 4
 *   (the Krumhansl–Schmuckler algorithm); Gómez (2006), PhD thesis, UPF, §4 (audio key).
 */

import { camelotCode, KEY_COUNT, type KeyMode, keyMode, keyName, keyTonic, openKeyCode } from "./key-names.js";
import { KEY_PROFILES, type KeyProfile, type KeyProfileName } from "./key-profiles.js";

export interface KeyEstimateOptions {
  /** Key profile to correlate with: a name from KEY_PROFILES or a profile pair. */
  readonly profile: KeyProfileName | KeyProfile;
  /** Softmax temperature turning correlations into confidences; > 0. */
  readonly temperature: number;
  /** Profiles whose spread (max − min over their mean) is below this are "no key"; ≥ 0. */
  readonly minContrast: number;
}

export const KEY_ESTIMATE_DEFAULTS: KeyEstimateOptions = {
  profile: "shaath",
  temperature: 0.1,
  minContrast: 0.05,
};

export interface KeyCandidate {
  /** "A minor". */
  readonly key: string;
  /** Index 0–23 (see key-names.ts). */
  readonly index: number;
  /** Pitch class of the tonic, 0 = C … 11 = B. */
  readonly tonic: number;
  readonly mode: KeyMode;
  /** Pearson correlation of the profile with this key's profile, −1 … 1. */
  readonly correlation: number;
  /** 0 … 1; see the module comment. */
  readonly confidence: number;
}

export interface KeyEstimate {
  /** The best key; null when the profile carries no tonal information. */
  readonly best: (KeyCandidate & { readonly camelot: string; readonly openKey: string }) | null;
  /** The second-best key; null with `best`. */
  readonly runnerUp: KeyCandidate | null;
  /** Correlation with each of the 24 keys (index as in key-names.ts). */
  readonly correlations: Float64Array;
}

/** Pearson correlation of `pitchClassProfile` with each of the 24 keys of `profile`, into `out`. */
export function keyCorrelations(
  pitchClassProfile: ArrayLike<number>,
  profile: KeyProfile,
  out: Float64Array = new Float64Array(KEY_COUNT),
): Float64Array {
  if (pitchClassProfile.length !== 12) {
    throw new RangeError(`keyCorrelations: pitchClassProfile must have 12 values, got ${pitchClassProfile.length}`);
  }
  let mean = 0;
  for (let c = 0; c < 12; c++) mean += pitchClassProfile[c]!;
  mean /= 12;
  let variance = 0;
  for (let c = 0; c < 12; c++) variance += (pitchClassProfile[c]! - mean) ** 2;
  for (let index = 0; index < KEY_COUNT; index++) {
    const template = index < 12 ? profile.major : profile.minor;
    const tonic = index % 12;
    let templateMean = 0;
    for (let c = 0; c < 12; c++) templateMean += template[c]!;
    templateMean /= 12;
    let covariance = 0;
    let templateVariance = 0;
    for (let c = 0; c < 12; c++) {
      const weight = template[(c - tonic + 12) % 12]! - templateMean;
      covariance += (pitchClassProfile[c]! - mean) * weight;
      templateVariance += weight * weight;
    }
    const denominator = Math.sqrt(variance * templateVariance);
    out[index] = denominator > 0 && Number.isFinite(covariance) ? covariance / denominator : 0;
  }
  return out;
}

/** The key of a 12-bin pitch-class profile (C first), its confidence and the runner-up. */
export function estimateKey(
  pitchClassProfile: ArrayLike<number>,
  options: Partial<KeyEstimateOptions> = {},
): KeyEstimate {
  const { profile, temperature, minContrast } = { ...KEY_ESTIMATE_DEFAULTS, ...options };
  if (!(temperature > 0)) throw new RangeError(`estimateKey: temperature must be > 0, got ${temperature}`);
  const template = typeof profile === "string" ? KEY_PROFILES[profile] : profile;
  const correlations = keyCorrelations(pitchClassProfile, template, new Float64Array(KEY_COUNT));
  if (!(profileContrast(pitchClassProfile) >= minContrast)) return { best: null, runnerUp: null, correlations };
  let first = 0;
  let second = 1;
  for (let index = 0; index < KEY_COUNT; index++) {
    if (correlations[index]! > correlations[first]!) first = index;
  }
  if (first === second) second = 0;
  for (let index = 0; index < KEY_COUNT; index++) {
    if (index !== first && correlations[index]! > correlations[second]!) second = index;
  }
  const candidate = (index: number): KeyCandidate => ({
    key: keyName(index),
    index,
    tonic: keyTonic(index),
    mode: keyMode(index),
    correlation: correlations[index]!,
    confidence: keyConfidence(correlations, index, temperature),
  });
  const winner = candidate(first);
  return {
    best: { ...winner, camelot: camelotCode(first), openKey: openKeyCode(first) },
    runnerUp: candidate(second),
    correlations,
  };
}

/**
 * Confidence of key `index` given the 24 correlations: its softmax probability at
 * `temperature`, times clamp(best correlation, 0, 1).
 */
export function keyConfidence(correlations: ArrayLike<number>, index: number, temperature: number): number {
  let best = -Infinity;
  for (let k = 0; k < KEY_COUNT; k++) best = Math.max(best, correlations[k]!);
  let partition = 0;
  for (let k = 0; k < KEY_COUNT; k++) partition += Math.exp((correlations[k]! - best) / temperature);
  const tonality = Math.min(1, Math.max(0, best));
  const confidence = (tonality * Math.exp((correlations[index]! - best) / temperature)) / partition;
  return Number.isFinite(confidence) ? confidence : 0;
}

/** (max − min)/mean of the profile; 0 for empty, flat or non-finite profiles. */
export function profileContrast(pitchClassProfile: ArrayLike<number>): number {
  let sum = 0;
  let largest = -Infinity;
  let smallest = Infinity;
  for (let c = 0; c < pitchClassProfile.length; c++) {
    const value = pitchClassProfile[c]!;
    if (!Number.isFinite(value)) return 0;
    sum += value;
    largest = Math.max(largest, value);
    smallest = Math.min(smallest, value);
  }
  const mean = sum / Math.max(1, pitchClassProfile.length);
  return mean > 0 ? (largest - smallest) / mean : 0;
}
