/**
 * Bars as runs of beats of the beat timeline, from the tracked downbeats. Between two
 * downbeats lies one bar; a gap longer than the metre (a missed downbeat) is cut into bars
 * of the metre plus a shorter remainder. After the last downbeat, bars of the metre follow
 * until the grid's last beat and the last hit are covered. Before the first downbeat, bars
 * of the metre are added backwards only as far as hits reach; the earliest of them starts
 * at the first hit's beat, so a fill before the first downbeat becomes a pickup
 * (anacrusis) bar, and beats without hits before it are left out.
 */
import type { BeatSpan } from "./detect-subdivision.js";

export interface BarSpan extends BeatSpan {
  /** Shorter than the metre and before the first downbeat. */
  readonly pickup: boolean;
}

export interface LayoutBarsInput {
  /** Beat indices of the downbeats (any order, duplicates allowed); empty means beat 0. */
  readonly downbeatBeats: readonly number[];
  readonly beatsPerBar: number;
  /** Beats of the grid: bars cover the beat intervals 0 … gridBeatCount − 2. */
  readonly gridBeatCount: number;
  /** First and last beat holding a hit; null without hits. */
  readonly firstHitBeat: number | null;
  readonly lastHitBeat: number | null;
}

export function layoutBars(input: LayoutBarsInput): BarSpan[] {
  const { beatsPerBar, gridBeatCount, firstHitBeat, lastHitBeat } = input;
  if (!(Number.isInteger(beatsPerBar) && beatsPerBar >= 1)) {
    throw new RangeError(`layoutBars: beatsPerBar must be an integer ≥ 1, got ${beatsPerBar}`);
  }
  const downbeats = [...new Set(input.downbeatBeats.map((beat) => Math.round(beat)))].sort((a, b) => a - b);
  if (downbeats.length === 0) downbeats.push(0);
  const coverEnd = Math.max(gridBeatCount - 1, lastHitBeat === null ? Number.NEGATIVE_INFINITY : lastHitBeat + 1);

  const bars: BarSpan[] = [];
  const pushBars = (from: number, to: number) => {
    for (let start = from; start < to; start += beatsPerBar) {
      bars.push({ startBeat: start, beats: Math.min(beatsPerBar, to - start), pickup: false });
    }
  };
  for (let index = 0; index + 1 < downbeats.length && downbeats[index]! < coverEnd; index++) {
    pushBars(downbeats[index]!, downbeats[index + 1]!);
  }
  const lastDownbeat = downbeats[downbeats.length - 1]!;
  for (let start = lastDownbeat; start < coverEnd; start += beatsPerBar) {
    bars.push({ startBeat: start, beats: beatsPerBar, pickup: false });
  }

  // Backwards from the first downbeat, as far as the first hit.
  if (firstHitBeat !== null && firstHitBeat < downbeats[0]!) {
    const before: BarSpan[] = [];
    let end = downbeats[0]!;
    while (end > firstHitBeat) {
      const start = Math.max(end - beatsPerBar, firstHitBeat);
      before.push({ startBeat: start, beats: end - start, pickup: end - start < beatsPerBar });
      end = start;
    }
    bars.unshift(...before.reverse());
  }
  if (bars.length === 0) bars.push({ startBeat: downbeats[0]!, beats: beatsPerBar, pickup: false });
  return bars;
}
