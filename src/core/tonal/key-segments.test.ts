import { describe, expect, it } from "vitest";
import { magnitudeSpectrogram } from "../dsp/spectrogram.js";
import { stft } from "../dsp/stft.js";
import { chroma } from "../features/chroma.js";
import { spectralPeaks } from "../features/spectral-peaks.js";
import { chordSequence, majorCadence, minorCadence } from "../test-helpers/harmonic-signals.js";
import { estimateKeySegments } from "./key-segments.js";

const RATE = 22_050;
const chromaOf = (samples: Float32Array) =>
  chroma(spectralPeaks(magnitudeSpectrogram(stft(samples, RATE, { frameSize: 2048, hopSize: 512 }))));
const repeat = (chords: number[][], times: number) => Array.from({ length: times }, () => chords).flat();

describe("estimateKeySegments", () => {
  it("follows a modulation from C major to E minor within a few seconds", () => {
    // 32 s of C major cadences, then 32 s of E minor cadences (1 s per chord).
    const samples = chordSequence([...repeat(majorCadence(60), 8), ...repeat(minorCadence(64), 8)], RATE, 1);
    const segments = estimateKeySegments(chromaOf(samples));
    expect(segments.map((segment) => segment.key)).toEqual(["C major", "E minor"]);
    expect(segments[0]!.start).toBe(0);
    expect(Math.abs(segments[1]!.start - 32)).toBeLessThan(4);
    expect(segments[1]!.end).toBeCloseTo(64, 0);
    for (const segment of segments) expect(segment.confidence).toBeGreaterThan(0.3);
  });

  it("keeps one segment when the key never changes", () => {
    const segments = estimateKeySegments(chromaOf(chordSequence(repeat(majorCadence(62), 6), RATE, 1)));
    expect(segments.map((segment) => segment.key)).toEqual(["D major"]);
  });

  it("gives no segments for silence or an empty chroma, and rejects bad options", () => {
    expect(estimateKeySegments(chromaOf(new Float32Array(5 * RATE)))).toEqual([]);
    expect(estimateKeySegments(chromaOf(new Float32Array(0)))).toEqual([]);
    expect(() => estimateKeySegments(chromaOf(new Float32Array(4096)), { stayProbability: 1 })).toThrow(RangeError);
  });
});
