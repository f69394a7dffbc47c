/**
 * Building blocks of the synthetic test songs: a song plan (tempo, metre, key, swing), parts of
 * notes in beats, diatonic chords by scale degree, and the conversion of parts to a Standard
 * MIDI File (tonearm's writer, src/io/midi/standard-midi-file.ts) with swing and seeded
 * humanisation of timing and velocity. Pitches are MIDI note numbers; channel 9 is General
 * MIDI's percussion channel (GM 1 Sound Set, MMA 1991: programs and drum keys).
 */
import type { RandomSource } from "../../src/core/test-helpers/seeded-random.js";
import { encodeStandardMidiFile, type MidiEvent } from "../../src/io/midi/standard-midi-file.js";

export const TICKS_PER_QUARTER = 480;
export const DRUM_CHANNEL = 9;

export interface SongPlan {
  readonly tempoBpm: number;
  readonly beatsPerBar: number;
  readonly bars: number;
  /** Pitch class of the tonic, 0 = C. */
  readonly tonic: number;
  readonly minor: boolean;
  /** Share of a beat by which off-beat eighths are delayed: 0 straight, 1/6 triplet swing. */
  readonly swing: number;
}

export interface SongNote {
  readonly beat: number;
  readonly beats: number;
  readonly key: number;
  readonly velocity: number;
}

export interface SongPart {
  readonly channel: number;
  /** GM program 0–127 (ignored on the drum channel). */
  readonly program: number;
  readonly notes: SongNote[];
}

const MAJOR = [0, 2, 4, 5, 7, 9, 11];
const MINOR = [0, 2, 3, 5, 7, 8, 10];

/** Pitch of scale degree `degree` (0-based, may exceed 6 or be negative) above `octaveBase`. */
export function degreePitch(plan: SongPlan, degree: number, octaveBase: number): number {
  const scale = plan.minor ? MINOR : MAJOR;
  const octave = Math.floor(degree / 7);
  const step = scale[((degree % 7) + 7) % 7] ?? 0;
  return octaveBase + plan.tonic + step + 12 * octave;
}

/** Tertian chord on a scale degree: `size` notes stacked in thirds within the scale. */
export function diatonicChord(plan: SongPlan, degree: number, octaveBase: number, size = 3): number[] {
  const notes: number[] = [];
  for (let index = 0; index < size; index++) notes.push(degreePitch(plan, degree + 2 * index, octaveBase));
  return notes;
}

/** The chord degree sounding in bar `bar` of a looping progression. */
export function degreeAt(progression: readonly number[], bar: number): number {
  return progression[bar % progression.length] ?? 0;
}

export function pick<T>(random: RandomSource, options: readonly T[]): T {
  const chosen = options[Math.floor(random() * options.length)];
  if (chosen === undefined) throw new RangeError("pick: no options");
  return chosen;
}

export function between(random: RandomSource, low: number, high: number): number {
  return low + (high - low) * random();
}

/** Adds a note (velocity clamped to 1–127). */
export function addNote(part: SongPart, beat: number, beats: number, key: number, velocity: number): void {
  part.notes.push({ beat, beats, key, velocity: Math.max(1, Math.min(127, Math.round(velocity))) });
}

export function newPart(channel: number, program: number): SongPart {
  return { channel, program, notes: [] };
}

/** Beat position after swing: off-beat eighths move later by `swing` of a beat. */
function swung(beat: number, swing: number): number {
  const fraction = beat - Math.floor(beat);
  return Math.abs(fraction - 0.5) < 1e-6 ? beat + swing : beat;
}

/** The song as a format-1 MIDI file: a conductor track, then one track per part. */
export function songToMidi(plan: SongPlan, parts: readonly SongPart[], random: RandomSource): Uint8Array {
  const conductor: MidiEvent[] = [
    { tick: 0, type: "tempo", microsecondsPerQuarter: Math.round(60_000_000 / plan.tempoBpm) },
    { tick: 0, type: "timeSignature", numerator: plan.beatsPerBar, denominator: 4, clocksPerClick: 24 },
  ];
  const tracks = [{ events: conductor }];
  for (const part of parts) {
    const events: MidiEvent[] = [];
    if (part.channel !== DRUM_CHANNEL) {
      events.push({ tick: 0, type: "programChange", channel: part.channel, program: part.program });
    }
    for (const note of part.notes) {
      const jitter = Math.round((random() - 0.5) * 16);
      const start = Math.max(0, Math.round(swung(note.beat, plan.swing) * TICKS_PER_QUARTER) + jitter);
      const end = Math.max(start + 1, start + Math.round(note.beats * TICKS_PER_QUARTER));
      const velocity = Math.max(1, Math.min(127, note.velocity + Math.round((random() - 0.5) * 12)));
      events.push({ tick: start, type: "noteOn", channel: part.channel, key: note.key, velocity });
      events.push({ tick: end, type: "noteOff", channel: part.channel, key: note.key, velocity: 0 });
    }
    tracks.push({ events });
  }
  return encodeStandardMidiFile(tracks, TICKS_PER_QUARTER, 1);
}
