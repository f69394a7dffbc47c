import { describe, expect, it } from "vitest";
import { onsetFMeasure } from "../../evaluation/onset-metrics.js";
import { addChord } from "../../test-helpers/harmonic-signals.js";
import { whiteNoise } from "../../test-helpers/signals.js";
import type { DrumClass } from "../drum-hit.js";
import { drumInputFromSignal } from "./drum-input-from-signal.js";
import { drumPresence } from "./drum-presence.js";
import { addAccompaniment, renderDrumHits, rockBeat, type SynthHit } from "./test-helpers/drum-signals.js";
import { transcribeDrums } from "./transcribe-drums.js";

const SAMPLE_RATE = 44_100;
const GROUPS: Readonly<Record<string, readonly DrumClass[]>> = {
  kick: ["kick"],
  snare: ["snare"],
  hihat: ["hihat-closed", "hihat-open"],
  tom: ["tom-low", "tom-mid", "tom-high"],
};

function transcribe(samples: Float32Array, sampleRate = SAMPLE_RATE) {
  return transcribeDrums(drumInputFromSignal(samples, sampleRate));
}

function fMeasures(truth: readonly SynthHit[], found: ReturnType<typeof transcribe>) {
  return Object.fromEntries(
    Object.entries(GROUPS).map(([name, classes]) => {
      const reference = truth.filter((hit) => classes.includes(hit.drum)).map((hit) => hit.timeSeconds);
      const estimated = found.hits.filter((hit) => classes.includes(hit.drum)).map((hit) => hit.timeSeconds);
      return [name, onsetFMeasure(reference, estimated).fMeasure];
    }),
  );
}

function expectValid(result: ReturnType<typeof transcribe>) {
  for (const hit of result.hits) {
    expect(Number.isFinite(hit.timeSeconds) && hit.timeSeconds >= 0).toBe(true);
    expect(Number.isInteger(hit.velocity) && hit.velocity >= 1 && hit.velocity <= 127).toBe(true);
  }
  for (let i = 1; i < result.hits.length; i++) {
    expect(result.hits[i]!.timeSeconds).toBeGreaterThanOrEqual(result.hits[i - 1]!.timeSeconds);
  }
  expect(result.activations.every(Number.isFinite)).toBe(true);
}

describe("transcribeDrums", () => {
  const tempoBpm = 112;
  const truth = rockBeat(tempoBpm, 8);
  const duration = 0.5 + (8 * 4 * 60) / tempoBpm + 1;

  it("finds kick, snare and hi-hat of a drum part under chords and bass, at the right times", () => {
    const samples = renderDrumHits(truth, SAMPLE_RATE, duration);
    addAccompaniment(samples, SAMPLE_RATE, tempoBpm);
    const result = transcribe(samples);
    expectValid(result);
    const scores = fMeasures(truth, result);
    expect(scores.kick).toBeGreaterThanOrEqual(0.9);
    expect(scores.snare).toBeGreaterThanOrEqual(0.85);
    expect(scores.hihat).toBeGreaterThanOrEqual(0.8);
    expect(drumPresence(result, duration).hasDrums).toBe(true);
  });

  it("works on the drums alone, at 22.05 and 48 kHz", () => {
    for (const sampleRate of [22_050, 48_000]) {
      const result = transcribe(renderDrumHits(truth, sampleRate, duration), sampleRate);
      expectValid(result);
      const scores = fMeasures(truth, result);
      expect(scores.kick).toBeGreaterThanOrEqual(0.9);
      expect(scores.snare).toBeGreaterThanOrEqual(0.85);
      expect(scores.hihat).toBeGreaterThanOrEqual(0.8);
    }
  });

  it("velocities follow the hits' levels", () => {
    const soft = rockBeat(tempoBpm, 4).map((hit) => ({ ...hit, level: hit.level * (hit.timeSeconds < 4 ? 1 : 0.25) }));
    const result = transcribe(renderDrumHits(soft, SAMPLE_RATE, 10));
    const kicks = result.hits.filter((hit) => hit.drum === "kick");
    const mean = (hits: typeof kicks) => hits.reduce((sum, hit) => sum + hit.velocity, 0) / Math.max(1, hits.length);
    const loud = kicks.filter((hit) => hit.timeSeconds < 4);
    const quiet = kicks.filter((hit) => hit.timeSeconds > 4.2);
    expect(loud.length).toBeGreaterThan(0);
    expect(quiet.length).toBeGreaterThan(0);
    expect(mean(loud)).toBeGreaterThan(1.5 * mean(quiet));
  });

  it("silence: no hits, not audible, no drums with a reason", () => {
    const result = transcribe(new Float32Array(SAMPLE_RATE * 3));
    expect(result.hits).toEqual([]);
    expect(result.audible).toBe(false);
    const presence = drumPresence(result, 3);
    expect(presence.hasDrums).toBe(false);
    expect(presence.reason).toMatch(/silent/);
  });

  it("chords and a melody without drums: no drum part", () => {
    const samples = new Float32Array(SAMPLE_RATE * 12);
    const chords = [
      [48, 60, 64, 67],
      [45, 57, 60, 64],
      [41, 53, 57, 60],
      [43, 55, 59, 62],
    ];
    chords.forEach((chord, i) => {
      addChord(samples, SAMPLE_RATE, i * 3 * SAMPLE_RATE, 3 * SAMPLE_RATE, chord);
    });
    for (let note = 0; note < 24; note++) {
      const pitch = 72 + [0, 2, 4, 5, 7, 9, 7, 4][note % 8]!;
      addChord(samples, SAMPLE_RATE, note * 0.5 * SAMPLE_RATE, 0.45 * SAMPLE_RATE, [pitch], { amplitude: 0.15 });
    }
    const result = transcribe(samples);
    expectValid(result);
    const presence = drumPresence(result, 12);
    expect(presence.hasDrums).toBe(false);
    expect(presence.reason).not.toBeNull();
  });

  it("short clips, a single frame, empty input and NaN samples give valid results", () => {
    for (const length of [0, 1, 300, 2048, SAMPLE_RATE / 2]) expectValid(transcribe(whiteNoise(length, 3, 0.2)));
    const withNaN = renderDrumHits(rockBeat(120, 2), SAMPLE_RATE, 5);
    withNaN[SAMPLE_RATE] = Number.NaN;
    const result = transcribe(withNaN);
    expectValid(result);
    expect(result.hits.length).toBeGreaterThan(0);
  });

  it("rejects an input whose arrays disagree", () => {
    const input = drumInputFromSignal(new Float32Array(4096), SAMPLE_RATE);
    expect(() => transcribeDrums({ ...input, regionFlux: input.regionFlux.slice(1) })).toThrow(/region/);
    expect(() => transcribeDrums({ ...input, bands: new Float32Array(3) })).toThrow(/bands/);
  });
});
