import { describe, expect, it } from "vitest";
import { noteTranscriptionScores } from "../../core/evaluation/note-metrics.js";
import { AnalysisContext } from "../analysis-context.js";
import { MelodySchema, melodyAnalysis } from "./melody.js";

const RATE = 22_050;

/** Adds a harmonic tone (partials at 1/h) with a 10 ms attack and a 30 ms release. */
function addTone(out: Float32Array, midi: number, start: number, end: number, level: number, partials: number): void {
  const f0 = 440 * 2 ** ((midi - 69) / 12);
  const from = Math.round(start * RATE);
  const to = Math.min(out.length, Math.round(end * RATE));
  for (let i = from; i < to; i++) {
    const t = (i - from) / RATE;
    const envelope = Math.min(1, t / 0.01, (to - i) / RATE / 0.03);
    let value = 0;
    for (let h = 1; h <= partials; h++) value += Math.sin(2 * Math.PI * f0 * h * t) / h;
    out[i] = out[i]! + level * envelope * value;
  }
}

/** A lead melody (with a repeated note and a rest) over a sustained, quieter C major chord. */
function leadOverChord(): { samples: Float32Array; notes: { onset: number; offset: number; midi: number }[] } {
  const samples = new Float32Array(6 * RATE);
  const melody: [number, number, number][] = [
    [0.5, 0.9, 72],
    [0.9, 1.3, 74],
    [1.3, 1.7, 76],
    [1.7, 2.1, 76],
    [2.1, 2.9, 79],
    [3.4, 3.8, 77],
    [3.8, 4.2, 76],
    [4.2, 4.6, 74],
    [4.6, 5.4, 72],
  ];
  for (const [onset, offset, midi] of melody) addTone(samples, midi, onset, offset - 0.02, 0.2, 8);
  for (const midi of [55, 60, 64]) addTone(samples, midi, 0, 6, 0.05, 6);
  return { samples, notes: melody.map(([onset, offset, midi]) => ({ onset, offset, midi })) };
}

describe("the melody analysis", () => {
  it("transcribes a lead melody over a chord: pitches, repeated notes and the rest", async () => {
    const { samples, notes } = leadOverChord();
    const context = AnalysisContext.fromSignal({ channels: [samples], sampleRate: RATE });
    const result = MelodySchema.parse(await melodyAnalysis.run(context, {}));
    const scores = noteTranscriptionScores(notes, result.notes);
    expect(scores.recall).toBeGreaterThanOrEqual(8 / 9);
    expect(scores.precision).toBeGreaterThanOrEqual(0.8);
    // The rest between 2.9 and 3.4 s is unvoiced in the contour.
    const restFrame = Math.round((3.15 - result.firstFrameSeconds) / result.frameSeconds);
    expect(result.contourMidi[restFrame]).toBeNull();
    expect(result.voicedRatio).toBeGreaterThan(0.6);
    expect(result.voicedRatio).toBeLessThan(0.95);
    expect(melodyAnalysis.toCorpus!(result)).toEqual({ notes: result.notes });
  });

  it("finds no melody in silence", async () => {
    const context = AnalysisContext.fromSignal({ channels: [new Float32Array(2 * RATE)], sampleRate: RATE });
    const result = MelodySchema.parse(await melodyAnalysis.run(context, {}));
    expect(result.notes).toEqual([]);
    expect(result.voicedRatio).toBe(0);
  });
});
