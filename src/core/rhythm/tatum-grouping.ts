/**
 * Do the thirds of a beat sequence group in threes or in twos? Beats whose thirds carry
 * onsets (eighths at 1/3 and 2/3) are dotted quarters of a compound meter (6/8, 12/8) only
 * when the tatums (the thirds) are accented in threes, on the beats. A simple meter whose
 * beat is two eighths, tracked at three eighths (a 2:3 error: 125 BPM heard as 83.3), shows
 * the same onsets at the thirds but accents them in twos: every other eighth carries the
 * kick, the snare or the chord, and the tracked "beats" fall on- and off-beat in turn, so
 * they are no stronger than the tatums between them.
 * For each envelope, tatum n = 3i + k sits at frame(i) + k/3 · (frame(i+1) − frame(i));
 * its strength is the envelope maximum within ±radius frames. Relative to the mean tatum
 * strength:
 *   ternary contrast = mean(k = 0) − mean(k ≠ 0)   (accents on the beats),
 *   binary contrast  = |mean(n even) − mean(n odd)| (accents on every other tatum).
 * Each is the median over envelopes.
 * Reference: Gouyon & Herrera (2003), "Determination of the meter of musical audio signals:
 *   seeking recurrences in beat segment descriptors", AES 114 (duple/triple from tatum
 *   accents); Klapuri, Eronen & Astola (2006), IEEE TASLP 14(1) (tatum and tactus levels).
 */
import { median } from "../median.js";
import { envelopePeakNear } from "./envelope-peak.js";

export interface TatumGroupingOptions {
  /** Frames each side of a tatum over which the envelope maximum is taken; integer ≥ 0. */
  readonly radius: number;
}

export const TATUM_GROUPING_DEFAULTS: TatumGroupingOptions = { radius: 2 };

export interface TatumGrouping {
  /** Accent of the beats over their thirds, ÷ mean tatum strength (> 0: the beats group three tatums). */
  readonly ternaryContrast: number;
  /** Accent of alternate tatums, ÷ mean tatum strength (≥ 0; above the ternary contrast: they group in twos). */
  readonly binaryContrast: number;
}

/** Both contrasts 0 with fewer than 4 beats or silent envelopes. */
export function tatumGrouping(
  beatFrames: Int32Array,
  envelopes: readonly Float32Array[],
  options: Partial<TatumGroupingOptions> = {},
): TatumGrouping {
  const { radius } = { ...TATUM_GROUPING_DEFAULTS, ...options };
  const beats = beatFrames.length;
  const ternary: number[] = [];
  const binary: number[] = [];
  for (const envelope of envelopes) {
    if (beats < 4 || envelope.length === 0) break;
    const strength = (frame: number) => envelopePeakNear(envelope, frame, radius);
    let onBeat = 0;
    let between = 0;
    let even = 0;
    let odd = 0;
    for (let i = 0; i + 1 < beats; i++) {
      const from = beatFrames[i]!;
      const span = beatFrames[i + 1]! - from;
      for (let k = 0; k < 3; k++) {
        const value = strength(Math.round(from + (k * span) / 3));
        if (k === 0) onBeat += value;
        else between += value;
        if ((3 * i + k) % 2 === 0) even += value;
        else odd += value;
      }
    }
    const tatums = 3 * (beats - 1);
    const mean = (onBeat + between) / tatums;
    if (!(mean > 0)) continue;
    ternary.push((onBeat / (beats - 1) - between / (2 * (beats - 1))) / mean);
    // Even and odd tatums differ in count by at most one: compare their means.
    const evenCount = Math.ceil(tatums / 2);
    binary.push(Math.abs(even / evenCount - odd / (tatums - evenCount)) / mean);
  }
  if (ternary.length === 0) return { ternaryContrast: 0, binaryContrast: 0 };
  return { ternaryContrast: median(ternary), binaryContrast: median(binary) };
}
