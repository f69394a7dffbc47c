/**
 * Beats at the end of the music. A beat tracker keeps its grid running through a final
 * chord's ring, a cymbal's decay or a reverb tail, where nobody taps; and it stops early when
 * a held final chord gives it nothing to lock to after the downbeat, where a score still
 * counts the bar's beats. The last onset marks the last event; the bar it falls in is
 * completed, extending the grid by the recent beat period where the tracker stopped inside
 * it (the final chord on a downbeat holds its bar), and beats after that bar are dropped.
 * Without a meter, beats more than half a period after the last onset go and none are
 * added. An onset within `endMarginSeconds` of the track's end is a cut, not an event; no
 * beat is added past that margin.
 * Reference: Böck, Krebs & Widmer (2014), "A multi-model approach to beat tracking
 *   considering heterogeneous music styles", ISMIR (beats end with the music); Davies,
 *   Degara & Plumbley (2009), "Evaluation methods for musical audio beat tracking
 *   algorithms", QMUL tech. report C4DM-TR-09-06 (annotated beats stop at the end of the music).
 */

export interface BeatsEndingWithMusicOptions {
  /** Onsets this close to the end of the track are ignored (an abrupt cut), seconds. */
  readonly endMarginSeconds: number;
}

export const BEATS_ENDING_WITH_MUSIC_DEFAULTS: BeatsEndingWithMusicOptions = { endMarginSeconds: 0.1 };

/** Beats (ascending, seconds) and the downbeats among them. */
export interface BeatGrid {
  readonly beats: readonly number[];
  readonly downbeats: readonly number[];
}

/**
 * The beats and downbeats of `grid` ending with the music: those after the bar of the last
 * onset dropped, and that bar completed when the tracker stopped inside it (see the header).
 */
export function beatsEndingWithMusic(
  grid: BeatGrid,
  beatsPerBar: number | null,
  onsets: readonly number[],
  durationSeconds: number,
  options: Partial<BeatsEndingWithMusicOptions> = {},
): BeatGrid {
  const { endMarginSeconds } = { ...BEATS_ENDING_WITH_MUSIC_DEFAULTS, ...options };
  const { beats, downbeats } = grid;
  const lastOnset = lastOnsetBefore(onsets, durationSeconds - endMarginSeconds);
  if (beats.length < 4 || !Number.isFinite(lastOnset)) return grid;
  const period = medianInterval(beats.slice(-9));
  if (!(period > 0)) return grid;
  let end = lastOnset + period / 2;
  const metered = beatsPerBar !== null && beatsPerBar >= 1 && downbeats.length > 0;
  if (metered) {
    // The bar of the last onset: its downbeat (an onset a little early belongs to the next
    // bar), the downbeats carried on past the last one by whole bars of the recent period.
    const barSeconds = beatsPerBar * period;
    let barStart = Number.NaN;
    for (const downbeat of downbeats) if (downbeat <= lastOnset + period / 4) barStart = downbeat;
    const lastDownbeat = downbeats[downbeats.length - 1]!;
    if (barStart === lastDownbeat) {
      barStart += Math.max(0, Math.floor((lastOnset + period / 4 - lastDownbeat) / barSeconds)) * barSeconds;
    }
    if (Number.isFinite(barStart)) end = Math.max(end, barStart + (beatsPerBar - 0.5) * period);
  }
  let keep = beats.length;
  while (keep > 0 && beats[keep - 1]! > end) keep--;
  const kept = beats.slice(0, keep);
  const keptDownbeats = downbeats.filter((time) => time <= end);
  if (!metered || keep < beats.length || keep === 0) return { beats: kept, downbeats: keptDownbeats };
  // Completing the bar: at most one bar's beats, never past the end margin.
  const lastDownbeatIndex = beats.lastIndexOf(downbeats[downbeats.length - 1]!);
  const latest = Math.min(end, durationSeconds - endMarginSeconds);
  for (let added = 1; added <= beatsPerBar; added++) {
    const time = beats[keep - 1]! + added * period;
    if (time > latest) break;
    kept.push(time);
    if (lastDownbeatIndex >= 0 && (kept.length - 1 - lastDownbeatIndex) % beatsPerBar === 0) keptDownbeats.push(time);
  }
  return { beats: kept, downbeats: keptDownbeats };
}

function lastOnsetBefore(onsets: readonly number[], limit: number): number {
  for (let i = onsets.length - 1; i >= 0; i--) if (onsets[i]! < limit) return onsets[i]!;
  return Number.NaN;
}

function medianInterval(times: readonly number[]): number {
  const intervals: number[] = [];
  for (let i = 1; i < times.length; i++) intervals.push(times[i]! - times[i - 1]!);
  intervals.sort((a, b) => a - b);
  return intervals.length === 0 ? Number.NaN : intervals[intervals.length >> 1]!;
}
