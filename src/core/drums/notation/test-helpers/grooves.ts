/**
 * Synthetic drum grooves with known answers for the notation tests: beat grids (steady,
 * with a tempo change, with drift) and hits placed at exact beat positions, optionally
 * jittered by a seeded uniform error. Positions are in beats from the bar start, so a
 * triplet is 1/3 and a swung off-beat 2/3.
 */
import { createSeededRandom } from "../../../test-helpers/seeded-random.js";
import type { DrumBeatGrid, DrumClass, DrumHit } from "../../drum-hit.js";

export interface PatternHit {
  /** Beats from the start of the bar. */
  readonly beat: number;
  readonly drum: DrumClass;
  readonly velocity?: number;
}

export type Pattern = readonly PatternHit[];

/** `count` beat times at a constant tempo from `startSeconds`. */
export function steadyBeats(count: number, tempoBpm: number, startSeconds = 0.5): number[] {
  return Array.from({ length: count }, (_, index) => startSeconds + (index * 60) / tempoBpm);
}

/** Beat times whose tempo is `tempoOfBeat(i)` between beat i and i + 1. */
export function beatsWithTempo(count: number, tempoOfBeat: (beat: number) => number, startSeconds = 0.5): number[] {
  const beats = [startSeconds];
  for (let beat = 1; beat < count; beat++) beats.push(beats[beat - 1]! + 60 / tempoOfBeat(beat - 1));
  return beats;
}

/** A grid over `beats` with a downbeat every `beatsPerBar` beats from `firstDownbeat`. */
export function gridOf(
  beats: readonly number[],
  beatsPerBar: number,
  timeSignature: string,
  tempoBpm: number,
  firstDownbeat = 0,
): DrumBeatGrid {
  return {
    beats,
    downbeats: beats.filter((_, index) => index >= firstDownbeat && (index - firstDownbeat) % beatsPerBar === 0),
    beatsPerBar,
    timeSignature,
    tempoBpm,
  };
}

/** Time of a fractional beat position on the beat times (linear between beats, extrapolated outside). */
export function timeAtBeat(beats: readonly number[], position: number): number {
  const last = beats.length - 1;
  const index = Math.min(Math.max(Math.floor(position), 0), last - 1);
  return beats[index]! + (position - index) * (beats[index + 1]! - beats[index]!);
}

/**
 * Hits of `patterns[k]` in the bar starting at beat `firstBarBeat + k·beatsPerBar`, each
 * moved by a uniform error in ±`jitterSeconds` from a seeded generator.
 */
export function placePatterns(
  beats: readonly number[],
  patterns: readonly Pattern[],
  beatsPerBar: number,
  options: { firstBarBeat?: number; jitterSeconds?: number; seed?: number } = {},
): DrumHit[] {
  const { firstBarBeat = 0, jitterSeconds = 0, seed = 1 } = options;
  const random = createSeededRandom(seed);
  const hits: DrumHit[] = [];
  patterns.forEach((pattern, bar) => {
    for (const hit of pattern) {
      const time = timeAtBeat(beats, firstBarBeat + bar * beatsPerBar + hit.beat);
      hits.push({
        timeSeconds: time + (2 * random() - 1) * jitterSeconds,
        drum: hit.drum,
        velocity: hit.velocity ?? 96,
      });
    }
  });
  return hits;
}

const hh = (beat: number, velocity = 80): PatternHit => ({ beat, drum: "hihat-closed", velocity });
const kick = (beat: number): PatternHit => ({ beat, drum: "kick", velocity: 110 });
const snare = (beat: number): PatternHit => ({ beat, drum: "snare", velocity: 105 });

/** The textbook rock beat: kick on 1 and 3, snare on 2 and 4, eighth-note hi-hats. */
export const ROCK_BEAT: Pattern = [
  ...[0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5].map((beat) => hh(beat)),
  kick(0),
  kick(2),
  snare(1),
  snare(3),
];

/** A busier groove: 16th hi-hats, syncopated kick, open hi-hat on the last 8th. */
export const SIXTEENTH_GROOVE: Pattern = [
  ...[0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.25].map((beat) => hh(beat, 70)),
  { beat: 3.5, drum: "hihat-open", velocity: 90 },
  kick(0),
  kick(0.75),
  kick(2),
  kick(2.5),
  snare(1),
  snare(3),
  { beat: 3.75, drum: "snare", velocity: 40 },
];

/** A shuffle: swung eighths (on-beat and 2/3) on the hi-hat, kick 1 and 3, snare 2 and 4. */
export const SHUFFLE: Pattern = [
  ...[0, 1, 2, 3].flatMap((beat) => [hh(beat), hh(beat + 2 / 3, 60)]),
  kick(0),
  kick(2),
  snare(1),
  snare(3),
];

/** Triplets: every triplet eighth on the ride (a 12/8 feel in 4/4). */
export const TRIPLET_GROOVE: Pattern = [
  ...[0, 1, 2, 3].flatMap((beat) => [0, 1 / 3, 2 / 3].map((third) => ({ beat: beat + third, drum: "ride" as const }))),
  kick(0),
  kick(2 + 2 / 3),
  snare(1),
  snare(3),
];

/** A fill: 16ths down the toms, a triplet on the last beat, then the crash on the next downbeat (bar 2). */
export const TOM_FILL: Pattern = [
  snare(0),
  snare(0.25),
  snare(0.5),
  snare(0.75),
  { beat: 1, drum: "tom-high" },
  { beat: 1.25, drum: "tom-high" },
  { beat: 1.5, drum: "tom-mid" },
  { beat: 1.75, drum: "tom-mid" },
  { beat: 2, drum: "tom-low" },
  { beat: 2.25, drum: "tom-low" },
  { beat: 2.5, drum: "tom-low" },
  { beat: 2.75, drum: "tom-low" },
  snare(3),
  snare(3 + 1 / 3),
  { beat: 3 + 2 / 3, drum: "tom-low" },
  kick(0),
  kick(2),
  kick(3),
];

export const CRASH_BAR: Pattern = [
  { beat: 0, drum: "crash", velocity: 120 },
  kick(0),
  ...[1, 1.5, 2, 2.5, 3, 3.5].map((beat) => hh(beat)),
  snare(1),
  kick(2),
  snare(3),
];

/** A 3/4 waltz groove: kick on 1, snare on 2 and 3, hi-hat eighths. */
export const WALTZ: Pattern = [...[0, 0.5, 1, 1.5, 2, 2.5].map((beat) => hh(beat)), kick(0), snare(1), snare(2)];
