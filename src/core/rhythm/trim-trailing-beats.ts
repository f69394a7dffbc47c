/**
 * Beats after the music has stopped: a beat tracker keeps its grid running through a final
 * chord's ring, a cymbal's decay or a reverb tail, where nobody taps. The last onset marks
 * the last event; the bar it falls in is completed (a final chord on a downbeat still has
 * its bar's beats: the bar is held, as a score would write it) and beats after that bar are
 * dropped. Without a meter, beats more than half a period after the last onset go. An onset
 * within `endMarginSeconds` of the track's end is a cut, not an event.
 * Reference: Böck, Krebs & Widmer (2014), "A multi-model approach to beat tracking
 *   considering heterogeneous music styles", ISMIR (beats end with the music); Davies,
 *   Degara & Plumbley (2009), "Evaluation methods for musical audio beat tracking
 *   algorithms", QMUL tech. report C4DM-TR-09-06 (annotated beats stop at the end of the music).
 */

export interface TrimTrailingBeatsOptions {
  /** Onsets this close to the end of the track are ignored (an abrupt cut), seconds. */
  readonly endMarginSeconds: number;
}

export const TRIM_TRAILING_BEATS_DEFAULTS: TrimTrailingBeatsOptions = { endMarginSeconds: 0.1 };

/** How many of `beats` (ascending, seconds) to keep; the rest follow the music's end. */
export function beatsBeforeMusicEnds(
  beats: readonly number[],
  downbeats: readonly number[],
  beatsPerBar: number | null,
  onsets: readonly number[],
  durationSeconds: number,
  options: Partial<TrimTrailingBeatsOptions> = {},
): number {
  const { endMarginSeconds } = { ...TRIM_TRAILING_BEATS_DEFAULTS, ...options };
  let lastOnset = Number.NaN;
  for (let i = onsets.length - 1; i >= 0; i--) {
    if (onsets[i]! < durationSeconds - endMarginSeconds) {
      lastOnset = onsets[i]!;
      break;
    }
  }
  if (beats.length < 4 || !Number.isFinite(lastOnset)) return beats.length;
  const period = medianInterval(beats.slice(-9));
  if (!(period > 0)) return beats.length;
  let end = lastOnset + period / 2;
  if (beatsPerBar !== null && beatsPerBar >= 1 && downbeats.length > 0) {
    // The bar of the last onset: its downbeat (an onset a little early belongs to the next bar).
    let barStart = Number.NaN;
    for (const downbeat of downbeats) if (downbeat <= lastOnset + period / 4) barStart = downbeat;
    if (Number.isFinite(barStart)) end = Math.max(end, barStart + (beatsPerBar - 0.5) * period);
  }
  let keep = beats.length;
  while (keep > 0 && beats[keep - 1]! > end) keep--;
  return keep;
}

function medianInterval(times: readonly number[]): number {
  const intervals: number[] = [];
  for (let i = 1; i < times.length; i++) intervals.push(times[i]! - times[i - 1]!);
  intervals.sort((a, b) => a - b);
  return intervals.length === 0 ? Number.NaN : intervals[intervals.length >> 1]!;
}
