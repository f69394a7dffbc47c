import { describe, expect, it } from "vitest";
import { resample } from "../dsp/resample.js";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import { gaussianNoise } from "../test-helpers/signals.js";
import { chromaprintFingerprint } from "./chromaprint.js";
import {
  fingerprintSimilarity,
  isSameRecording,
  SAME_RECORDING_MIN_SCORE,
  SILENCE_SUBFINGERPRINT,
} from "./fingerprint-similarity.js";
import { brightChords, chordProgression, chordsWithBursts, melody } from "./test-helpers/music-like.js";

function randomPrint(length: number, seed: number): Uint32Array {
  const random = createSeededRandom(seed);
  return new Uint32Array(length).map(() => Math.floor(random() * 2 ** 32));
}

describe("fingerprintSimilarity on raw values", () => {
  it("scores identical prints 1 at offset 0", () => {
    const a = randomPrint(200, 1);
    expect(fingerprintSimilarity(a, a.slice())).toMatchObject({ score: 1, bitErrorRate: 0, offsetFrames: 0 });
  });

  it("finds the offset of a shifted copy in both directions", () => {
    const a = randomPrint(300, 2);
    // b starts 25 frames into a: b's frame j is a's frame j + 25.
    const later = fingerprintSimilarity(a, a.subarray(25));
    expect(later).toMatchObject({ score: 1, offsetFrames: 25, overlapFrames: 275 });
    expect(later.offsetSeconds).toBeCloseTo((25 * 1365) / 11025, 12);
    expect(fingerprintSimilarity(a.subarray(40), a)).toMatchObject({ score: 1, offsetFrames: -40 });
    // Outside the searched range the copy is not found.
    expect(fingerprintSimilarity(a, a.subarray(25), { maxOffsetFrames: 10 }).score).toBeLessThan(0.2);
  });

  it("measures the bit error rate exactly: 4 flipped bits per value → 0.125, score 0.75", () => {
    const a = randomPrint(100, 3);
    const b = a.map((value, i) => (value ^ (0b1111 << (i % 28))) >>> 0);
    const match = fingerprintSimilarity(a, b, { maxOffsetFrames: 0 });
    expect(match.bitErrorRate).toBe(0.125);
    expect(match.score).toBe(0.75);
    const opposite = fingerprintSimilarity(new Uint32Array(50).fill(0xffffffff), new Uint32Array(50));
    expect(opposite).toMatchObject({ bitErrorRate: 1, score: 0 });
  });

  it("scores unrelated prints near 0", () => {
    const match = fingerprintSimilarity(randomPrint(400, 4), randomPrint(400, 5));
    expect(match.bitErrorRate).toBeGreaterThan(0.45);
    expect(match.score).toBeLessThan(0.1);
    expect(isSameRecording(match)).toBe(false);
  });

  it("leaves out positions where both prints are silent", () => {
    const silent = new Uint32Array(100).fill(SILENCE_SUBFINGERPRINT);
    const match = fingerprintSimilarity(silent, silent.slice());
    expect(match.overlapFrames).toBe(0);
    expect(isSameRecording(match)).toBe(false);
    expect(fingerprintSimilarity(silent, silent.slice(), { ignoreSilence: false }).score).toBe(1);
  });

  it("compares prints shorter than minOverlapFrames over their whole length, and empty ones not at all", () => {
    const a = randomPrint(10, 6);
    expect(fingerprintSimilarity(a, a.slice())).toMatchObject({ score: 1, overlapFrames: 10 });
    expect(fingerprintSimilarity(a, new Uint32Array(0))).toMatchObject({ score: 0, overlapFrames: 0 });
    expect(() => fingerprintSimilarity(a, a, { maxOffsetFrames: -1 })).toThrow(RangeError);
  });
});

describe("fingerprintSimilarity on audio", () => {
  const rate = 44100;
  const seconds = 20;
  const original = melody(rate, seconds, 7);
  const reference = chromaprintFingerprint(original, rate);

  it("judges a gain-changed, noisy, 48 kHz copy the same recording", () => {
    const noise = gaussianNoise(original.length, 8, 0.01);
    const altered = original.map((value, i) => 0.4 * value + noise[i]!);
    const match = fingerprintSimilarity(reference, chromaprintFingerprint(resample(altered, rate, 48000), 48000));
    expect(match.offsetFrames).toBe(0);
    expect(match.bitErrorRate).toBeLessThan(0.1);
    expect(isSameRecording(match)).toBe(true);
  });

  it("judges a copy starting 1 s later the same recording, 8 frames off", () => {
    const trimmed = original.subarray(rate);
    const match = fingerprintSimilarity(reference, chromaprintFingerprint(trimmed, rate));
    expect(match.offsetFrames).toBe(8); // 1 s = 8.08 frames
    expect(match.score).toBeGreaterThan(SAME_RECORDING_MIN_SCORE);
  });

  it("judges different music different recordings", () => {
    const otherRate = 22050;
    const others = [
      melody(otherRate, seconds, 8),
      chordProgression(otherRate, seconds),
      chordsWithBursts(otherRate, seconds, 3),
      brightChords(otherRate, seconds, 5),
    ];
    for (const other of others) {
      const match = fingerprintSimilarity(reference, chromaprintFingerprint(other, otherRate));
      expect(match.bitErrorRate).toBeGreaterThan(0.35);
      expect(isSameRecording(match)).toBe(false);
    }
  });
});
