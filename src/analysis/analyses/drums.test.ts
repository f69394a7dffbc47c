import { describe, expect, it } from "vitest";
import { DRUM_CLASSES } from "../../core/drums/drum-hit.js";
import { drumInputFromSignal } from "../../core/drums/transcription/drum-input-from-signal.js";
import { RHYTHM_PASS_BAND_HZ } from "../../core/drums/transcription/drum-spectral-input.js";
import {
  addAccompaniment,
  renderDrumHits,
  rockBeat,
} from "../../core/drums/transcription/test-helpers/drum-signals.js";
import { onsetFMeasure } from "../../core/evaluation/onset-metrics.js";
import { addChord } from "../../core/test-helpers/harmonic-signals.js";
import { AnalysisContext } from "../analysis-context.js";
import { findAnalysis } from "../registry.js";
import { DrumsSchema, drumSpectralInputOf, drumsAnalysis, drumTranscriptionOf } from "./drums.js";

const SAMPLE_RATE = 44_100;

function contextOf(samples: Float32Array, sampleRate = SAMPLE_RATE) {
  return AnalysisContext.fromSignal({ channels: [samples], sampleRate }, undefined, { passes: ["rhythm"] });
}

describe("drums analysis", () => {
  const tempoBpm = 100;
  const truth = rockBeat(tempoBpm, 6);
  const samples = renderDrumHits(truth, SAMPLE_RATE, 16);
  addAccompaniment(samples, SAMPLE_RATE, tempoBpm);
  const context = contextOf(samples);

  it("is registered, opt-in, and reads only the rhythm pass", () => {
    expect(findAnalysis("drums")).toBe(drumsAnalysis);
    expect(drumsAnalysis.includedByDefault).toBe(false);
    expect(drumsAnalysis.passes).toEqual(["rhythm"]);
  });

  it("transcribes a drum part under chords: a valid report, counts and the corpus fields", () => {
    const result = DrumsSchema.parse(drumsAnalysis.run(context, {}));
    expect(result.hasDrums).toBe(true);
    expect(result.reason).toBeNull();
    expect(result.confidence).toBeGreaterThan(0.3);
    expect(Object.keys(result.counts).sort()).toEqual([...DRUM_CLASSES].sort());
    expect(Object.values(result.counts).reduce((sum, count) => sum + count, 0)).toBe(result.hits.length);
    const corpus = drumsAnalysis.toCorpus!(result).drums!;
    const reference = (classes: readonly string[]) =>
      truth.filter((hit) => classes.includes(hit.drum)).map((hit) => hit.timeSeconds);
    expect(onsetFMeasure(reference(["kick"]), corpus.kick!).fMeasure).toBeGreaterThanOrEqual(0.9);
    expect(onsetFMeasure(reference(["snare"]), corpus.snare!).fMeasure).toBeGreaterThanOrEqual(0.85);
    expect(onsetFMeasure(reference(["hihat-closed", "hihat-open"]), corpus.hihat!).fMeasure).toBeGreaterThanOrEqual(
      0.8,
    );
    const all = [...corpus.kick!, ...corpus.snare!, ...corpus.hihat!, ...corpus.cymbal!, ...corpus.tom!];
    expect(all.length).toBe(result.hits.length);
    expect(drumTranscriptionOf(context)).toBe(drumTranscriptionOf(context));
  });

  it("reads exactly what drumInputFromSignal computes from the mono signal (a stem gets the same model input)", () => {
    const fromContext = drumSpectralInputOf(context);
    const fromSignal = drumInputFromSignal(samples, SAMPLE_RATE, { bandHz: RHYTHM_PASS_BAND_HZ });
    expect(fromContext.frames).toBe(fromSignal.frames);
    expect(Array.from(fromContext.bandCenterHz)).toEqual(Array.from(fromSignal.bandCenterHz));
    const largestDifference = (a: Float32Array, b: Float32Array) => {
      expect(a.length).toBe(b.length);
      let largest = 0;
      for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i]! - b[i]!));
      return largest;
    };
    expect(largestDifference(fromContext.bands, fromSignal.bands)).toBe(0);
    fromContext.regionFlux.forEach((envelope, r) => {
      expect(largestDifference(envelope, fromSignal.regionFlux[r]!)).toBe(0);
    });
    expect(largestDifference(fromContext.highBandFlux!, fromSignal.highBandFlux!)).toBe(0);
  });

  it("silence and music without drums: empty hits, hasDrums false with a reason", () => {
    const silent = DrumsSchema.parse(drumsAnalysis.run(contextOf(new Float32Array(SAMPLE_RATE * 2)), {}));
    expect(silent).toMatchObject({ hasDrums: false, hits: [], confidence: 0 });
    expect(silent.reason).toMatch(/silent/);
    const chords = new Float32Array(SAMPLE_RATE * 8);
    [
      [48, 60, 64, 67],
      [53, 57, 60, 65],
    ].forEach((chord, i) => {
      addChord(chords, SAMPLE_RATE, i * 4 * SAMPLE_RATE, 4 * SAMPLE_RATE, chord);
    });
    const tonal = DrumsSchema.parse(drumsAnalysis.run(contextOf(chords), {}));
    expect(tonal.hasDrums).toBe(false);
    expect(tonal.hits).toEqual([]);
    expect(tonal.reason).not.toBeNull();
    expect(drumsAnalysis.toCorpus!(tonal).drums).toEqual({ kick: [], snare: [], hihat: [], cymbal: [], tom: [] });
  });

  it("a clip shorter than one frame gives an empty, valid result", () => {
    const result = DrumsSchema.parse(drumsAnalysis.run(contextOf(new Float32Array(100).fill(0.1)), {}));
    expect(result.hits).toEqual([]);
    expect(result.hasDrums).toBe(false);
  });
});
