/**
 * The streaming spectrogram against the in-memory one on synthesised signals: the same
 * matrix bit for bit when nothing is pooled (any chunking, every kind), exact max pooling of
 * the in-memory frames when a long signal is pooled into few columns, two tones and an
 * exponential chirp in the right rows, and bounded columns when the length is unknown.
 */
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import { chirp, sumOfSines, whiteNoise } from "../test-helpers/signals.js";
import { createCqtPlan } from "./cqt-kernel.js";
import { createSpectrogram } from "./create-spectrogram.js";
import type { SpectrogramMatrix } from "./spectrogram-matrix.js";
import { createSpectrogramStream, type SpectrogramStreamOptions } from "./spectrogram-stream.js";

const SR = 22_050;

/** Feeds `samples` in chunks of random lengths 1…maxChunk (seeded). */
function streamed(
  kind: SpectrogramMatrix["kind"],
  samples: Float32Array,
  options: Partial<SpectrogramStreamOptions> & { columns: number },
  maxChunk: number,
): SpectrogramMatrix {
  const stream = createSpectrogramStream(kind, SR, { expectedSamples: samples.length, ...options });
  const random = createSeededRandom(7);
  for (let i = 0; i < samples.length; ) {
    const length = 1 + Math.floor(random() * maxChunk);
    stream.push(samples.subarray(i, i + length));
    i += length;
  }
  return stream.finish();
}

function mixed(seconds: number): Float32Array {
  const tones = sumOfSines(
    [
      [220, 0.3],
      [1760, 0.1],
    ],
    SR,
    Math.round(seconds * SR),
  );
  const noise = whiteNoise(tones.length, 3, 0.01);
  for (let i = 0; i < tones.length; i++) tones[i]! += noise[i]!;
  return tones;
}

/** Cells that differ (a loop: vitest's deep equality is slow on long typed arrays). */
function differences(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let count = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) count++;
  return count;
}

/** Bin index of the largest value in column t. */
function peakBin(m: SpectrogramMatrix, t: number): number {
  let best = 0;
  for (let b = 1; b < m.bins; b++) if (m.data[t * m.bins + b]! > m.data[t * m.bins + best]!) best = b;
  return best;
}

