import { describe, expect, it } from "vitest";
import type { MelodyEvidence } from "./melody-evidence.js";
import type { LogisticModel } from "./melody-logistic.js";
import { filterMelodyNotes, NOTE_FEATURES, noteFeatures } from "./melody-note-filter.js";
import type { SalienceCandidates } from "./melody-salience.js";
import type { MelodyLine } from "./track-melody.js";

const HOP = 0.02;
const FRAMES = 100;

/**
 * A line at MIDI 72 (0.0–1.0 s, salience 1, the frame's top candidate) then MIDI 60
 * (1.0–2.0 s, salience 0.2, under a louder candidate at MIDI 55).
 */
function twoNotes(): { line: MelodyLine; candidates: SalienceCandidates } {
  const k = 2;
  const times = Float64Array.from({ length: FRAMES }, (_, t) => t * HOP);
  const midi = Float32Array.from(times, (time) => (time < 1 ? 72 : 60));
  const salience = Float32Array.from(times, (time) => (time < 1 ? 1 : 0.2));
  const counts = new Int32Array(FRAMES).fill(k);
  const candidateMidi = new Float32Array(FRAMES * k);
  const candidateSalience = new Float32Array(FRAMES * k);
  for (let t = 0; t < FRAMES; t++) {
    const first = t < 50;
    candidateMidi.set(first ? [72, 48] : [55, 60], t * k);
    candidateSalience.set(first ? [1, 0.1] : [0.8, 0.2], t * k);
  }
  const candidates = {
    frames: FRAMES,
    candidatesPerFrame: k,
    counts,
    midi: candidateMidi,
    salience: candidateSalience,
    hopSeconds: HOP,
    firstFrameSeconds: 0,
  };
  return { line: { times, midi, salience }, candidates };
}

const EVIDENCE: MelodyEvidence = {
  bands: new Float32Array(200 * 4),
  bandCount: 4,
  bandMidi: Float32Array.of(60, 67, 72, 79),
  frameRate: 100,
  firstFrameSeconds: 0,
  onsetEnvelope: new Float32Array(200),
  onsets: [0, 1],
  beats: [0, 0.5, 1, 1.5, 2],
};

describe("filterMelodyNotes", () => {
  it("describes each note by its salience, its rank among the candidates and its register", () => {
    const { line, candidates } = twoNotes();
    const notes = [
      { onset: 0, offset: 1, midi: 72 },
      { onset: 1, offset: 2, midi: 60 },
    ];
    const [strong, weak] = noteFeatures(notes, line, candidates, EVIDENCE);
    expect(strong!.length).toBe(NOTE_FEATURES.length);
    expect(strong![1]).toBeCloseTo(Math.log(1.001), 6);
    expect(weak![1]).toBeCloseTo(Math.log(0.201), 6);
    expect(strong![2]).toBe(1);
    expect(weak![2]).toBe(0);
    expect(weak![3]).toBeCloseTo(Math.log(0.2 / 0.8), 5);
    expect(strong![5]! - weak![5]!).toBeCloseTo(1, 6);
    expect(strong![8]).toBe(0);
    expect(strong![0]).toBeCloseTo(Math.log(2), 6);
  });

  it("keeps the notes the model accepts", () => {
    const { line, candidates } = twoNotes();
    const notes = [
      { onset: 0, offset: 1, midi: 72 },
      { onset: 1, offset: 2, midi: 60 },
    ];
    const bySalience: LogisticModel = {
      features: NOTE_FEATURES,
      mean: NOTE_FEATURES.map(() => 0),
      scale: NOTE_FEATURES.map(() => 1),
      weights: NOTE_FEATURES.map((_, i) => (i === 1 ? 5 : 0)),
      bias: 4,
      threshold: 0.5,
    };
    expect(filterMelodyNotes(notes, line, candidates, EVIDENCE, bySalience)).toEqual([notes[0]]);
  });
});
