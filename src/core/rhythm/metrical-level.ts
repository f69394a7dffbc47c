/**
 * Is a tracked beat sequence at the beat level, or at half or twice it? Two beat-synchronous
 * consistency tests on onset envelopes of several frequency regions (snare, chords, cymbals):
 * - half-beat test: if the points midway between the beats carry as much onset strength as
 *   the beats themselves, the midpoints are beats too: the sequence is too slow (×2).
 *   At the beat level the half-beats hold weaker events (off-beat hi-hats, syncopations).
 *   Only when the doubled beats are themselves subdivided (quarter-beat ratio at least
 *   `doubleNeedsQuarter`): otherwise the midpoints are the music's finest pulse, its tatum,
 *   which lies below the beat (a slow groove with loud eighths and nothing between them).
 *   Measured on eight rendered training splits (152 songs, never dev or val): tempo Acc1
 *   0.921 → 0.941, beat F up on two splits, no song lost on dev, val or any training split.
 * - alternate-beat test: if every other beat carries much less onset strength than its
 *   neighbours (no snare, no chord change, only a hi-hat), the strong ones are the beats:
 *   the sequence is too fast (×½). At the beat level, backbeats and kicks share the load.
 * - empty-subdivision test: music subdivides its beat (eighth-note hi-hats, off-beat chords,
 *   moving bass); if nothing at all happens between the beats (half-beat ratio below
 *   `emptyBelow`) and alternate beats differ, the "beats" are the subdivision: ×½.
 * Each ratio is the median over regions of (strength at half-beats / at beats) and
 * (weaker parity / stronger parity); strength at a position = envelope maximum within
 * ±`radius` frames. The median keeps one region (open hi-hats on the off-beats of a
 * four-on-the-floor groove) from deciding alone. Low-frequency (kick) regions are best left out: a kick on beats 1 and 3
 * only would fail the alternate-beat test at the right level.
 * metrical-level-model.ts learns the same decision from these and further per-region ratios
 * (scripts/rhythm/train-metrical-level.ts); the rhythm analysis decides with it for beats
 * that divide in two, better on unseen songs (see there). These tests decide for beats that
 * divide in three, and their ratios serve the analysis's harmonic-rhythm check.
 * Reference: Klapuri, Eronen & Astola (2006), "Analysis of the meter of acoustic musical
 *   signals", IEEE TASLP 14(1) (tactus from the metrical hierarchy); Gouyon & Herrera (2003),
 *   "Determination of the meter of musical audio signals: seeking recurrences in beat
 *   segment descriptors", AES 114 (beat-synchronous descriptors).
 */
import { median } from "../median.js";
import { envelopePeakNear } from "./envelope-peak.js";

export interface MetricalLevelOptions {
  /** Frames each side of a position over which the envelope maximum is taken. */
  readonly radius: number;
  /** Half-beat ratio above which the beats are doubled (given `doubleNeedsQuarter`). */
  readonly doubleAbove: number;
  /**
   * Quarter-beat ratio the half-beat test needs before it doubles: the doubled beats must
   * themselves be subdivided, or the half-beats are the music's finest pulse, not its beat.
   */
  readonly doubleNeedsQuarter: number;
  /** Alternate-beat ratio below which the beats are halved. */
  readonly halveBelow: number;
  /** Half-beat ratio below which the subdivision counts as empty. */
  readonly emptyBelow: number;
  /** Alternate-beat ratio below which beats with an empty subdivision are halved. */
  readonly halveEmptyBelow: number;
  /** Quarter-beat ratio from which the quarter-beat test may double the beats. */
  readonly quarterMin: number;
  /** Quarter-beat ÷ half-beat ratio from which the quarter-beat test doubles the beats. */
  readonly quarterOverHalf: number;
}

export const METRICAL_LEVEL_DEFAULTS: MetricalLevelOptions = {
  radius: 2,
  doubleAbove: 0.65,
  doubleNeedsQuarter: 0.12,
  halveBelow: 0.45,
  emptyBelow: 0.1,
  halveEmptyBelow: 0.6,
  quarterMin: 0.15,
  quarterOverHalf: 0.5,
};

export interface MetricalLevelEvidence {
  /** Median over regions of strength at half-beats ÷ strength at beats (≥ 0; ≈ 1 or more: too slow). */
  readonly halfBeatRatio: number;
  /** Median over regions of weaker ÷ stronger alternate-beat strength (0..1; small: too fast). */
  readonly alternateBeatRatio: number;
  /** Median over regions of strength at quarter-beats (1/4, 3/4) ÷ strength at beats (≥ 0). */
  readonly quarterBeatRatio: number;
  /** Factor to apply to the tempo: 2 (too slow), ½ (too fast) or 1; 1 with fewer than 8 beats. */
  readonly factor: number;
}

export function metricalLevel(
  beatFrames: Int32Array,
  envelopes: readonly Float32Array[],
  options: Partial<MetricalLevelOptions> = {},
): MetricalLevelEvidence {
  const { radius, doubleAbove, doubleNeedsQuarter, halveBelow, emptyBelow, halveEmptyBelow } = {
    ...METRICAL_LEVEL_DEFAULTS,
    ...options,
  };
  const { quarterMin, quarterOverHalf } = { ...METRICAL_LEVEL_DEFAULTS, ...options };
  const beats = beatFrames.length;
  const halfRatios: number[] = [];
  const alternateRatios: number[] = [];
  const quarterRatios: number[] = [];
  for (const envelope of envelopes) {
    if (beats < 8 || envelope.length === 0) break;
    const strength = (frame: number) => envelopePeakNear(envelope, frame, radius);
    let onBeat = 0;
    let halfBeat = 0;
    let quarterBeat = 0;
    let even = 0;
    let odd = 0;
    for (let i = 0; i + 1 < beats; i++) {
      const value = strength(beatFrames[i]!);
      onBeat += value;
      if (i % 2 === 0) even += value;
      else odd += value;
      const from = beatFrames[i]!;
      const span = beatFrames[i + 1]! - from;
      halfBeat += strength(Math.round(from + span / 2));
      quarterBeat += 0.5 * (strength(Math.round(from + span / 4)) + strength(Math.round(from + (3 * span) / 4)));
    }
    if (!(onBeat > 0)) continue;
    halfRatios.push(halfBeat / onBeat);
    alternateRatios.push(Math.min(even, odd) / Math.max(even, odd));
    quarterRatios.push(quarterBeat / onBeat);
  }
  if (halfRatios.length === 0) return { halfBeatRatio: 0, alternateBeatRatio: 1, quarterBeatRatio: 0, factor: 1 };
  const halfBeatRatio = median(halfRatios);
  const alternateBeatRatio = median(alternateRatios);
  const quarterBeatRatio = median(quarterRatios);
  const tooSlow =
    (halfBeatRatio > doubleAbove && quarterBeatRatio >= doubleNeedsQuarter) ||
    (quarterBeatRatio >= quarterMin && quarterBeatRatio >= quarterOverHalf * halfBeatRatio);
  const tooFast =
    alternateBeatRatio < halveBelow || (halfBeatRatio < emptyBelow && alternateBeatRatio < halveEmptyBelow);
  const factor = tooSlow ? 2 : tooFast ? 0.5 : 1;
  return { halfBeatRatio, alternateBeatRatio, quarterBeatRatio, factor };
}
