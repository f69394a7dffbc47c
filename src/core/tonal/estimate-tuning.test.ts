import { describe, expect, it } from "vitest";
import { magnitudeSpectrogram } from "../dsp/spectrogram.js";
import { stft } from "../dsp/stft.js";
import { spectralPeaks } from "../features/spectral-peaks.js";
import { chordSequence } from "../test-helpers/harmonic-signals.js";
import { whiteNoise } from "../test-helpers/signals.js";
import { estimateTuning } from "./estimate-tuning.js";

const RATE = 22_050;
const peaksOf = (samples: Float32Array) =>
  spectralPeaks(magnitudeSpectrogram(stft(samples, RATE, { frameSize: 2048, hopSize: 512 })));
const cents = (hz: number, referenceHz: number) => 1200 * Math.log2(hz / referenceHz);
/** A scale of single harmonic tones, then a few chords. */
const toneSet = (referenceHz: number) =>
  chordSequence([[57], [60], [62], [64], [65], [67], [69], [71], [72], [60, 64, 67], [53, 57, 60]], RATE, 0.5, {
    referenceHz,
  });

describe("estimateTuning", () => {
  it.each([436, 440, 443, 446])("finds A4 = %d Hz within ±1 cent", (referenceHz) => {
    const tuning = estimateTuning(peaksOf(toneSet(referenceHz)));
    expect(Math.abs(cents(tuning.referenceHz, referenceHz))).toBeLessThan(1);
    expect(tuning.confidence).toBeGreaterThan(0.5);
  });

  it("reads a quarter-tone offset on the right side of the grid", () => {
    const tuning = estimateTuning(peaksOf(toneSet(440 * 2 ** (-40 / 1200))));
    expect(tuning.deviationCents).toBeCloseTo(-40, 0);
  });

  it("answers 440 Hz with confidence 0 for silence and low confidence for noise", () => {
    const silent = estimateTuning(peaksOf(new Float32Array(RATE)));
    expect(silent).toEqual({ referenceHz: 440, deviationCents: 0, confidence: 0 });
    const noise = estimateTuning(peaksOf(whiteNoise(2 * RATE, 7, 0.3)));
    expect(Number.isFinite(noise.referenceHz)).toBe(true);
    expect(noise.confidence).toBeLessThan(0.2);
  });

  it("rejects a refine window outside (0, 50)", () => {
    expect(() => estimateTuning(peaksOf(new Float32Array(4096)), { refineWindowCents: 60 })).toThrow(RangeError);
  });
});
