/**
 * What a user needs to choose between copies of the same album or track: format, lossless,
 * sample rate, bit depth, bitrate, size, and a ranking of copies by quality (lossless first,
 * then bit depth, sample rate, bitrate, then more tracks). Values of several tracks are their
 * most common value (bitrate: the mean).
 */

import { formatOf } from "./check-album-formats.js";
import type { QualityTrack } from "./quality-input.js";
import type { QualityDetailValue } from "./quality-issue.js";

export interface CopyQuality {
  readonly format: string | null;
  readonly lossless: boolean | null;
  readonly sampleRate: number | null;
  readonly bitsPerSample: number | null;
  /** Mean bitrate, kbit/s, rounded; null when unknown. */
  readonly bitrateKbps: number | null;
  readonly tracks: number;
  readonly sizeBytes: number;
}

function mostCommon<T>(values: readonly (T | null)[]): T | null {
  const counts = new Map<T, number>();
  let best: T | null = null;
  let bestCount = 0;
  for (const value of values) {
    if (value === null) continue;
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    if (count > bestCount) [best, bestCount] = [value, count];
  }
  return best;
}

export function copyQuality(tracks: readonly QualityTrack[]): CopyQuality {
  const bitrates = tracks.map((track) => track.facts.bitrate).filter((rate): rate is number => rate !== null);
  return {
    format: mostCommon(tracks.map(formatOf)),
    lossless: mostCommon(tracks.map((track) => track.facts.lossless)),
    sampleRate: mostCommon(tracks.map((track) => track.facts.sampleRate)),
    bitsPerSample: mostCommon(tracks.map((track) => track.facts.bitsPerSample)),
    bitrateKbps:
      bitrates.length === 0 ? null : Math.round(bitrates.reduce((sum, rate) => sum + rate, 0) / bitrates.length / 1000),
    tracks: tracks.length,
    sizeBytes: tracks.reduce((sum, track) => sum + track.size, 0),
  };
}

/** Negative when `a` is the better copy. */
export function compareCopies(a: CopyQuality, b: CopyQuality): number {
  return (
    Number(b.lossless === true) - Number(a.lossless === true) ||
    (b.bitsPerSample ?? 0) - (a.bitsPerSample ?? 0) ||
    (b.sampleRate ?? 0) - (a.sampleRate ?? 0) ||
    (b.bitrateKbps ?? 0) - (a.bitrateKbps ?? 0) ||
    b.tracks - a.tracks
  );
}

/** "FLAC 16-bit 44.1 kHz 912 kbps", "MPEG 1 Layer 3 44.1 kHz 320 kbps". */
export function describeQuality(quality: CopyQuality): string {
  const parts = [quality.format ?? "unknown format"];
  if (quality.lossless === true && quality.bitsPerSample !== null) parts.push(`${quality.bitsPerSample}-bit`);
  if (quality.sampleRate !== null) parts.push(`${quality.sampleRate / 1000} kHz`);
  if (quality.bitrateKbps !== null) parts.push(`${quality.bitrateKbps} kbps`);
  return parts.join(" ");
}

export function qualityDetails(quality: CopyQuality): { readonly [key: string]: QualityDetailValue } {
  return { ...quality };
}
