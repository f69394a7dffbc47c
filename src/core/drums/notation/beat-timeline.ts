/**
 * Time ↔ beat position on a tracked beat grid. Between two beats the position is linear in
 * time (beat i at beats[i], beat i + 1 at beats[i + 1]); before the first beat and after
 * the last it continues at the period of the nearest beat interval. Positions follow the
 * beat tracker through tempo changes and drift, so a hit is placed relative to the beats
 * around it, never to a global tempo.
 * Reference: Dixon (2001), "Automatic extraction of tempo and beat from expressive
 *   performances", JNMR 30(1) (onsets interpreted relative to the tracked beat times);
 *   Cemgil, Desain & Kappen (2000), "Rhythm quantization for transcription", CMJ 24(2)
 *   (quantisation after the tempo track has been factored out).
 */

export interface BeatTimeline {
  /** The beat times in use: ascending, at least two. */
  readonly beatTimes: Float64Array;
  /** Beat position of a time (fractional; negative before the first beat). */
  positionOf(timeSeconds: number): number;
  /** Time of a beat position (the inverse of positionOf). */
  timeOf(position: number): number;
}

/** Beat period used when the grid has fewer than two beats and no tempo. */
export const FALLBACK_BEAT_PERIOD_SECONDS = 0.5;

/**
 * A timeline through `beats` (seconds, ascending; values that are not finite or do not
 * increase are dropped). With fewer than two usable beats the grid is continued at
 * `fallbackPeriodSeconds` from the one beat (or from 0 s).
 */
export function createBeatTimeline(
  beats: readonly number[],
  fallbackPeriodSeconds: number = FALLBACK_BEAT_PERIOD_SECONDS,
): BeatTimeline {
  if (!(fallbackPeriodSeconds > 0 && Number.isFinite(fallbackPeriodSeconds))) {
    throw new RangeError(`createBeatTimeline: fallbackPeriodSeconds must be > 0, got ${fallbackPeriodSeconds}`);
  }
  const usable: number[] = [];
  for (const time of beats) {
    if (Number.isFinite(time) && (usable.length === 0 || time > usable[usable.length - 1]! + 1e-6)) usable.push(time);
  }
  if (usable.length === 0) usable.push(0);
  if (usable.length === 1) usable.push(usable[0]! + fallbackPeriodSeconds);
  const beatTimes = Float64Array.from(usable);
  const last = beatTimes.length - 1;
  const firstPeriod = beatTimes[1]! - beatTimes[0]!;
  const lastPeriod = beatTimes[last]! - beatTimes[last - 1]!;

  function positionOf(timeSeconds: number): number {
    if (timeSeconds <= beatTimes[0]!) return (timeSeconds - beatTimes[0]!) / firstPeriod;
    if (timeSeconds >= beatTimes[last]!) return last + (timeSeconds - beatTimes[last]!) / lastPeriod;
    // Largest i with beatTimes[i] ≤ time.
    let low = 0;
    let high = last;
    while (high - low > 1) {
      const middle = (low + high) >>> 1;
      if (beatTimes[middle]! <= timeSeconds) low = middle;
      else high = middle;
    }
    return low + (timeSeconds - beatTimes[low]!) / (beatTimes[low + 1]! - beatTimes[low]!);
  }

  function timeOf(position: number): number {
    if (position <= 0) return beatTimes[0]! + position * firstPeriod;
    if (position >= last) return beatTimes[last]! + (position - last) * lastPeriod;
    const index = Math.floor(position);
    return beatTimes[index]! + (position - index) * (beatTimes[index + 1]! - beatTimes[index]!);
  }

  return { beatTimes, positionOf, timeOf };
}
