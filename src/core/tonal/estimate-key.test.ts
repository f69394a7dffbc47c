import { describe, expect, it } from "vitest";
import { magnitudeSpectrogram } from "../dsp/spectrogram.js";
import { stft } from "../dsp/stft.js";
import { CHROMA_BINS, chroma } from "../features/chroma.js";
import { spectralPeaks } from "../features/spectral-peaks.js";
import { chordSequence, majorCadence, minorCadence } from "../test-helpers/harmonic-signals.js";
import { estimateKey, keyCorrelations, profileContrast } from "./estimate-key.js";
import { camelotCode, keyIndex, keyName, openKeyCode } from "./key-names.js";
import { KEY_PROFILE_NAMES, KEY_PROFILES } from "./key-profiles.js";

const RATE = 22_050;
function keyOf(chords: number[][], referenceHz = 440) {
  const samples = chordSequence([...chords, ...chords], RATE, 0.5, { referenceHz });
  const peaks = spectralPeaks(magnitudeSpectrogram(stft(samples, RATE, { frameSize: 2048, hopSize: 512 })));
  const result = chroma(peaks, { referenceHz });
  const profile = new Float64Array(CHROMA_BINS);
  for (let t = 0; t < result.frames; t++) for (let c = 0; c < 12; c++) profile[c] += result.data[t * 12 + c]!;
  return estimateKey(profile);
}

describe("estimateKey", () => {
  it.each([
    ["D major", majorCadence(62)],
    ["Bb major", majorCadence(58)],
    ["E minor", minorCadence(64)],
    ["C minor", minorCadence(60)],
  ])("finds %s from a I–IV–V–I cadence of harmonic tones", (expected, chords) => {
    const { best, runnerUp } = keyOf(chords);
    expect(best?.key).toBe(expected);
    expect(best!.confidence).toBeGreaterThan(runnerUp!.confidence);
    expect(best!.confidence).toBeGreaterThan(0.3);
  });

  it("finds the key of a cadence played at A4 = 452 Hz once chroma uses that tuning", () => {
    expect(keyOf(majorCadence(65), 452).best?.key).toBe("F major");
  });

  it("returns no key, confidence 0, for a flat, empty or NaN profile", () => {
    for (const profile of [new Float64Array(12), new Float64Array(12).fill(3), new Float64Array(12).fill(Number.NaN)]) {
      const estimate = estimateKey(profile);
      expect(estimate.best).toBeNull();
      expect(estimate.correlations.every((value) => Number.isFinite(value))).toBe(true);
    }
    expect(profileContrast([])).toBe(0);
    expect(() => keyCorrelations([1, 2, 3], KEY_PROFILES.krumhansl)).toThrow(RangeError);
  });

  it("correlates every profile with its own rotation perfectly", () => {
    for (const name of KEY_PROFILE_NAMES) {
      const rotated = Array.from({ length: 12 }, (_, c) => KEY_PROFILES[name].minor[(c - 9 + 12) % 12]!);
      const estimate = estimateKey(rotated, { profile: name });
      expect(estimate.best?.key).toBe("A minor");
      expect(estimate.best!.correlation).toBeCloseTo(1, 9);
    }
  });
});

describe("key names", () => {
  it("spells keys and gives Camelot and Open Key codes", () => {
    expect([
      keyName(keyIndex(9, "minor")),
      camelotCode(keyIndex(9, "minor")),
      openKeyCode(keyIndex(9, "minor")),
    ]).toEqual(["A minor", "8A", "1m"]);
    expect([camelotCode(keyIndex(0, "major")), openKeyCode(keyIndex(0, "major"))]).toEqual(["8B", "1d"]);
    expect([
      keyName(keyIndex(3, "major")),
      camelotCode(keyIndex(3, "major")),
      openKeyCode(keyIndex(3, "major")),
    ]).toEqual(["Eb major", "5B", "10d"]);
    expect([
      keyName(keyIndex(6, "minor")),
      camelotCode(keyIndex(6, "minor")),
      openKeyCode(keyIndex(6, "minor")),
    ]).toEqual(["F# minor", "11A", "4m"]);
    expect([camelotCode(keyIndex(5, "major")), openKeyCode(keyIndex(5, "major"))]).toEqual(["7B", "12d"]);
  });
});
