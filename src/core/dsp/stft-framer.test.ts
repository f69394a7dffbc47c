import { describe, expect, it } from "vitest";
import { firstBitDifference } from "../test-helpers/bit-difference.js";
import { createSeededRandom, type RandomSource, randomInteger } from "../test-helpers/seeded-random.js";
import { reflectIndex, visitStftFrames } from "./stft.js";
import { createStftFramer, createStreamingStft, type StftFramerOptions } from "./stft-framer.js";

function noise(random: RandomSource, length: number): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = 2 * random() - 1;
  return out;
}

/** Chunk lengths covering `length`: random sizes (many of 0 and 1 samples), or one chunk. */
function chunking(random: RandomSource, length: number, maxChunk: number): number[] {
  const sizes: number[] = [];
  let left = length;
  while (left > 0) {
    const kind = random();
    const size = kind < 0.15 ? 0 : kind < 0.35 ? 1 : randomInteger(random, 2, maxChunk);
    sizes.push(Math.min(size, left));
    left -= Math.min(size, left);
  }
  return sizes;
}

function pushInChunks(push: (chunk: Float32Array) => void, signal: Float32Array, sizes: readonly number[]): void {
  let start = 0;
  for (const size of sizes) {
    // A fresh copy, so the framer cannot rely on chunks staying put.
    push(signal.slice(start, start + size));
    start += size;
  }
}

/** Every spectrum of visitStftFrames, concatenated. */
function batchSpectra(signal: Float32Array, options: StftFramerOptions): Float32Array {
  const bins = options.frameSize + 2;
  const parts: Float32Array[] = [];
  visitStftFrames(signal, 1, { ...options, window: "hann" }, (t, spectrum) => {
    expect(t).toBe(parts.length);
    parts.push(spectrum.slice());
  });
  const out = new Float32Array(parts.length * bins);
  for (let t = 0; t < parts.length; t++) out.set(parts[t]!, t * bins);
  return out;
}

function streamedSpectra(signal: Float32Array, options: StftFramerOptions, sizes: readonly number[]): Float32Array {
  const bins = options.frameSize + 2;
  const parts: Float32Array[] = [];
  const stft = createStreamingStft({ ...options, window: "hann" }, (t, spectrum) => {
    expect(t).toBe(parts.length);
    parts.push(spectrum.slice());
  });
  pushInChunks((chunk) => stft.push(chunk), signal, sizes);
  expect(stft.received).toBe(signal.length);
  const frames = stft.finish();
  expect(frames).toBe(parts.length);
  const out = new Float32Array(parts.length * bins);
  for (let t = 0; t < parts.length; t++) out.set(parts[t]!, t * bins);
  return out;
}

/** Bit-for-bit equality (NaN equals NaN, +0 differs from −0). */
function expectIdentical(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  expect(firstBitDifference(actual, expected)).toBe(-1);
}

const MODES: readonly Omit<StftFramerOptions, "frameSize" | "hopSize">[] = [
  { center: true, padMode: "reflect" },
  { center: true, padMode: "constant" },
  { center: false, padMode: "reflect" },
];

