import { describe, expect, it } from "vitest";
import type { PitchTrack } from "./pyin.js";
import { resolveSegmentNotesOptions, segmentNotes } from "./segment-notes.js";

const HOP = 0.01;

/** A pitch track sampled every 10 ms from a MIDI-pitch function (NaN = unvoiced). */
function track(seconds: number, midiAt: (time: number) => number): PitchTrack {
  const frames = Math.round(seconds / HOP);
  const times = new Float64Array(frames);
  const f0Hz = new Float32Array(frames);
  const voicedProbability = new Float32Array(frames);
  const voiced = new Uint8Array(frames);
  for (let t = 0; t < frames; t++) {
    times[t] = t * HOP;
    const midi = midiAt(times[t]!);
    const isVoiced = !Number.isNaN(midi);
    f0Hz[t] = isVoiced ? 440 * 2 ** ((midi - 69) / 12) : Number.NaN;
    voicedProbability[t] = isVoiced ? 0.9 : 0.05;
    voiced[t] = isVoiced ? 1 : 0;
  }
  return { times, f0Hz, voicedProbability, voiced };
}

/** Seeded Lehmer generator in [0, 1). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

describe("segmentNotes", () => {
  it("transcribes a staircase melody exactly", () => {
    const keys = [60, 62, 64, 65, 67, 65, 64, 60];
    const noise = random(7);
    const notes = segmentNotes(
      track(2.4, (time) => keys[Math.min(7, Math.floor((time + 1e-9) / 0.3))]! + 0.1 * (noise() - 0.5)),
    );
    expect(notes.map((note) => Math.round(note.midi))).toEqual(keys);
    notes.forEach((note, i) => {
      expect(note.kind).toBe("stable");
      expect(note.start).toBeCloseTo(0.3 * i, 6);
      expect(note.end).toBeCloseTo(0.3 * (i + 1), 6);
      expect(Math.abs(note.centsDeviation)).toBeLessThan(5);
      expect(note.confidence).toBeCloseTo(0.9, 3);
    });
  });

  it("keeps a note with ±60-cent vibrato as one note at its centre pitch", () => {
    const notes = segmentNotes(track(1.2, (time) => 69 + 0.6 * Math.sin(2 * Math.PI * 5.5 * time)));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.kind).toBe("stable");
    expect(notes[0]!.midi).toBeCloseTo(69, 1);
    expect(notes[0]!.end).toBeCloseTo(1.2, 6);
  });

  it("splits a glide between two notes into stable, glide, stable", () => {
    // C4 for 0.3 s, a 150 ms linear glide up to E4, E4 for 0.3 s.
    const midiAt = (time: number) => (time < 0.3 ? 60 : time < 0.45 ? 60 + (4 * (time - 0.3)) / 0.15 : 64);
    const notes = segmentNotes(track(0.75, midiAt));
    expect(notes.map((note) => note.kind)).toEqual(["stable", "glide", "stable"]);
    const [low, glide, high] = notes as [(typeof notes)[0], (typeof notes)[0], (typeof notes)[0]];
    expect(low.midi).toBeCloseTo(60, 3);
    expect(high.midi).toBeCloseTo(64, 3);
    expect(low.end).toBeGreaterThan(0.28);
    expect(low.end).toBeLessThan(0.33);
    expect(glide.start).toBe(low.end);
    expect(glide.end).toBe(high.start);
    expect(high.start).toBeGreaterThan(0.42);
    expect(high.start).toBeLessThan(0.47);
    const curve = glide.curve!;
    expect(curve.times.length).toBe(curve.cents.length);
    expect(curve.cents[curve.cents.length - 1]! - curve.cents[0]!).toBeGreaterThan(250);
    for (let i = 1; i < curve.cents.length; i++) expect(curve.cents[i]!).toBeGreaterThan(curve.cents[i - 1]!);
  });

  it("keeps repeated notes separated by a 60 ms unvoiced gap apart", () => {
    const notes = segmentNotes(track(0.8, (time) => (time >= 0.37 && time < 0.43 ? Number.NaN : 67)));
    expect(notes.map((note) => [note.start, note.end, Math.round(note.midi)])).toEqual([
      [0, expect.closeTo(0.37, 6), 67],
      [expect.closeTo(0.43, 6), expect.closeTo(0.8, 6), 67],
    ]);
  });

  it("bridges a one-frame dropout inside a note", () => {
    const notes = segmentNotes(track(0.6, (time) => (Math.abs(time - 0.3) < 0.005 ? Number.NaN : 67)));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.end).toBeCloseTo(0.6, 6);
  });

  it("drops isolated blips shorter than the minimum note and absorbs short outliers", () => {
    const notes = segmentNotes(
      track(1, (time) => (time < 0.03 ? 72 : time < 0.2 ? Number.NaN : time >= 0.5 && time < 0.53 ? 75 : 60)),
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]!.start).toBeCloseTo(0.2, 6);
    expect(notes[0]!.midi).toBeCloseTo(60, 4);
  });

  it("splits legato repeated notes of one pitch at level onsets", () => {
    const repeated = track(0.9, () => 64);
    const levels = new Float32Array(90).map((_, t) => (t % 30 === 29 ? -40 : -10 - (t % 30) / 3));
    expect(segmentNotes(repeated)).toHaveLength(1);
    const notes = segmentNotes(repeated, {}, levels);
    expect(notes.map((note) => note.start)).toEqual([0, expect.closeTo(0.3, 6), expect.closeTo(0.6, 6)]);
    expect(() => segmentNotes(repeated, {}, new Float32Array(3))).toThrow(/levelsDb/);
  });

  it("moves a note change back to pYIN's voicing dip before it", () => {
    const step = track(0.6, (time) => (time < 0.33 ? 60 : 62));
    const dipped = { ...step, voicedProbability: step.voicedProbability.map((p, t) => (t === 30 ? 0.4 : p)) };
    expect(segmentNotes(step)[1]!.start).toBeCloseTo(0.33, 6);
    expect(segmentNotes(dipped)[1]!.start).toBeCloseTo(0.3, 6);
    expect(segmentNotes(dipped)[0]!.end).toBeCloseTo(0.3, 6);
  });

  it("merges a short octave-low attack, even across a short dropout, into the note after it", () => {
    // 54 for 100 ms, 20 ms unvoiced, then 66 for 120 ms (shorter than 2× the attack).
    const attack = track(0.5, (time) => (time < 0.1 ? 54 : time < 0.12 ? Number.NaN : time < 0.24 ? 66 : Number.NaN));
    const notes = segmentNotes(attack);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.start).toBe(0);
    expect(notes[0]!.midi).toBeCloseTo(66, 4);
    // A fifth below is a note of its own.
    const fifth = segmentNotes(
      track(0.5, (time) => (time < 0.1 ? 59 : time < 0.12 ? Number.NaN : time < 0.24 ? 66 : Number.NaN)),
    );
    expect(fifth.map((note) => Math.round(note.midi))).toEqual([59, 66]);
  });

  it("handles empty, silent and one-frame tracks", () => {
    expect(segmentNotes(track(0, () => 60))).toEqual([]);
    expect(segmentNotes(track(1, () => Number.NaN))).toEqual([]);
    expect(
      segmentNotes(
        track(0.01, () => 60),
        { minNoteSeconds: 0 },
      ),
    ).toHaveLength(1);
  });

  it("rejects options outside their ranges", () => {
    expect(() => resolveSegmentNotesOptions({ bandCents: 0 })).toThrow(/bandCents/);
    expect(() => resolveSegmentNotesOptions({ minNoteSeconds: -1 })).toThrow(/minNoteSeconds/);
  });
});
