import { describe, expect, it } from "vitest";
import { chordScores } from "../../core/evaluation/chord-metrics.js";
import { clickTrain } from "../../core/test-helpers/signals.js";
import type { AudioSignal } from "../../core/types.js";
import { AnalysisContext } from "../analysis-context.js";
import { analyzeAudio, resolveAnalyses } from "../analyze-audio.js";
import { type Chords, ChordsSchema, chordsAnalysis, chordsOf } from "./chords.js";

const SAMPLE_RATE = 44_100;
const TEMPO_BPM = 120;
const BAR_SECONDS = (4 * 60) / TEMPO_BPM;

/** One bar per chord at 120 BPM: harmonic tones (bass an octave+ below) plus a click on every beat. */
function song(voicings: readonly (readonly number[])[]): AudioSignal {
  const perBar = Math.round(BAR_SECONDS * SAMPLE_RATE);
  const samples = new Float32Array(perBar * voicings.length);
  voicings.forEach((notes, bar) => {
    for (const note of notes) {
      const frequency = 440 * 2 ** ((note - 69) / 12);
      for (let h = 1; h <= 5; h++) {
        const step = (2 * Math.PI * frequency * h) / SAMPLE_RATE;
        for (let i = 0; i < perBar; i++) samples[bar * perBar + i]! += (0.04 / h) * Math.sin(step * i);
      }
    }
  });
  const clicks = clickTrain(TEMPO_BPM, SAMPLE_RATE, samples.length);
  for (let i = 0; i < samples.length; i++) samples[i]! += 0.3 * clicks[i]!;
  return { channels: [samples], sampleRate: SAMPLE_RATE };
}

describe("the chords analysis", () => {
  it("runs by default and reports a documented, valid result", async () => {
    expect(resolveAnalyses(undefined)).toContain("chords");
    const progression = [
      [48, 60, 64, 67],
      [45, 57, 60, 64],
      [41, 60, 65, 69],
      [43, 59, 62, 65, 67],
    ];
    const report = await analyzeAudio(
      song([...progression, ...progression, ...progression]),
      { origin: "signal" },
      {
        analyses: ["chords"],
      },
    );
    const chords = report.analyses.chords as Chords;
    expect(ChordsSchema.parse(chords)).toEqual(chords);
    const labels = ["C:maj", "A:min", "F:maj", "G:7"];
    const reference = {
      intervals: Array.from({ length: 12 }, (_, bar) => [bar * BAR_SECONDS, (bar + 1) * BAR_SECONDS] as const),
      labels: Array.from({ length: 12 }, (_, bar) => labels[bar % 4]!),
    };
    const corpus = chordsAnalysis.toCorpus!(chords).chords!;
    const scores = chordScores(reference, {
      intervals: corpus.map(({ start, end }) => [start, end] as const),
      labels: corpus.map(({ label }) => label),
    });
    expect(scores.majmin).toBeGreaterThan(0.85);
    expect(scores.sevenths).toBeGreaterThan(0.8);
    expect(chords.mostCommon.map((chord) => chord.name)).toEqual(expect.arrayContaining(["C", "Am", "F", "G7"]));
    expect(chords.confidence).toBeGreaterThan(0);
    expect(chords.segments[0]!.start).toBe(0);
  });

  it("reports N with confidence 0 for silence, and memoises its result", () => {
    const context = AnalysisContext.fromSignal({
      channels: [new Float32Array(SAMPLE_RATE * 3)],
      sampleRate: SAMPLE_RATE,
    });
    const chords = chordsOf(context);
    expect(chords.segments.every((segment) => segment.label === "N" && segment.confidence === 0)).toBe(true);
    expect(chords.confidence).toBe(0);
    expect(chordsOf(context)).toBe(chords);
    expect(ChordsSchema.parse(chords)).toEqual(chords);
  });
});
