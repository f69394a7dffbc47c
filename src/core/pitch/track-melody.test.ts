import { describe, expect, it } from "vitest";
import { melodyNotes, snapNoteOnsets } from "./melody-notes.js";
import type { SalienceCandidates } from "./melody-salience.js";
import { trackMelody } from "./track-melody.js";

const HOP = 0.02;

/** Candidates from per-frame lists of (midi, salience). */
function candidatesOf(frames: readonly (readonly (readonly [number, number])[])[], k = 4): SalienceCandidates {
  const counts = new Int32Array(frames.length);
  const midi = new Float32Array(frames.length * k);
  const salience = new Float32Array(frames.length * k);
  frames.forEach((list, t) => {
    const sorted = [...list].sort((a, b) => b[1] - a[1]).slice(0, k);
    counts[t] = sorted.length;
    sorted.forEach(([m, s], j) => {
      midi[t * k + j] = m;
      salience[t * k + j] = s;
    });
  });
  return {
    frames: frames.length,
    candidatesPerFrame: k,
    counts,
    midi,
    salience,
    hopSeconds: HOP,
    firstFrameSeconds: 0,
  };
}

const repeat = <T>(value: T, times: number): T[] => Array.from({ length: times }, () => value);

describe("trackMelody", () => {
  it("follows the salient line through a weaker accompaniment and is unvoiced where nothing is salient", () => {
    const chord: [number, number][] = [
      [60, 0.3],
      [64, 0.25],
    ];
    const frames = [
      ...repeat([[72, 1] as [number, number], ...chord], 20),
      ...repeat([[76, 1] as [number, number], ...chord], 20),
      ...repeat([] as [number, number][], 20),
      ...repeat([[74, 0.9] as [number, number], ...chord], 20),
    ];
    const line = trackMelody(candidatesOf(frames));
    expect(line.midi[10]).toBe(72);
    expect(line.midi[30]).toBe(76);
    expect(Number.isNaN(line.midi[50]!)).toBe(true);
    expect(line.midi[70]).toBe(74);
    expect(line.times[70]).toBeCloseTo(70 * HOP, 9);
  });

  it("bridges one frame where the melody's candidate drops out instead of jumping to the chord", () => {
    const frames = [
      ...repeat(
        [
          [72, 1],
          [60, 0.4],
        ] as [number, number][],
        10,
      ),
      [[60, 0.4]] as [number, number][],
      ...repeat(
        [
          [72, 1],
          [60, 0.4],
        ] as [number, number][],
        10,
      ),
    ];
    const line = trackMelody(candidatesOf(frames));
    const notes = melodyNotes(line);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.midi).toBe(72);
  });

  it("returns an empty line for no frames and refuses bad options", () => {
    expect(trackMelody(candidatesOf([])).midi).toHaveLength(0);
    expect(() => trackMelody(candidatesOf([[[60, 1]]]), { voicingThreshold: 0 })).toThrow(RangeError);
  });
});

describe("melodyNotes and snapNoteOnsets", () => {
  const lineOf = (midi: number[], salience: number[]) => ({
    times: Float64Array.from(midi, (_, t) => t * HOP),
    midi: Float32Array.from(midi),
    salience: Float32Array.from(salience),
  });

  it("cuts notes at pitch changes and at a salience rise on a repeated pitch, and drops blips", () => {
    const midi = [...repeat(67, 15), ...repeat(69.1, 15), ...repeat(69, 15), Number.NaN, 71, 71, Number.NaN];
    const salience = [...repeat(1, 15), ...repeat(1, 15), ...repeat(1, 15), 0, 1, 1, 0];
    salience[35] = 0.2;
    salience[36] = 0.2;
    salience[37] = 1;
    const notes = melodyNotes(lineOf(midi, salience));
    expect(notes.map((note) => Math.round(note.midi))).toEqual([67, 69, 69]);
    expect(notes[1]!.onset).toBeCloseTo(15 * HOP, 6);
    expect(notes[2]!.onset).toBeCloseTo(37 * HOP, 6);
    expect(notes[2]!.offset).toBeCloseTo(45 * HOP, 6);
  });

  it("moves note starts to the nearest onset in the window, never before the previous note", () => {
    const notes = [
      { onset: 1.0, offset: 1.5, midi: 60 },
      { onset: 1.5, offset: 2.0, midi: 62 },
      { onset: 3.0, offset: 3.4, midi: 64 },
    ];
    const snapped = snapNoteOnsets(notes, [0.95, 1.44, 1.48, 2.5, 3.2]);
    expect(snapped.map((note) => note.onset)).toEqual([0.95, 1.48, 3.0]);
    expect(snapped[0]!.offset).toBe(1.48);
  });
});

describe("trackMelody's novelty bonus", () => {
  it("prefers a line of newly struck notes to an equally salient held note", () => {
    // A held pad note at MIDI 64 (salience 1) under a lead (salience 0.9) that strikes a new pitch every 10 frames.
    const frames = Array.from({ length: 60 }, (_, t) => {
      const lead = 72 + 2 * Math.floor(t / 10);
      const struck = t % 10 < 3 ? 0.3 + (0.6 * (t % 10)) / 3 : 0.9;
      return [
        [64, 1],
        [lead, struck],
      ] as const;
    });
    const candidates = candidatesOf(frames);
    const plain = trackMelody(candidates, { noveltyWeight: 0, registerPerOctave: 0 });
    const novel = trackMelody(candidates, { noveltyWeight: 1, registerPerOctave: 0 });
    const onLead = (line: ReturnType<typeof trackMelody>) =>
      line.midi.filter((m, t) => t >= 10 && Math.abs(m - (72 + 2 * Math.floor(t / 10))) < 0.5).length;
    expect(onLead(plain)).toBeLessThan(10);
    expect(onLead(novel)).toBeGreaterThan(40);
  });
});
