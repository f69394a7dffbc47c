/**
 * Candidate pairs for duplicate recordings without comparing all pairs: an inverted index of
 * exact sub-fingerprint values, as AcoustID's index does (Lukáš Lalinský, "How does Chromaprint
 * work?", 2011, and the acoustid-index design), restricted to pairs whose durations differ by
 * at most `durationToleranceSeconds` (unknown durations pass).
 * Copies of one recording share many exact 32-bit values (a value survives when none of its
 * 32 bits flips: at a bit error rate of 0.05 about 19 % of them, at 0.1 about 3 %), unrelated
 * audio almost none, so pairs sharing at least `minSharedValues` indexed values are verified
 * with the full comparison by the caller. To bound memory, only values whose hash is 0 modulo
 * a power of two are indexed (content-defined, so both copies index the same values whatever
 * their alignment), chosen so that a median print contributes ≈ `targetValuesPerPrint` values.
 * Values shared by more than `maxTracksPerValue` tracks (drones, near-silence) are ignored.
 * Limitation: copies with bit error rates above ≈ 0.12, which core/fingerprint still calls the
 * same recording up to 0.25, share too few exact values and may be missed.
 * Cost: sorting one Float64Array of (value, track) entries, O(E log E) with
 * E ≈ tracks · targetValuesPerPrint, plus the pairs within each shared value.
 */
import { SILENCE_SUBFINGERPRINT } from "../../core/fingerprint/index.js";

export interface FingerprintCandidateOptions {
  /** Indexed values a median-length print contributes, ≥ 1. Default 128. */
  readonly targetValuesPerPrint: number;
  /** Values held by more tracks than this are not evidence; ≥ 2. Default 64. */
  readonly maxTracksPerValue: number;
  /** Indexed values a pair must share to be a candidate, ≥ 1. Default 2. */
  readonly minSharedValues: number;
  /** Largest duration difference of a candidate pair, seconds. Default 2. */
  readonly durationToleranceSeconds: number;
}

export const FINGERPRINT_CANDIDATE_DEFAULTS: FingerprintCandidateOptions = {
  targetValuesPerPrint: 128,
  maxTracksPerValue: 64,
  minSharedValues: 2,
  durationToleranceSeconds: 2,
};

/** Entries pack value · 2^21 + print index into one exactly represented double. */
const PRINT_BITS = 2 ** 21;

function mix(value: number): number {
  const mixed = Math.imul(value ^ (value >>> 16), 0x45d9f3b);
  return (mixed ^ (mixed >>> 16)) >>> 0;
}

function samplingMask(prints: readonly Uint32Array[], target: number): number {
  const lengths = prints.map((print) => print.length).sort((a, b) => a - b);
  const median = lengths[lengths.length >> 1] ?? 0;
  let step = 1;
  while (step * 2 <= median / target) step *= 2;
  return step - 1;
}

/** Pairs [i, j] (i < j) of prints worth comparing in full, sorted. */
export function fingerprintCandidates(
  prints: readonly Uint32Array[],
  durations: readonly (number | null)[],
  options: Partial<FingerprintCandidateOptions> = {},
): [number, number][] {
  const { targetValuesPerPrint, maxTracksPerValue, minSharedValues, durationToleranceSeconds } = {
    ...FINGERPRINT_CANDIDATE_DEFAULTS,
    ...options,
  };
  if (prints.length > PRINT_BITS) {
    throw new RangeError(`fingerprintCandidates: at most ${PRINT_BITS} prints, got ${prints.length}`);
  }
  const mask = samplingMask(prints, targetValuesPerPrint);
  const indexed = (value: number): boolean => value !== SILENCE_SUBFINGERPRINT && (mix(value) & mask) === 0;
  let size = 0;
  for (const print of prints) for (const value of print) if (indexed(value)) size++;
  const entries = new Float64Array(size);
  let fill = 0;
  prints.forEach((print, index) => {
    for (const value of print) if (indexed(value)) entries[fill++] = value * PRINT_BITS + index;
  });
  entries.sort();
  const shared = new Map<number, number>();
  const run = new Int32Array(maxTracksPerValue);
  const count = prints.length;
  for (let start = 0; start < size; ) {
    const value = Math.floor(entries[start]! / PRINT_BITS);
    let members = 0;
    let end = start;
    for (; end < size && Math.floor(entries[end]! / PRINT_BITS) === value; end++) {
      if (end > start && entries[end] === entries[end - 1]) continue;
      if (members <= maxTracksPerValue) members++;
      if (members <= maxTracksPerValue) run[members - 1] = entries[end]! - value * PRINT_BITS;
    }
    start = end;
    if (members < 2 || members > maxTracksPerValue) continue;
    for (let a = 0; a < members; a++) {
      const left = run[a]!;
      for (let b = a + 1; b < members; b++) {
        const right = run[b]!;
        const leftSeconds = durations[left] ?? null;
        const rightSeconds = durations[right] ?? null;
        if (
          leftSeconds !== null &&
          rightSeconds !== null &&
          Math.abs(leftSeconds - rightSeconds) > durationToleranceSeconds
        )
          continue;
        const key = left * count + right;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
    }
  }
  const pairs: [number, number][] = [];
  for (const [key, times] of shared) {
    if (times >= minSharedValues) pairs.push([Math.floor(key / count), key % count]);
  }
  return pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}
