/**
 * Similarity of two raw Chromaprint fingerprints at their best alignment: for every offset d
 * within ±`maxOffsetFrames` that leaves at least `minOverlapFrames` in common, the bit error
 * rate BER(d) = Σ popcount(a[i] XOR b[i − d]) / (32 · overlap) over the overlapping values;
 * the offset of least BER wins (ties: the smaller |d|). score = max(0, 1 − 2·BER): 1 for
 * identical values, ≈ 0 for unrelated audio, whose bits disagree about half the time.
 * offsetFrames d > 0 means b's content appears d frames (d / 8.077 s) later in a.
 * A match is judged "same recording" when score ≥ SAME_RECORDING_MIN_SCORE = 0.5 (BER ≤ 0.25).
 * Calibration on seeded synthetic music (30 s; fingerprint-similarity.test.ts has the cases):
 * the same signal with noise at 10 dB SNR, 0.3× gain, resampled to 48 kHz, low-passed, or
 * trimmed by 0.5–3.3 s (frames then misaligned by up to half a hop) gives BER 0.000–0.047;
 * different melodies and chord sequences give 0.39–0.45. The print describes harmony over time,
 * not timbre: synthetic signals playing the same chords at the same times in other voicings
 * (an octave up, 40 partials, added noise) give 0.15, so a re-voiced performance of the same
 * chords at the same tempo may pass as the same recording.
 * Silence: an all-zero chroma stretch always yields the same value (SILENCE_SUBFINGERPRINT), so
 * by default positions where both prints hold it are left out of the comparison; two silent
 * tracks then have no overlap and do not match. Unchanging drones still agree at any offset.
 * Cost: O(offsets · overlap) XOR-popcounts, ≈ 0.25 M for two 2-minute prints at ±120 frames.
 * Reference: Haitsma & Kalker (2002), "A highly robust audio fingerprinting system", ISMIR
 *   (bit error rate between binary fingerprints); Chromaprint's fpcmp / AcoustID comparison.
 */
import {
  CHROMA_BANDS,
  CHROMAPRINT_HOP_SIZE,
  CHROMAPRINT_SAMPLE_RATE,
  CHROMAPRINT_TEST2_CLASSIFIERS,
} from "./chromaprint-constants.js";
import { createSubfingerprintCalculator } from "./subfingerprint-classifier.js";

export interface FingerprintSimilarityOptions {
  /** Largest |offset| searched, in sub-fingerprints (≈ 8.08 per second); integer ≥ 0. Default 120 (≈ 15 s). */
  readonly maxOffsetFrames: number;
  /**
   * Fewest overlapping sub-fingerprints an offset must leave; integer ≥ 1. Default 40 (≈ 5 s).
   * Lowered to the shorter print's length when that is shorter.
   */
  readonly minOverlapFrames: number;
  /** Leave out positions where both values are SILENCE_SUBFINGERPRINT. Default true. */
  readonly ignoreSilence: boolean;
}

export const FINGERPRINT_SIMILARITY_DEFAULTS: FingerprintSimilarityOptions = {
  maxOffsetFrames: 120,
  minOverlapFrames: 40,
  ignoreSilence: true,
};

/** The sub-fingerprint of 16 all-zero chroma rows (silence, or sound below the norm floor). */
export const SILENCE_SUBFINGERPRINT: number = (() => {
  const calculator = createSubfingerprintCalculator(CHROMAPRINT_TEST2_CLASSIFIERS);
  const zeros = new Float64Array(CHROMA_BANDS);
  let value = -1;
  while (value < 0) value = calculator.addRow(zeros);
  return value;
})();

/** Scores at or above this mean "the same recording" (BER ≤ 0.25); see the module header. */
export const SAME_RECORDING_MIN_SCORE = 0.5;

export interface FingerprintMatch {
  /** max(0, 1 − 2·bitErrorRate): 1 identical, ≈ 0 unrelated. */
  readonly score: number;
  /** Fraction of differing bits at the best offset, in [0, 1]; 1 when no offset qualifies. */
  readonly bitErrorRate: number;
  /** Best offset d: a[i] is compared with b[i − d]. */
  readonly offsetFrames: number;
  /** The same offset in seconds (d · 1365 / 11025). */
  readonly offsetSeconds: number;
  /** Sub-fingerprints compared at the best offset; 0 when no offset leaves `minOverlapFrames` (after silence). */
  readonly overlapFrames: number;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Best-alignment comparison of raw fingerprints `a` and `b` (see the module header). */
export function fingerprintSimilarity(
  a: Uint32Array,
  b: Uint32Array,
  options: Partial<FingerprintSimilarityOptions> = {},
): FingerprintMatch {
  const { maxOffsetFrames, minOverlapFrames, ignoreSilence } = { ...FINGERPRINT_SIMILARITY_DEFAULTS, ...options };
  if (!(Number.isInteger(maxOffsetFrames) && maxOffsetFrames >= 0)) {
    throw new RangeError(`fingerprintSimilarity: maxOffsetFrames must be an integer ≥ 0, got ${maxOffsetFrames}`);
  }
  if (!(Number.isInteger(minOverlapFrames) && minOverlapFrames >= 1)) {
    throw new RangeError(`fingerprintSimilarity: minOverlapFrames must be an integer ≥ 1, got ${minOverlapFrames}`);
  }
  // Prints shorter than minOverlapFrames are compared over their whole length.
  const needed = Math.max(1, Math.min(minOverlapFrames, a.length, b.length));
  let bestErrors = 0;
  let bestOverlap = 0;
  let bestOffset = 0;
  // Offsets in order 0, 1, −1, 2, −2, … so that ties keep the smallest |d|.
  for (let step = 0; step <= 2 * maxOffsetFrames; step++) {
    const offset = step === 0 ? 0 : step % 2 === 1 ? (step + 1) / 2 : -step / 2;
    const start = Math.max(0, offset);
    const end = Math.min(a.length, b.length + offset);
    if (end - start < needed) continue;
    let errors = 0;
    let overlap = 0;
    for (let i = start; i < end; i++) {
      const x = a[i]!;
      const y = b[i - offset]!;
      if (ignoreSilence && x === SILENCE_SUBFINGERPRINT && y === SILENCE_SUBFINGERPRINT) continue;
      errors += popcount(x ^ y);
      overlap++;
    }
    if (overlap < needed) continue;
    // errors/overlap < bestErrors/bestOverlap without division.
    if (bestOverlap === 0 || errors * bestOverlap < bestErrors * overlap) {
      bestErrors = errors;
      bestOverlap = overlap;
      bestOffset = offset;
    }
  }
  const bitErrorRate = bestOverlap === 0 ? 1 : bestErrors / (32 * bestOverlap);
  return {
    score: Math.max(0, 1 - 2 * bitErrorRate),
    bitErrorRate,
    offsetFrames: bestOffset,
    offsetSeconds: (bestOffset * CHROMAPRINT_HOP_SIZE) / CHROMAPRINT_SAMPLE_RATE,
    overlapFrames: bestOverlap,
  };
}

/** True when the match's score reaches `minScore` (default SAME_RECORDING_MIN_SCORE) with some overlap. */
export function isSameRecording(match: FingerprintMatch, minScore = SAME_RECORDING_MIN_SCORE): boolean {
  return match.overlapFrames > 0 && match.score >= minScore;
}