describe("createStreamingStft", () => {
  const frameSize = 64;
  const lengths = [0, 1, 2, 5, 31, 32, 33, 63, 64, 65, 96, 128, 129];

  for (const mode of MODES) {
    for (const hopSize of [16, 32, 48, 64, 100]) {
      const options = { frameSize, hopSize, ...mode };
      it(`matches visitStftFrames bit for bit (hop ${hopSize}, ${mode.padMode}, center ${mode.center})`, () => {
        const random = createSeededRandom(
          1000 + hopSize + (mode.center ? 0 : 7) + (mode.padMode === "reflect" ? 0 : 3),
        );
        const randomLengths = Array.from({ length: 12 }, () => randomInteger(random, 0, 20 * frameSize));
        // Multiples of the hop: the last centred frame then starts exactly at n − pad.
        const aligned = [4 * hopSize, 9 * hopSize];
        for (const length of [...lengths, ...aligned, ...randomLengths]) {
          const signal = noise(random, length);
          const expected = batchSpectra(signal, options);
          expectIdentical(streamedSpectra(signal, options, [length]), expected);
          for (let trial = 0; trial < 3; trial++) {
            const maxChunk = trial === 0 ? 3 : trial === 1 ? frameSize : 5 * frameSize;
            expectIdentical(streamedSpectra(signal, options, chunking(random, length, maxChunk)), expected);
          }
        }
      });
    }
  }

  it("matches a large frame on a short signal (repeated reflection) and NaN samples", () => {
    const random = createSeededRandom(7);
    const options = { frameSize: 1024, hopSize: 256, center: true, padMode: "reflect" as const };
    for (const length of [1, 2, 3, 100, 511, 512, 513, 1500]) {
      const signal = noise(random, length);
      if (length > 200) signal[150] = Number.NaN;
      const expected = batchSpectra(signal, options);
      expectIdentical(streamedSpectra(signal, options, chunking(random, length, 40)), expected);
    }
  });

  it("rejects frame sizes that are not powers of two and a mismatched FFT", () => {
    const options = { frameSize: 48, hopSize: 12, center: true, padMode: "reflect" as const, window: "hann" as const };
    expect(() => createStreamingStft(options, () => {})).toThrow(RangeError);
    expect(() => createStreamingStft({ ...options, frameSize: 64, window: new Float32Array(32) }, () => {})).toThrow(
      /window length/,
    );
  });
});

