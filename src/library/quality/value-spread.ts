/**
 * The spread of one tag's values over a set of tracks, the building block of the consistency
 * checks: each distinct value with its tracks, most common first (ties: first seen), and the
 * tracks that deviate from the most common value, which are the ones a fix most likely touches.
 */

import { entryOf } from "./map-entry.js";
import type { QualityTrack } from "./quality-input.js";

export interface ValueShare {
  /** The value's comparable key. */
  readonly key: string;
  /** The value as the first track carrying it spells it. */
  readonly value: string;
  readonly paths: readonly string[];
}

export interface ValueSpread {
  /** Distinct values, most common first. */
  readonly shares: readonly ValueShare[];
  /** Paths of tracks whose value differs from the most common one, sorted. */
  readonly deviating: readonly string[];
}

/**
 * Spread of `valueFor` over `tracks`; tracks for which it returns null are left out.
 * `keyOf` decides which spellings are the same value (default: the value itself).
 */
export function valueSpread(
  tracks: readonly QualityTrack[],
  valueFor: (track: QualityTrack) => string | null,
  keyOf: (value: string) => string = (value) => value,
): ValueSpread {
  const byKey = new Map<string, { value: string; paths: string[] }>();
  for (const track of tracks) {
    const value = valueFor(track);
    if (value === null) continue;
    const key = keyOf(value);
    const share = entryOf(byKey, key, () => ({ value, paths: [] }));
    share.paths.push(track.path);
  }
  const shares = [...byKey.entries()]
    .map(([key, share]) => ({ key, value: share.value, paths: share.paths }))
    .sort((a, b) => b.paths.length - a.paths.length);
  const deviating = shares
    .slice(1)
    .flatMap((share) => share.paths)
    .sort();
  return { shares, deviating };
}

/** "1969 (10 tracks), 1987 (2 tracks)". */
export function describeShares(shares: readonly ValueShare[]): string {
  return shares
    .map((share) => `${share.value} (${share.paths.length} track${share.paths.length === 1 ? "" : "s"})`)
    .join(", ");
}
