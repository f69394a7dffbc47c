/**
 * The quantised drum part: bars on the song's beat grid, each with its metre, tempo and
 * the hits at integer ticks. Quantisation produces it; the MIDI, MusicXML and PDF writers
 * read it. One beat is TICKS_PER_BEAT ticks whatever the beat unit (a quarter in 4/4, a
 * dotted quarter in 6/8 and 12/8), so a tick is a fixed fraction of the beat.
 * Tick resolution: 48 = lcm(16, 12), so 32nds (6), 16ths (12), triplet eighths (16),
 * triplet sixteenths (8) and, in compound metres, the 32nds of a dotted quarter (4) are exact.
 */
import type { DrumClass } from "../drum-hit.js";

/** Ticks in one beat (the beat of the time signature: quarter in x/4, dotted quarter in 6/8). */
export const TICKS_PER_BEAT = 48;

/**
 * How a beat divides. "straight": in halves, quarters, eighths of the beat (8ths, 16ths,
 * 32nds in x/4; duplets in 6/8). "triplet": in thirds and sixths (triplets in x/4, the
 * natural division in 6/8 and 12/8). "swing": on-beat plus one off-beat played late (at
 * `DrumScore.swingFraction` of the beat) and written as a straight eighth.
 */
export type BeatSubdivision = "straight" | "triplet" | "swing";

export interface TimeSignature {
  readonly numerator: number;
  /** 2, 4, 8 or 16. */
  readonly denominator: number;
}

/** The note value of one beat: a quarter in 4/4, a dotted quarter in 6/8. */
export interface BeatUnit {
  /** 2 half, 4 quarter, 8 eighth, 16 sixteenth. */
  readonly noteValue: number;
  readonly dotted: boolean;
}

export interface DrumScoreEvent {
  /** Position in the bar, 0 ≤ tick < beats · TICKS_PER_BEAT. */
  readonly tick: number;
  readonly drum: DrumClass;
  /** MIDI velocity 1..127 (the loudest of the hits merged on this slot). */
  readonly velocity: number;
  /** When the quantised position sounds in the audio, seconds (a swung off-beat sounds late). */
  readonly timeSeconds: number;
}

export interface DrumScoreBar {
  /** Position in `DrumScore.bars`. */
  readonly index: number;
  /** The printed bar number: 0 for a pickup, then 1, 2, … */
  readonly number: number;
  /** An anacrusis: fewer beats than the metre, before the first full bar. */
  readonly pickup: boolean;
  readonly startSeconds: number;
  readonly endSeconds: number;
  /** Beats in this bar (fewer than the metre in a pickup). */
  readonly beats: number;
  /** Start time of each beat and the end of the bar: beats + 1 ascending times, seconds. */
  readonly beatTimesSeconds: readonly number[];
  /** The bar's metre; a pickup carries the metre of the bars after it. */
  readonly timeSignature: TimeSignature;
  /** Beats (of the beat unit) per minute over this bar. */
  readonly tempoBpm: number;
  /** The bar's prevailing subdivision. */
  readonly subdivision: BeatSubdivision;
  /** The subdivision of each beat (a triplet fill on beat 4 of a straight bar). */
  readonly beatSubdivisions: readonly BeatSubdivision[];
  /** Sorted by tick, then by drum (bottom of the kit first). */
  readonly events: readonly DrumScoreEvent[];
  /** The same metre, beats, subdivisions and notes (tick and drum) as the bar before. */
  readonly repeatsPrevious: boolean;
  /** Bars with the same content share this number (0, 1, 2, … in order of first appearance). */
  readonly patternIndex: number;
}

export interface DrumScore {
  readonly ticksPerBeat: number;
  /** The metre of the song (the bars' usual metre). */
  readonly timeSignature: TimeSignature;
  readonly beatUnit: BeatUnit;
  /** Median bar tempo, beats of the beat unit per minute. */
  readonly tempoBpm: number;
  /** The song-level subdivision (the prior each bar starts from). */
  readonly subdivision: BeatSubdivision;
  /** Where swung off-beats sound, as a fraction of the beat (2/3 is a triplet shuffle); null without swing. */
  readonly swingFraction: number | null;
  readonly bars: readonly DrumScoreBar[];
  /** Hits placed in the score (after merging). */
  readonly eventCount: number;
  /** Hits merged into a louder hit on the same slot and drum line. */
  readonly mergedHitCount: number;
  /** Hits ignored because their time or velocity was not a finite number. */
  readonly invalidHitCount: number;
}

/** Length of one beat in quarter notes: 1 in x/4, 1.5 in 6/8, 0.5 in 3/8. */
export function beatLengthInQuarters(unit: BeatUnit): number {
  return (4 / unit.noteValue) * (unit.dotted ? 1.5 : 1);
}

/** A compound metre (6/8, 9/8, 12/8, 6/16…): the beat is a dotted note divided in three. */
export function isCompoundMeter(signature: TimeSignature): boolean {
  return signature.denominator >= 8 && signature.numerator % 3 === 0 && signature.numerator > 3;
}

/** The beat unit of a metre: the dotted note in compound metres, else the denominator's note. */
export function beatUnitOf(signature: TimeSignature): BeatUnit {
  return isCompoundMeter(signature)
    ? { noteValue: signature.denominator / 2, dotted: true }
    : { noteValue: signature.denominator, dotted: false };
}

/** Beats per bar of a metre: numerator ÷ 3 in compound metres. */
export function beatsPerBarOf(signature: TimeSignature): number {
  return isCompoundMeter(signature) ? signature.numerator / 3 : signature.numerator;
}

/** The metre of a bar of `beats` beats in the family of `signature` (5 beats of 6/8 → 15/8). */
export function timeSignatureWithBeats(signature: TimeSignature, beats: number): TimeSignature {
  return {
    numerator: isCompoundMeter(signature) ? 3 * beats : beats,
    denominator: signature.denominator,
  };
}

/**
 * "4/4", "6/8", "12/8" → the metre; null for anything else (a denominator that is not
 * 2, 4, 8 or 16, a numerator outside 1..32).
 */
export function parseTimeSignature(text: string): TimeSignature | null {
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*$/.exec(text);
  if (match === null) return null;
  const numerator = Number(match[1]);
  const denominator = Number(match[2]);
  if (numerator < 1 || numerator > 32 || ![2, 4, 8, 16].includes(denominator)) return null;
  return { numerator, denominator };
}
