/**
 * How beats divide: onset strength at fractions of the beat, relative to the beats. For each
 * onset envelope (frequency region) and fraction f, the mean over beats i (optionally only
 * i ≡ phase mod period) of the envelope maximum within ±radius frames of
 * frame(i) + f·(frame(i+1) − frame(i)), divided by the same mean at f = 0; the median over
 * envelopes is reported per fraction. Fractions 1/3 and 2/3 against 1/2 tell a ternary
 * (compound: 6/8, 12/8) division of the beat from a binary one; restricted to one beat of a
 * bar, fraction 1/2 against 0 and 1 tells a dotted-quarter accent between beats (6/8 tracked
 * at two eighths per beat, a 3:2 error).
 * Reference: Gouyon & Herrera (2003), "Determination of the meter of musical audio signals:
 *   seeking recurrences in beat segment descriptors", AES 114th Convention; Klapuri, Eronen &
 *   Astola (2006), "Analysis of the meter of acoustic musical signals", IEEE TASLP 14(1)
 *   (tatum, tactus and measure levels).
 */
import { median } from "../median.js";
import { envelopePeakNear } from "./envelope-peak.js";

export interface BeatDivisionOptions {
  /** Frames each side of a position over which the envelope maximum is taken; integer ≥ 0. */
  readonly radius: number;
  /** Only beats i ≡ phase (mod period) are measured; period 1 measures every beat. */
  readonly period: number;
  readonly phase: number;
}

export const BEAT_DIVISION_DEFAULTS: BeatDivisionOptions = { radius: 2, period: 1, phase: 0 };

/**
 * Strength at each of `fractions` of the beat ÷ strength at the beats (median over
 * envelopes; ≥ 0). All zeros with fewer than 4 measured beats or silent envelopes.
 */
export function beatDivision(
  beatFrames: Int32Array,
  envelopes: readonly Float32Array[],
  fractions: readonly number[],
  options: Partial<BeatDivisionOptions> = {},
): Float64Array {
  const { radius, period, phase } = { ...BEAT_DIVISION_DEFAULTS, ...options };
  if (!(Number.isInteger(period) && period >= 1)) {
    throw new RangeError(`beatDivision: period must be an integer ≥ 1, got ${period}`);
  }
  const out = new Float64Array(fractions.length);
  const beats = beatFrames.length;
  const ratios: number[][] = fractions.map(() => []);
  for (const envelope of envelopes) {
    if (envelope.length === 0) continue;
    const strength = (frame: number) => envelopePeakNear(envelope, frame, radius);
    let onBeat = 0;
    let measured = 0;
    const sums = new Float64Array(fractions.length);
    for (let i = 0; i + 1 < beats; i++) {
      if ((((i - phase) % period) + period) % period !== 0) continue;
      const from = beatFrames[i]!;
      const span = beatFrames[i + 1]! - from;
      onBeat += strength(from);
      measured++;
      for (let k = 0; k < fractions.length; k++) {
        sums[k] = sums[k]! + strength(Math.round(from + fractions[k]! * span));
      }
    }
    if (measured < 4 || !(onBeat > 0)) continue;
    for (let k = 0; k < fractions.length; k++) ratios[k]!.push(sums[k]! / onBeat);
  }
  for (let k = 0; k < fractions.length; k++) out[k] = ratios[k]!.length === 0 ? 0 : median(ratios[k]!);
  return out;
}
