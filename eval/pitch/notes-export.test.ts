import { describe, expect, it } from "vitest";
import type { TranscribedPitchNote } from "../../src/core/pitch/segment-notes.js";
import { midiNotes, parseMidi } from "./midi-file.js";
import { notesToJson, notesToMidi } from "./notes-export.js";

function note(start: number, end: number, midi: number, kind: "stable" | "glide" = "stable"): TranscribedPitchNote {
  return { start, end, midi, centsDeviation: 0, kind, confidence: 0.8, firstFrame: 0, endFrame: 1 };
}

describe("notesToMidi", () => {
  it("writes stable notes at their times and rounded pitches, leaving glides out", () => {
    const bytes = notesToMidi([note(0.5, 1.0, 60.2), note(1.0, 1.1, 61, "glide"), note(1.1, 1.75, 63.8)]);
    const written = midiNotes(parseMidi(bytes));
    expect(written.map((n) => n.key)).toEqual([60, 64]);
    expect(written[0]!.onsetSeconds).toBeCloseTo(0.5, 3);
    expect(written[0]!.offsetSeconds).toBeCloseTo(1.0, 3);
    expect(written[1]!.onsetSeconds).toBeCloseTo(1.1, 3);
    expect(written[1]!.offsetSeconds).toBeCloseTo(1.75, 3);
  });
});

describe("notesToMidi with glides as bends", () => {
  it("plays a glide as one note bent along its curve", () => {
    const glide: TranscribedPitchNote = {
      ...note(1.0, 1.1, 61, "glide"),
      curve: { times: Float64Array.from([1.0, 1.05]), cents: Float32Array.from([-100, 100]) },
    };
    const events = parseMidi(notesToMidi([note(0.5, 1.0, 60.2), glide], { glides: "bend" })).tracks[0]!;
    expect(midiNotes(parseMidi(notesToMidi([glide], { glides: "bend" }))).map((n) => n.key)).toEqual([61]);
    // Pitch bends (0xE0): −1 semitone then +1 at a ±2-semitone range: 8192 ∓ 4096.
    const bends = events
      .filter((event) => event.status === 0xe0)
      .map((event) => event.data[0]! | (event.data[1]! << 7));
    expect(bends).toEqual([4096, 12288]);
  });
});

describe("notesToJson", () => {
  it("keeps glide curves as arrays", () => {
    const glide: TranscribedPitchNote = {
      ...note(0, 0.1, 61, "glide"),
      curve: { times: Float64Array.from([0, 0.05]), cents: Float32Array.from([-50, 50]) },
    };
    const parsed = JSON.parse(notesToJson([glide], [{ start: 0, end: 0.1, firstNote: 0, endNote: 1 }]));
    expect(parsed.notes[0].curve).toEqual({ times: [0, 0.05], cents: [-50, 50] });
    expect(parsed.phrases).toHaveLength(1);
  });
});
