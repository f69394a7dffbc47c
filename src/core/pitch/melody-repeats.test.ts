import { describe, expect, it } from "vitest";
import {
  bandNearest,
  gridDistance,
  harmonicChange,
  type MelodyEvidence,
  onsetStrengthNear,
} from "./melody-evidence.js";
import { fitLogistic, fitNetwork, type LogisticModel, logisticProbability } from "./melody-logistic.js";
import { REPEAT_FEATURES, repeatCandidates, splitRepeatedNotes } from "./melody-repeats.js";
import type { MelodyLine } from "./track-melody.js";

const FRAME_RATE = 100;
const SECONDS = 2;
/** Bands a quarter tone apart from MIDI 48 to 96. */
const BAND_MIDI = Float32Array.from({ length: 97 }, (_, b) => 48 + b / 2);

/**
 * Evidence of a steady MIDI 69 tone (bands at its first four harmonics at level 2) that is
 * re-struck at 1.0 s (a 50 ms dip to 1, then back), with a broadband hit (a drum) at 0.5 s.
 */
function toneEvidence(): MelodyEvidence {
  const frames = SECONDS * FRAME_RATE;
  const bandCount = BAND_MIDI.length;
  const bands = new Float32Array(frames * bandCount).fill(0.2);
  const harmonicBands = [1, 2, 3, 4].map((h) => Math.round((69 + 12 * Math.log2(h) - 48) * 2));
  for (let t = 0; t < frames; t++) {
    const restruck = t >= 95 && t < 100;
    for (const b of harmonicBands) bands[t * bandCount + b] = restruck ? 1 : 2;
    if (t >= 50 && t < 54) for (let b = 0; b < bandCount; b++) bands[t * bandCount + b] = bands[t * bandCount + b]! + 1;
  }
  const onsetEnvelope = new Float32Array(frames);
  onsetEnvelope[50] = 2;
  onsetEnvelope[100] = 1;
  return {
    bands,
    bandCount,
    bandMidi: BAND_MIDI,
    frameRate: FRAME_RATE,
    firstFrameSeconds: 0,
    onsetEnvelope,
    onsets: [0.1, 0.5, 1.0],
    beats: [0, 0.5, 1, 1.5, 2],
  };
}

/** A melody line voiced at MIDI 69 from 0.1 to 1.9 s (20 ms frames), salience 1. */
function steadyLine(): MelodyLine {
  const frames = 100;
  const times = Float64Array.from({ length: frames }, (_, t) => t * 0.02);
  const midi = Float32Array.from(times, (time) => (time >= 0.1 && time < 1.9 ? 69 : Number.NaN));
  const salience = Float32Array.from(midi, (m) => (Number.isNaN(m) ? 0 : 1));
  return { times, midi, salience };
}

/** Splits where the harmonics rise more than the whole spectrum (REPEAT_FEATURES[3]). */
const RISE_MODEL: LogisticModel = {
  features: REPEAT_FEATURES,
  mean: REPEAT_FEATURES.map(() => 0),
  scale: REPEAT_FEATURES.map(() => 1),
  weights: REPEAT_FEATURES.map((_, i) => (i === 3 ? 10 : 0)),
  bias: -2,
  threshold: 0.5,
};

describe("melody evidence", () => {
  it("finds the band nearest a pitch and refuses pitches outside the bands", () => {
    const evidence = toneEvidence();
    expect(bandNearest(evidence, 69.1)).toBe(42);
    expect(bandNearest(evidence, 69.2)).toBe(42);
    expect(bandNearest(evidence, 30)).toBe(-1);
  });

  it("measures a re-struck tone's rise and dip at its harmonics, and a drum hit's broadband rise", () => {
    const evidence = toneEvidence();
    const restruck = harmonicChange(evidence, 69, 1.0);
    expect(restruck.rise).toBeCloseTo(1, 5);
    expect(restruck.dip).toBeCloseTo(1, 5);
    const drum = harmonicChange(evidence, 69, 0.5);
    expect(drum.broadRise).toBeCloseTo(1, 5);
    expect(drum.rise - drum.broadRise).toBeCloseTo(0, 5);
    expect(onsetStrengthNear(evidence, 0.51)).toBe(2);
  });

  it("places times in the beat grid in sixteenths", () => {
    expect(gridDistance([0, 0.5, 1], 0.25).beats).toBeCloseTo(0, 9);
    expect(gridDistance([0, 0.5, 1], 0.3).beatSeconds).toBeCloseTo(0.5, 9);
    expect(gridDistance([0, 0.5, 1], 0.0625).beats).toBeCloseTo(0.125, 9);
    expect(gridDistance([0], 0.3).beats).toBeNaN();
  });
});

describe("splitRepeatedNotes", () => {
  it("splits a steady note at the onset where its harmonics are re-struck, not at the drum hit", () => {
    const evidence = toneEvidence();
    const notes = [{ onset: 0.1, offset: 1.9, midi: 69 }];
    const line = steadyLine();
    const candidates = repeatCandidates(notes, line, evidence);
    expect(candidates.map((c) => c.seconds)).toEqual([0.5, 1.0]);
    const split = splitRepeatedNotes(notes, line, evidence, RISE_MODEL);
    expect(split).toEqual([
      { onset: 0.1, offset: 1.0, midi: 69 },
      { onset: 1.0, offset: 1.9, midi: 69 },
    ]);
  });

  it("leaves notes alone when the model never splits", () => {
    const notes = [{ onset: 0.1, offset: 1.9, midi: 69 }];
    const never = { ...RISE_MODEL, threshold: 1 };
    expect(splitRepeatedNotes(notes, steadyLine(), toneEvidence(), never)).toEqual(notes);
  });
});

describe("fitLogistic", () => {
  it("learns a separable rule and treats NaN features as the mean", () => {
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 40; i++) {
      const x = (i - 20) / 10;
      rows.push([x, (i * 7) % 5]);
      labels.push(x > 0.05 ? 1 : 0);
    }
    const model = fitLogistic(["x", "noise"], rows, labels);
    expect(logisticProbability(model, [1.5, 2])).toBeGreaterThan(0.9);
    expect(logisticProbability(model, [-1.5, 2])).toBeLessThan(0.1);
    expect(Math.abs(model.weights[0]!)).toBeGreaterThan(5 * Math.abs(model.weights[1]!));
    expect(logisticProbability(model, [Number.NaN, Number.NaN])).toBeCloseTo(1 / (1 + Math.exp(-model.bias)), 9);
  });
});

describe("fitNetwork", () => {
  it("learns a rule no line separates (inside a ring), reproducibly", () => {
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 15; i++) {
      for (let j = 0; j < 15; j++) {
        const x = (i - 7) / 3.5;
        const y = (j - 7) / 3.5;
        rows.push([x, y]);
        labels.push(x * x + y * y < 1 ? 1 : 0);
      }
    }
    const model = fitNetwork(["x", "y"], rows, labels, { iterations: 1500, learningRate: 0.2 });
    expect(logisticProbability(model, [0, 0])).toBeGreaterThan(0.7);
    expect(logisticProbability(model, [1.8, 1.8])).toBeLessThan(0.3);
    expect(logisticProbability(model, [-1.8, 0])).toBeLessThan(0.3);
    const again = fitNetwork(["x", "y"], rows, labels, { iterations: 1500, learningRate: 0.2 });
    expect(again.weights).toEqual(model.weights);
  });
});
