import { describe, expect, it } from "vitest";
import { type PolyphonicNote, trackPolyphonicNotes, transcribePolyphonic } from "./polyphonic-notes.js";
import { polyphonicSalience } from "./polyphonic-salience.js";

const RATE = 22_050;

interface ToneNote {
  readonly onset: number;
  readonly offset: number;
  readonly midi: number;
}

function midiToHz(midi: number): number {
  return 440 * 2 ** ((midi - 69) / 12);
}

/** Harmonic tones (partials 1–6 at 1/h), 10 ms attack, gentle decay and a 30 ms release. */
function render(notes: readonly ToneNote[], seconds: number, gain = 0.1): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  for (const note of notes) {
    const hz = midiToHz(note.midi);
    const from = Math.round(note.onset * RATE);
    const to = Math.min(out.length, Math.round((note.offset + 0.03) * RATE));
    for (let n = from; n < to; n++) {
      const since = (n - from) / RATE;
      const release = Math.min(1, Math.max(0, (note.offset + 0.03 - n / RATE) / 0.03));
      const envelope = Math.min(1, since / 0.01) * 2 ** (-since / 1.5) * release;
      let tone = 0;
      for (let h = 1; h <= 6; h++) tone += Math.sin(2 * Math.PI * h * hz * since) / h;
      out[n]! += gain * envelope * tone;
    }
  }
  return out;
}

/** Exactly the truth's notes: one found note per truth note, same pitch, onset within `tolerance`. */
function expectNotes(found: readonly PolyphonicNote[], truth: readonly ToneNote[], tolerance = 0.05): void {
  const describeNotes = (notes: readonly ToneNote[]) => notes.map((n) => `${n.midi}@${n.onset.toFixed(3)}`).join(" ");
  expect(found.length, describeNotes(found)).toBe(truth.length);
  const unused = [...found];
  for (const expected of truth) {
    const index = unused.findIndex(
      (note) => note.midi === expected.midi && Math.abs(note.onset - expected.onset) <= tolerance,
    );
    expect(index, `${expected.midi}@${expected.onset} in ${describeNotes(found)}`).toBeGreaterThanOrEqual(0);
    const [note] = unused.splice(index, 1);
    expect(Math.abs(note!.offset - expected.offset)).toBeLessThanOrEqual(0.1);
    expect(note!.confidence).toBeGreaterThan(0);
    expect(note!.confidence).toBeLessThan(1);
  }
}

describe("transcribePolyphonic", () => {
  it("finds the six notes of a C major triad followed by an F major triad", () => {
    const truth = [
      ...[60, 64, 67].map((midi) => ({ onset: 0.3, offset: 1.3, midi })),
      ...[65, 69, 72].map((midi) => ({ onset: 1.3, offset: 2.3, midi })),
    ];
    expectNotes(transcribePolyphonic(render(truth, 2.8), RATE), truth);
  });

  it("follows two voices in counterpoint, including a repeated note", () => {
    // Upper voice in half-second notes, detached (G4 repeated; its 4th partial is also C3's 3rd), lower in one-second notes.
    const upper = [67, 67, 69, 71, 72, 71].map((midi, i) => ({ onset: 0.3 + 0.5 * i, offset: 0.72 + 0.5 * i, midi }));
    const lower = [48, 53, 55].map((midi, i) => ({ onset: 0.3 + i, offset: 1.28 + i, midi }));
    expectNotes(transcribePolyphonic(render([...upper, ...lower], 3.6), RATE), [...upper, ...lower]);
  });

  it("finds no notes in silence or in white noise", () => {
    expect(transcribePolyphonic(new Float32Array(2 * RATE), RATE)).toEqual([]);
    const noise = new Float32Array(3 * RATE);
    let seed = 1;
    for (let n = 0; n < noise.length; n++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      noise[n] = 0.2 * (seed / 0x7fffffff - 0.5);
    }
    expect(transcribePolyphonic(noise, RATE)).toEqual([]);
  });

  it("detects only the chord's pitches frame by frame, not their octaves or fifths above", () => {
    const truth = [48, 52, 55].map((midi) => ({ onset: 0.2, offset: 1.2, midi }));
    const salience = polyphonicSalience(render(truth, 1.4), RATE);
    const middle = Math.round(0.7 / salience.hopSeconds);
    const detected: number[] = [];
    for (let p = 0; p < salience.pitches; p++) {
      if (salience.salience[middle * salience.pitches + p]! > 0) detected.push(salience.minMidi + p);
    }
    expect(detected).toEqual([48, 52, 55]);
    expect(trackPolyphonicNotes(salience).map((note) => note.midi)).toEqual([48, 52, 55]);
  });

  it("rejects a bad pitch range", () => {
    expect(() => transcribePolyphonic(new Float32Array(100), RATE, { salience: { minMidi: 60, maxMidi: 50 } })).toThrow(
      RangeError,
    );
  });
});
