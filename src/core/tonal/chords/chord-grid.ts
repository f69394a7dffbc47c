/**
 * The time grid chords are decided on: beat times, each beat split into `subdivisions`
 * equal steps, with the stretches before the first beat, after the last one and inside
 * any gap longer than 1.5 beat periods filled with steps of one beat period (so an intro
 * without a detected pulse, a fade-out or a beat-tracking gap still get chords). Without
 * beats, the whole signal is cut into steps of `fallbackPeriodSeconds`.
 * Output: ascending boundaries in seconds from 0 to `durationSeconds` (n + 1 boundaries
 * for n steps). Chord changes in popular music fall on beats, so beat-synchronous steps
 * average the chroma over stretches of one harmony.
 * Reference: Bello & Pickens (2005), "A robust mid-level representation for harmonic
 *   content in music signals", ISMIR (beat-synchronous chroma for chords).
 */

export interface ChordGridOptions {
  /** Steps per beat; integer ≥ 1. */
  readonly subdivisions: number;
  /** Step length without beats (s); > 0. */
  readonly fallbackPeriodSeconds: number;
}

export const CHORD_GRID_DEFAULTS: ChordGridOptions = { subdivisions: 1, fallbackPeriodSeconds: 0.5 };

export function chordGrid(
  beatsSeconds: ArrayLike<number>,
  durationSeconds: number,
  options: Partial<ChordGridOptions> = {},
): Float64Array {
  const { subdivisions, fallbackPeriodSeconds } = { ...CHORD_GRID_DEFAULTS, ...options };
  if (!(Number.isInteger(subdivisions) && subdivisions >= 1)) {
    throw new RangeError(`chordGrid: subdivisions must be an integer ≥ 1, got ${subdivisions}`);
  }
  if (!(fallbackPeriodSeconds > 0)) {
    throw new RangeError(`chordGrid: fallbackPeriodSeconds must be > 0, got ${fallbackPeriodSeconds}`);
  }
  const duration = Number.isFinite(durationSeconds) && durationSeconds > 0 ? durationSeconds : 0;
  const beats: number[] = [];
  for (let i = 0; i < beatsSeconds.length; i++) {
    const time = beatsSeconds[i]!;
    if (Number.isFinite(time) && time > 0 && time < duration && (beats.length === 0 || time > beats.at(-1)!)) {
      beats.push(time);
    }
  }
  const period = beats.length >= 2 ? medianGap(beats) : fallbackPeriodSeconds;
  const boundaries: number[] = [0];
  // Fill (from, to] with steps of about `step` seconds, ending exactly at `to`.
  const fill = (from: number, to: number, step: number) => {
    const count = Math.max(1, Math.round((to - from) / step));
    for (let k = 1; k <= count; k++) boundaries.push(from + ((to - from) * k) / count);
  };
  let previous = 0;
  for (let i = 0; i < beats.length; i++) {
    const beat = beats[i]!;
    const gap = beat - previous;
    if (i > 0 && gap <= 1.5 * period) fill(previous, beat, gap / subdivisions);
    else fill(previous, beat, period / subdivisions);
    previous = beat;
  }
  if (duration > previous) fill(previous, duration, period / subdivisions);
  return Float64Array.from(boundaries.filter((time, i) => i === 0 || time > boundaries[i - 1]!));
}

function medianGap(times: readonly number[]): number {
  const gaps = times.slice(1).map((time, i) => time - times[i]!);
  gaps.sort((a, b) => a - b);
  return gaps[gaps.length >> 1]!;
}
