/**
 * What a pseudo-genre recipe is (tempo range, metre, swing, progressions, an instrument palette
 * per role, and a composer of parts), the General MIDI drum keys the recipes use (GM 1 Sound Set,
 * MMA 1991, percussion key map) and the melody writer they share.
 */
import type { RandomSource } from "../../src/core/test-helpers/seeded-random.js";
import { addNote, degreeAt, degreePitch, pick, type SongPart, type SongPlan } from "./song-parts.js";

export type PseudoGenreName = "Rock" | "Jazz" | "House" | "Classical" | "Reggae" | "Punk" | "Techno";

/** The instruments (GM programs) an artist plays, by role, and its tempo centre. */
export interface ArtistStyle {
  readonly programs: readonly number[];
  readonly tempoBpm: number;
  /** Whether the artist adds a melody line. */
  readonly melody: boolean;
}

export interface PseudoGenre {
  readonly name: PseudoGenreName;
  readonly tempoRange: readonly [number, number];
  readonly minorShare: number;
  readonly beatsPerBar: readonly number[];
  readonly swing: number;
  readonly progressions: readonly (readonly number[])[];
  /** Programs per role, one list per role (role order is the recipe's). */
  readonly palette: readonly (readonly number[])[];
  readonly compose: (
    plan: SongPlan,
    style: ArtistStyle,
    progression: readonly number[],
    random: RandomSource,
  ) => SongPart[];
}

export const KICK = 36;
export const SIDE_STICK = 37;
export const SNARE = 38;
export const CLAP = 39;
export const CLOSED_HAT = 42;
export const PEDAL_HAT = 44;
export const OPEN_HAT = 46;
export const CRASH = 49;
export const RIDE = 51;

export function program(style: ArtistStyle, role: number): number {
  return style.programs[role] ?? 0;
}

/** A stepwise melody over the chords: one note per `step` beats, chord tones on strong beats. */
export function melodyLine(
  plan: SongPlan,
  progression: readonly number[],
  part: SongPart,
  random: RandomSource,
  step: number,
  octaveBase: number,
): void {
  let degree = 7 + Math.floor(random() * 5);
  for (let beat = 0; beat < plan.bars * plan.beatsPerBar; beat += step) {
    const chordDegree = degreeAt(progression, Math.floor(beat / plan.beatsPerBar));
    if (beat % plan.beatsPerBar === 0) degree = chordDegree + 7 + 2 * Math.floor(random() * 3);
    else degree += pick(random, [-2, -1, -1, 1, 1, 2]);
    degree = Math.max(4, Math.min(14, degree));
    if (random() < 0.85) addNote(part, beat, step * 0.9, degreePitch(plan, degree, octaveBase), 80);
  }
}