describe("createSpectrogramStream", () => {
  it.each(["cqt", "linear", "log", "mel"] as const)(
    "gives createSpectrogram's %s matrix exactly when nothing is pooled, whatever the chunks",
    (kind) => {
      const signal = mixed(3);
      const hopSize = 256;
      const reference = createSpectrogram(kind, signal, SR, { hopSize, minHz: 55, maxHz: 4000 });
      for (const maxChunk of [5, 700, 30_000]) {
        const m = streamed(kind, signal, { columns: reference.frames, hopSize, minHz: 55, maxHz: 4000 }, maxChunk);
        expect(m.frames).toBe(reference.frames);
        expect(m.hopSeconds).toBe(reference.hopSeconds);
        expect(m.ceilingDb).toBe(reference.ceilingDb);
        expect(m.floorDb).toBe(reference.floorDb);
        expect([...m.times]).toEqual([...reference.times]);
        expect(differences(m.data, reference.data)).toBe(0);
      }
    },
  );

  it("handles signals shorter than a frame as the in-memory STFT does", () => {
    const signal = mixed(0.02); // 441 samples: repeated reflection
    const reference = createSpectrogram("linear", signal, SR, { hopSize: 64 });
    const m = streamed("linear", signal, { columns: reference.frames, hopSize: 64 }, 50);
    expect(differences(m.data, reference.data)).toBe(0);
  });

  it("max-pools a long signal's frames into the columns exactly, with two tones in their rows", () => {
    const signal = mixed(60);
    const columns = 50;
    const m = streamed("cqt", signal, { columns, minHz: 55, maxHz: 4000, binsPerOctave: 12 }, 65_536);
    // The hop is capped at 0.1 s (2205 samples, rounded up to the hop quantum's multiple), so
    // about 600/50 frames pool into each column.
    const quantum = createCqtPlan(SR, { minHz: 55, maxHz: 4000, binsPerOctave: 12 }).hopQuantum;
    const hop = Math.ceil(2205 / quantum) * quantum;
    expect(m.hopSeconds * SR).toBeCloseTo((hop * (1 + Math.floor(signal.length / hop))) / columns, 6);
    expect(m.frames).toBe(columns);
    const full = createSpectrogram("cqt", signal, SR, { hopSize: hop, minHz: 55, maxHz: 4000, binsPerOctave: 12 });
    const ratio = full.frames / columns;
    for (let j = 0; j < columns; j++) {
      const from = Math.floor(j * ratio);
      const to = Math.floor((j + 1) * ratio);
      for (let b = 0; b < m.bins; b++) {
        let max = Number.NEGATIVE_INFINITY;
        for (let t = from; t < to; t++) max = Math.max(max, full.data[t * full.bins + b]!);
        expect(m.data[j * m.bins + b]).toBe(max);
      }
      expect(m.times[j]).toBeCloseTo(((from + to - 1) / 2) * (hop / SR), 9);
    }
    // 220 Hz is bin 24 (55·2^(24/12)) and 1760 Hz bin 60: the only peaks within 30 dB of the top.
    for (let j = 1; j < columns - 1; j++) {
      const peaks: number[] = [];
      for (let b = 1; b < m.bins - 1; b++) {
        const v = m.data[j * m.bins + b]!;
        if (v > m.ceilingDb - 30 && v > m.data[j * m.bins + b - 1]! && v > m.data[j * m.bins + b + 1]!) peaks.push(b);
      }
      expect(peaks).toEqual([24, 60]);
    }
  });

  it("power-pools as the mean power of the in-memory frames", () => {
    const signal = mixed(30);
    const columns = 40;
    const options = { minHz: 55, maxHz: 4000, rangeDb: 300 };
    const m = streamed("log", signal, { columns, pooling: "power", ...options }, 65_536);
    const full = createSpectrogram("log", signal, SR, { hopSize: 2205, ...options });
    const ratio = full.frames / columns;
    expect(m.frames).toBe(columns);
    for (let j = 0; j < columns; j++) {
      const from = Math.floor(j * ratio);
      const to = Math.floor((j + 1) * ratio);
      for (let b = 0; b < m.bins; b += 7) {
        let power = 0;
        for (let t = from; t < to; t++) power += 10 ** (full.data[t * full.bins + b]! / 10);
        expect(m.data[j * m.bins + b]!).toBeCloseTo(10 * Math.log10(power / (to - from)), 2);
      }
    }
  });

  it("follows an exponential chirp up the constant-Q rows", () => {
    const seconds = 40;
    const signal = chirp(110, 3520, SR, seconds * SR, "exponential"); // 5 octaves
    const columns = 40;
    const m = streamed("cqt", signal, { columns, minHz: 55, maxHz: 8000, binsPerOctave: 12 }, 10_000);
    for (let j = 2; j < columns - 2; j++) {
      const expectedHz = 110 * 32 ** (m.times[j]! / seconds);
      const expectedBin = 12 * Math.log2(expectedHz / 55);
      // A column spans 1 s = 1/8 octave of the sweep; max pooling lights the whole span.
      expect(Math.abs(peakBin(m, j) - expectedBin)).toBeLessThanOrEqual(1.5);
    }
  });

  it("keeps at most twice the columns when the length is unknown, merging pairs", () => {
    const signal = mixed(30);
    const columns = 20;
    const m = streamed("log", signal, { columns, expectedSamples: null, minHz: 55, maxHz: 4000 }, 65_536);
    expect(m.frames).toBeGreaterThanOrEqual(columns);
    expect(m.frames).toBeLessThanOrEqual(2 * columns);
    const full = createSpectrogram("log", signal, SR, { hopSize: 512, minHz: 55, maxHz: 4000 });
    expect(m.ceilingDb).toBe(full.ceilingDb);
    for (let j = 1; j < m.frames; j++) expect(m.times[j]!).toBeGreaterThan(m.times[j - 1]!);
    expect(m.hopSeconds * m.frames).toBeCloseTo(full.frames * full.hopSeconds, -1);
    // Mean pooling averages dB: never above max pooling's columns.
    const mean = streamed(
      "log",
      signal,
      { columns, expectedSamples: null, pooling: "mean", minHz: 55, maxHz: 4000 },
      65_536,
    );
    expect(mean.frames).toBe(m.frames);
    for (let i = 0; i < m.data.length; i++) expect(mean.data[i]!).toBeLessThanOrEqual(m.data[i]! + 1e-4);
  });
});