describe("createStftFramer", () => {
  /** Frame t with zeros outside the signal, built directly. */
  function zeroPadded(signal: Float32Array, start: number, frameSize: number): Float32Array {
    const out = new Float32Array(frameSize);
    for (let n = 0; n < frameSize; n++) {
      const index = start + n;
      if (index >= 0 && index < signal.length) out[n] = signal[index]!;
    }
    return out;
  }

  it("reports the valid range, so a consumer can rebuild zero padding from reflected frames", () => {
    const random = createSeededRandom(21);
    for (const frameSize of [8, 15, 64]) {
      for (const hopSize of [3, 16, 40]) {
        for (const length of [0, 1, 4, 7, 8, 9, 50, 333]) {
          const signal = noise(random, length);
          const pad = frameSize >> 1;
          const rebuilt: Float32Array[] = [];
          const framer = createStftFramer(
            { frameSize, hopSize, center: true, padMode: "reflect" },
            (frame, index, validFrom, validTo) => {
              const start = index * hopSize - pad;
              expect(validFrom).toBe(Math.max(0, -start));
              expect(validTo).toBe(Math.min(frameSize, length - start));
              const zeroed = frame.slice();
              zeroed.fill(0, 0, validFrom);
              zeroed.fill(0, validTo);
              expectIdentical(zeroed, zeroPadded(signal, start, frameSize));
              rebuilt.push(zeroed);
            },
          );
          pushInChunks((chunk) => framer.push(chunk), signal, chunking(random, length, 2 * frameSize));
          const frames = framer.finish();
          expect(rebuilt).toHaveLength(frames);
          expect(frames).toBe(length === 0 ? 0 : 1 + Math.floor(length / hopSize));
        }
      }
    }
  });

  it("gives constant-padded frames equal to zero padding, and odd frame sizes reflect as numpy", () => {
    const random = createSeededRandom(5);
    const signal = noise(random, 101);
    const frameSize = 15;
    const hopSize = 5;
    const frames: Float32Array[] = [];
    const framer = createStftFramer({ frameSize, hopSize, center: true, padMode: "constant" }, (frame) =>
      frames.push(frame.slice()),
    );
    pushInChunks((chunk) => framer.push(chunk), signal, chunking(random, signal.length, 9));
    expect(framer.finish()).toBe(21);
    for (let t = 0; t < frames.length; t++) expectIdentical(frames[t]!, zeroPadded(signal, t * hopSize - 7, frameSize));

    // numpy.pad([0, 1, 2, 3, 4], 8, "reflect") → 0 1 2 3 4 3 2 1 | 0 1 2 3 4 | 3 2 1 0 1 2 3 4
    const ramp = new Float32Array([0, 1, 2, 3, 4]);
    const reflected: number[][] = [];
    const reflecting = createStftFramer({ frameSize, hopSize, center: true, padMode: "reflect" }, (frame) =>
      reflected.push(Array.from(frame)),
    );
    reflecting.push(ramp);
    expect(reflecting.finish()).toBe(2);
    expect(reflected[0]).toEqual([1, 2, 3, 4, 3, 2, 1, 0, 1, 2, 3, 4, 3, 2, 1]);
    expect(reflected[1]).toEqual([2, 1, 0, 1, 2, 3, 4, 3, 2, 1, 0, 1, 2, 3, 4]);
  });

  it("hands out frames as soon as they are complete", () => {
    const seen: number[] = [];
    const framer = createStftFramer({ frameSize: 8, hopSize: 4, center: true, padMode: "reflect" }, (_, index) =>
      seen.push(index),
    );
    framer.push(new Float32Array(4));
    expect(seen).toEqual([]);
    framer.push(new Float32Array(1));
    // Frame 0 needs samples 0…3 and, reflected, sample 4.
    expect(seen).toEqual([0]);
    framer.push(new Float32Array(3));
    expect(seen).toEqual([0, 1]);
    expect(framer.received).toBe(8);
    expect(framer.finish()).toBe(3);
    expect(seen).toEqual([0, 1, 2]);
    expect(() => framer.push(new Float32Array(1))).toThrow(/finished/);
    expect(() => framer.finish()).toThrow(/finished/);
  });

  it("skips samples between frames that are further apart than their length", () => {
    const random = createSeededRandom(3);
    const signal = noise(random, 20_000);
    const options = { frameSize: 16, hopSize: 5000, center: false, padMode: "constant" as const };
    const starts: number[] = [];
    const framer = createStftFramer(options, (frame, index) => {
      expectIdentical(frame, signal.subarray(index * 5000, index * 5000 + 16));
      starts.push(index);
    });
    pushInChunks((chunk) => framer.push(chunk), signal, chunking(random, signal.length, 3000));
    expect(framer.finish()).toBe(4);
    expect(starts).toEqual([0, 1, 2, 3]);
  });

  it("keeps the samples the end reflection reads when the buffer is compacted just before the end", () => {
    // The last centred frame starts at n − pad and, reflected, reads sample n − pad − 1
    // (n − pad − 2 for odd sizes). A first chunk that fills the internal buffer (4096
    // samples for these sizes) and single samples after it compact it at every count.
    const random = createSeededRandom(11);
    for (const frameSize of [64, 15]) {
      for (const hopSize of [33, 40, 48, 63, 64, 100]) {
        for (let length = 4097; length <= 4096 + 2 * hopSize; length++) {
          if (length % hopSize !== 0 && length % hopSize !== 1) continue;
          const signal = noise(random, length);
          const pad = frameSize >> 1;
          let frames = 0;
          const framer = createStftFramer({ frameSize, hopSize, center: true, padMode: "reflect" }, (frame, index) => {
            frames++;
            const start = index * hopSize - pad;
            const expected = new Float32Array(frameSize);
            for (let n = 0; n < frameSize; n++) expected[n] = signal[reflectIndex(start + n, length)]!;
            expectIdentical(frame, expected);
          });
          pushInChunks((chunk) => framer.push(chunk), signal, [4096, ...Array<number>(length - 4096).fill(1)]);
          expect(framer.finish()).toBe(frames);
        }
      }
    }
  });

  it("rejects invalid options", () => {
    const ok = { frameSize: 8, hopSize: 4, center: true, padMode: "reflect" } as const;
    expect(() => createStftFramer({ ...ok, frameSize: 0 }, () => {})).toThrow(/frameSize/);
    expect(() => createStftFramer({ ...ok, hopSize: 1.5 }, () => {})).toThrow(/hopSize/);
    expect(() => createStftFramer({ ...ok, padMode: "edge" as "reflect" }, () => {})).toThrow(/padMode/);
  });
});
