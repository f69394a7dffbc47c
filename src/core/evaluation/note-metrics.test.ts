import { describe, expect, it } from "vitest";
import { NOTE_ONSET_OFFSET_DEFAULTS, noteTranscriptionScores } from "./note-metrics.js";

const note = (onset: number, offset: number, midi: number) => ({ onset, offset, midi });

describe("noteTranscriptionScores (mir_eval.transcription)", () => {
  const reference = [note(1, 1.5, 60), note(2, 2.5, 62), note(3, 4, 64)];

  it("matches onsets within 50 ms and pitches within 50 cents", () => {
    // 1.03/60.4 matches; 2.0/62.6 is 60 cents off; 3.07 is 70 ms late.
    const score = noteTranscriptionScores(reference, [note(1.03, 1.2, 60.4), note(2, 2.5, 62.6), note(3.07, 4, 64)]);
    expect(score.precision).toBeCloseTo(1 / 3, 12);
    expect(score.recall).toBeCloseTo(1 / 3, 12);
  });

  it("counts exactly 50 ms as a hit (distances rounded to 4 decimals, as mir_eval)", () => {
    // |1.05 − 1.0| is 0.050000000000000044 in floating point.
    expect(noteTranscriptionScores([note(1, 1.5, 60)], [note(1.05, 1.5, 60)]).fMeasure).toBe(1);
  });

  it("with offsets, allows max(50 ms, 20 % of the reference duration)", () => {
    const options = NOTE_ONSET_OFFSET_DEFAULTS;
    // Reference 3–4 s: tolerance 0.2 s. Reference 1–1.5 s: tolerance 0.1 s.
    expect(noteTranscriptionScores([note(3, 4, 64)], [note(3, 4.2, 64)], options).fMeasure).toBe(1);
    expect(noteTranscriptionScores([note(3, 4, 64)], [note(3, 4.21, 64)], options).fMeasure).toBe(0);
    expect(noteTranscriptionScores([note(1, 1.5, 60)], [note(1.05, 1.6, 60.4)], options).fMeasure).toBe(1);
    // The onset-only score ignores offsets entirely.
    expect(noteTranscriptionScores([note(3, 4, 64)], [note(3, 9, 64)]).fMeasure).toBe(1);
  });

  it("pairs each note at most once", () => {
    const score = noteTranscriptionScores([note(1, 2, 60)], [note(1, 2, 60), note(1.01, 2, 60)]);
    expect(score).toMatchObject({ precision: 0.5, recall: 1 });
  });

  it("scores 0 with no reference or no estimate", () => {
    expect(noteTranscriptionScores([], [note(1, 2, 60)]).fMeasure).toBe(0);
    expect(noteTranscriptionScores(reference, []).fMeasure).toBe(0);
  });
});
