import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import { createPyin, createPyinStream, type PitchTrack, resolvePyinOptions } from "./pyin.js";
import { betaThresholdCdf, PYIN_THRESHOLD_COUNT, pyinCandidates } from "./pyin-candidates.js";
import { createPyinCandidateStream } from "./pyin-stream.js";
import { createYinDifference } from "./yin-difference.js";

const RATE = 22_050;

/** A sung-like melody: a scale of 0.4-s notes with 5-Hz vibrato, two partials, gaps between notes, light noise. */
function melody(seconds: number): Float32Array {
  const random = createSeededRandom(5);
  const out = new Float32Array(Math.round(seconds * RATE));
  const scale = [0, 2, 4, 5, 7, 9, 11, 12, 7, 4];
  let phase = 0;
  for (let i = 0; i < out.length; i++) {
    const time = i / RATE;
    const note = Math.floor(time / 0.4);
    const hz = 196 * 2 ** (scale[note % scale.length]! / 12) * (1 + 0.008 * Math.sin(2 * Math.PI * 5 * time));
    const sounding = time % 0.4 < 0.32 ? 1 : 0;
    out[i] = sounding * (0.4 * Math.sin(phase) + 0.15 * Math.sin(2 * phase)) + 0.004 * (random() - 0.5);
    phase += (2 * Math.PI * hz) / RATE;
  }
  return out;
}

/** Feeds `signal` in chunks whose sizes cycle through `sizes`. */
function inChunks(signal: Float32Array, sizes: readonly number[], push: (chunk: Float32Array) => void): void {
  for (let i = 0, k = 0; i < signal.length; k++) {
    const size = sizes[k % sizes.length]!;
    push(signal.subarray(i, i + size));
    i += size;
  }
}

function expectSameTrack(actual: PitchTrack, expected: PitchTrack): void {
  // toEqual on typed arrays compares element by element, NaN equal to NaN: bit-identical floats.
  expect(actual.times).toEqual(expected.times);
  expect(actual.f0Hz).toEqual(expected.f0Hz);
  expect(actual.voicedProbability).toEqual(expected.voicedProbability);
  expect(actual.voiced).toEqual(expected.voiced);
}

/** The per-frame candidates framed straight from the whole signal (pyin.ts's framing, written out). */
function wholeSignalCandidates(samples: Float32Array, hopSize: number): number[][] {
  const o = resolvePyinOptions({ sampleRate: RATE, hopSize });
  const maxLag = Math.ceil(RATE / o.fmin);
  const minLag = Math.max(2, Math.floor(RATE / o.fmax));
  const yin = createYinDifference({ frameLength: o.frameLength, maxLag });
  const cdf = betaThresholdCdf(o.betaAlpha, o.betaBeta);
  const cmndf = new Float32Array(maxLag + 1);
  const difference = new Float32Array(maxLag + 1);
  const hz = new Float32Array(PYIN_THRESHOLD_COUNT + 1);
  const probability = new Float32Array(PYIN_THRESHOLD_COUNT + 1);
  const half = ((o.frameLength - maxLag) >> 1) - Math.round(o.attackLookahead * RATE);
  const frames: number[][] = [];
  for (let t = 0; t <= Math.floor(samples.length / hopSize); t++) {
    const frame = new Float32Array(o.frameLength);
    const start = t * hopSize - half;
    const from = Math.max(0, start);
    const to = Math.min(samples.length, start + o.frameLength);
    if (to > from) frame.set(samples.subarray(from, to), from - start);
    let energy = 0;
    for (const value of frame) energy += value * value;
    let count = 0;
    if (energy / frame.length >= o.silenceMeanSquare) {
      yin.compute(frame, cmndf, difference);
      count = pyinCandidates(cmndf, difference, minLag, maxLag, RATE, cdf, hz, probability);
    }
    frames.push([...hz.subarray(0, count), ...probability.subarray(0, count)]);
  }
  return frames;
}

describe("createPyinCandidateStream", () => {
  it("gives every frame the candidates framed from the whole signal, whatever the chunking", () => {
    const signal = melody(1.3);
    for (const hopSize of [256, 700]) {
      const expected = wholeSignalCandidates(signal, hopSize);
      for (const sizes of [[signal.length], [1, 7, 333], [4097, 13, 2048, 1]]) {
        const frames: number[][] = [];
        const stream = createPyinCandidateStream(
          resolvePyinOptions({ sampleRate: RATE, hopSize }),
          (t, _frame, hz, probability, count) => {
            expect(t).toBe(frames.length);
            frames.push([...hz.subarray(0, count), ...probability.subarray(0, count)]);
          },
        );
        inChunks(signal, sizes, (chunk) => stream.push(chunk));
        expect(stream.finish()).toBe(expected.length);
        expect(frames).toEqual(expected);
      }
    }
  });

  it("hands each frame's samples to the visitor, zeros outside the signal", () => {
    const signal = Float32Array.from({ length: 3000 }, (_, i) => i + 1);
    const options = resolvePyinOptions({ sampleRate: RATE, hopSize: 1000 });
    const firsts: number[] = [];
    const stream = createPyinCandidateStream(options, (t, frame) => {
      // Sample i holds i + 1, so a frame's first non-zero value tells where it starts.
      const start = t * 1000 - stream.frameStart;
      for (let n = 0; n < frame.length; n++) {
        const index = start + n;
        expect(frame[n]).toBe(index >= 0 && index < signal.length ? index + 1 : 0);
      }
      firsts.push(start);
    });
    inChunks(signal, [577], (chunk) => stream.push(chunk));
    expect(stream.finish()).toBe(4);
    expect(firsts).toEqual([0, 1000, 2000, 3000].map((time) => time - stream.frameStart));
  });

  it("starts afresh after finish, and has one silent frame for an empty signal", () => {
    const counts: number[] = [];
    const stream = createPyinCandidateStream(resolvePyinOptions({ sampleRate: RATE }), (_t, _f, _h, _p, count) =>
      counts.push(count),
    );
    expect(stream.finish()).toBe(1);
    expect(counts).toEqual([0]);
    stream.push(melody(0.5));
    expect(stream.finish()).toBe(Math.floor((0.5 * RATE) / 512) + 1);
    stream.push(new Float32Array(100));
    expect(stream.finish()).toBe(1);
  });
});

describe("createPyinStream", () => {
  it("gives the whole-signal track bit for bit when fed in odd chunk sizes", () => {
    const signal = melody(6);
    for (const options of [{ hopSize: 256 }, { hopSize: 512, fmin: 40, fmax: 800 }]) {
      const whole = createPyin({ sampleRate: RATE, ...options })(signal);
      // The melody is tracked (not a vacuous comparison of empty tracks).
      expect(whole.voiced.reduce((sum, v) => sum + v, 0)).toBeGreaterThan(0.5 * whole.voiced.length);
      for (const sizes of [[1, 7, 333, 4097], [65_536], [2047, 2049]]) {
        const stream = createPyinStream({ sampleRate: RATE, ...options });
        inChunks(signal, sizes, (chunk) => stream.push(chunk));
        expectSameTrack(stream.finish(), whole);
      }
    }
  });

  it("tracks signals shorter than a frame and empty ones as createPyin does", () => {
    const tracker = createPyin({ sampleRate: RATE, hopSize: 256 });
    for (const length of [0, 1, 300, 1500]) {
      const signal = melody(1).subarray(2000, 2000 + length);
      const stream = createPyinStream({ sampleRate: RATE, hopSize: 256 });
      inChunks(signal, [37], (chunk) => stream.push(chunk));
      expectSameTrack(stream.finish(), tracker(signal));
    }
  });
});
