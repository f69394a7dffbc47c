/**
 * melodyNotesToMidi: the written bytes parse back (test-helpers/read-midi.ts) to the notes at
 * their times (960 ticks per second) and nearest keys; pitch bends carry the cents after an
 * RPN 0 bend-range setup; glides are skipped or bent along their curve.
 */
import { describe, expect, it } from "vitest";
import {
  MELODY_TICKS_PER_SECOND,
  type MelodyMidiNote,
  melodyMidiEvents,
  melodyNotesToMidi,
} from "./melody-notes-to-midi.js";
import type { MidiEvent } from "./standard-midi-file.js";
import { notesOf, readMidi, secondsAtTick, tempoChanges } from "./test-helpers/read-midi.js";

const NOTES: readonly MelodyMidiNote[] = [
  { onset: 0.5, offset: 1.0, midi: 60.2 },
  { onset: 1.0, offset: 1.5, midi: 60.8, velocity: 64 },
  { onset: 1.5, offset: 1.8, midi: 62, curve: { times: [1.5, 1.6, 1.7], midi: [61, 62, 63] } },
  { onset: 2.25, offset: 2.75, midi: 63.6 },
];

function bends(events: readonly MidiEvent[]): { tick: number; value: number }[] {
  return events.flatMap((event) => (event.type === "pitchBend" ? [{ tick: event.tick, value: event.value }] : []));
}

function controllers(events: readonly MidiEvent[]): [number, number][] {
  return events.flatMap((event) =>
    event.type === "controlChange" ? [[event.controller, event.value] as [number, number]] : [],
  );
}

describe("melodyNotesToMidi", () => {
  it("writes the notes at their times on the nearest keys, glides left out by default", () => {
    const file = readMidi(melodyNotesToMidi(NOTES));
    expect(file.format).toBe(0);
    expect(file.ticksPerQuarter).toBe(480);
    expect(tempoChanges(file)).toEqual([{ tick: 0, microsecondsPerQuarter: 500_000 }]);
    const notes = notesOf(file);
    expect(notes.map((note) => note.key)).toEqual([60, 61, 64]);
    expect(notes.map((note) => note.velocity)).toEqual([100, 64, 100]);
    expect(notes.map((note) => note.timeSeconds)).toEqual([0.5, 1.0, 2.25]);
    expect(notes.map((note) => secondsAtTick(file, note.endTick))).toEqual([1.0, 1.5, 2.75]);
    // No bends, no controllers, no program change unless asked.
    expect(file.tracks[0]!.some((event) => event.type === "other" || event.type === "programChange")).toBe(false);
  });

  it("bends each note by its cents after setting the bend range through RPN 0", () => {
    const options = { pitchBend: true, program: 73, format: 1 } as const;
    const file = readMidi(melodyNotesToMidi(NOTES, options));
    expect(file.format).toBe(1);
    expect(file.tracks[0]!.find((event) => event.type === "programChange")).toMatchObject({ program: 73 });
    const events = melodyMidiEvents(NOTES, options);
    expect(controllers(events)).toEqual([
      [101, 0],
      [100, 0],
      [6, 2],
      [38, 0],
      [101, 127],
      [100, 127],
    ]);
    // ±2 semitones = ±8192: 20 cents = 819, −20 cents = −819, −40 cents = −1638.
    expect(bends(events)).toEqual([
      { tick: 480, value: 819 },
      { tick: 960, value: -819 },
      { tick: Math.round(2.25 * MELODY_TICKS_PER_SECOND), value: -1638 },
    ]);
    // The bytes carry them: 3 pitch-bend messages (En), 6 controllers (Bn).
    const statuses = file.tracks[0]!.flatMap((event) => (event.type === "other" ? [event.status] : []));
    expect(statuses.filter((status) => status === 0xe0)).toHaveLength(3);
    expect(statuses.filter((status) => status === 0xb0)).toHaveLength(6);
  });

  it("plays glides as one note whose bend follows the curve, then returns to no bend", () => {
    const events = melodyMidiEvents(NOTES, { glides: "bend", bendRangeSemitones: 4 });
    expect(controllers(events)[2]).toEqual([6, 4]);
    expect(bends(events)).toEqual([
      { tick: 1440, value: -2048 },
      { tick: 1536, value: 0 },
      { tick: 1632, value: 2048 },
      { tick: 2160, value: 0 },
    ]);
    const notes = notesOf(readMidi(melodyNotesToMidi(NOTES, { glides: "bend" })));
    expect(notes.map((note) => note.key)).toEqual([60, 61, 62, 64]);
  });

  it("gives very short notes one tick and clamps keys to 0 … 127", () => {
    const notes = notesOf(readMidi(melodyNotesToMidi([{ onset: 0, offset: 0, midi: 130 }])));
    expect(notes).toMatchObject([{ tick: 0, endTick: 1, key: 127 }]);
    expect(notesOf(readMidi(melodyNotesToMidi([])))).toEqual([]);
  });

  it("rejects bad options and notes", () => {
    expect(() => melodyNotesToMidi(NOTES, { program: 128 })).toThrow(/program/);
    expect(() => melodyNotesToMidi(NOTES, { bendRangeSemitones: 0 })).toThrow(/bendRangeSemitones/);
    expect(() => melodyNotesToMidi([{ onset: Number.NaN, offset: 1, midi: 60 }])).toThrow(/note 0/);
  });
});
