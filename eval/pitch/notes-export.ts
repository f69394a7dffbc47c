/**
 * Export of transcribed notes (src/core/pitch/segment-notes.ts) and phrases as JSON and
 * as a one-track Standard MIDI File through src/io/midi/melody-notes-to-midi.ts (960 ticks
 * per second, channel 0, the note's median pitch rounded to the nearest key, velocity from
 * its confidence). Glides are left out of the MIDI unless `glides: "bend"` is asked (then
 * played as pitch-bend curves) but kept in the JSON with their curves.
 * Reference: MIDI Manufacturers Association, "Standard MIDI Files 1.0" (RP-001, 1996).
 */
import type { Phrase } from "../../src/core/pitch/phrases.js";
import type { TranscribedPitchNote } from "../../src/core/pitch/segment-notes.js";
import { type MelodyMidiOptions, melodyNotesToMidi } from "../../src/io/midi/melody-notes-to-midi.js";

/** The stable notes (and, if asked, the glides) as a format-0 MIDI file. */
export function notesToMidi(
  notes: readonly TranscribedPitchNote[],
  options: Partial<MelodyMidiOptions> = {},
): Uint8Array {
  const melody = notes.map((note) => ({
    onset: note.start,
    offset: note.end,
    midi: note.midi,
    velocity: 40 + 87 * note.confidence,
    ...(note.kind === "stable" ? {} : { curve: glideCurve(note) }),
  }));
  return melodyNotesToMidi(melody, options);
}

/** A glide's curve as fractional MIDI pitches (its median pitch when it carries none). */
function glideCurve(note: TranscribedPitchNote): { times: ArrayLike<number>; midi: ArrayLike<number> } {
  if (note.curve === undefined) return { times: [note.start], midi: [note.midi] };
  return { times: note.curve.times, midi: Array.from(note.curve.cents, (cents) => note.midi + cents / 100) };
}

/** Notes and phrases as JSON (curves as plain arrays; frame indices left out). */
export function notesToJson(notes: readonly TranscribedPitchNote[], phrases: readonly Phrase[]): string {
  const plain = notes.map(({ start, end, midi, centsDeviation, kind, curve, confidence }) => ({
    start,
    end,
    midi,
    centsDeviation,
    kind,
    confidence,
    ...(curve === undefined ? {} : { curve: { times: Array.from(curve.times), cents: Array.from(curve.cents) } }),
  }));
  return JSON.stringify({ notes: plain, phrases }, null, 1);
}
