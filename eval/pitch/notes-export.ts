/**
 * Export of transcribed notes (src/core/pitch/segment-notes.ts) and phrases as JSON and
 * as a one-track Standard MIDI File. MIDI: 480 ticks per quarter at a fixed 120 BPM
 * (960 ticks per second, so times round to about 1 ms), channel 0, the note's median
 * pitch rounded to the nearest key, velocity from its confidence; glides are left out
 * of the MIDI (they are pitch trajectories, not notes; a pitch-bend export would be the
 * next step) but kept in the JSON with their curves.
 * Reference: MIDI Manufacturers Association, "Standard MIDI Files 1.0" (RP-001, 1996).
 */
import type { Phrase } from "../../src/core/pitch/phrases.js";
import type { TranscribedPitchNote } from "../../src/core/pitch/segment-notes.js";
import { encodeStandardMidiFile, type MidiEvent } from "../../src/io/midi/standard-midi-file.js";

const TICKS_PER_QUARTER = 480;
const MICROSECONDS_PER_QUARTER = 500_000;
const TICKS_PER_SECOND = (TICKS_PER_QUARTER * 1e6) / MICROSECONDS_PER_QUARTER;

/** The stable notes as a format-0 MIDI file. */
export function notesToMidi(notes: readonly TranscribedPitchNote[]): Uint8Array {
  const events: MidiEvent[] = [
    { tick: 0, type: "trackName", text: "tonearm melody" },
    { tick: 0, type: "tempo", microsecondsPerQuarter: MICROSECONDS_PER_QUARTER },
  ];
  for (const note of notes) {
    if (note.kind !== "stable") continue;
    const key = Math.min(127, Math.max(0, Math.round(note.midi)));
    const onTick = Math.round(note.start * TICKS_PER_SECOND);
    const offTick = Math.max(onTick + 1, Math.round(note.end * TICKS_PER_SECOND));
    const velocity = Math.max(1, Math.min(127, Math.round(40 + 87 * note.confidence)));
    events.push({ tick: onTick, type: "noteOn", channel: 0, key, velocity });
    events.push({ tick: offTick, type: "noteOff", channel: 0, key, velocity: 0 });
  }
  return encodeStandardMidiFile([{ events }], TICKS_PER_QUARTER, 0);
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
