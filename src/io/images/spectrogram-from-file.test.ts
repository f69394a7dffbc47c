/**
 * The streaming file paths against the in-memory ones on synthesised WAV files: the same
 * image for a short file, the same image as the in-memory matrix at the same hop for a long
 * one (and close to the old one-frame-per-pixel picture, tones in the same rows), the same
 * tiles (to one 8-bit level) through the on-disk store and pyramid, and the same IDTAP bytes.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSpectrogram } from "../../core/spectrogram/create-spectrogram.js";
import { sumOfSines } from "../../core/test-helpers/signals.js";
import { createFixtureDir, type FixtureDir } from "../test-helpers/fixtures.js";
import { writeWav } from "../wav-writer.js";
import { writeSpectrogramImage } from "./encode-spectrogram-image.js";
import { writeIdtapSpectrogram, writeIdtapSpectrogramOfFile } from "./idtap-spectrogram.js";
import { fastFft } from "./spectrogram-accelerators.js";
import { writeSpectrogramTiles } from "./spectrogram-export.js";
import { writeSpectrogramImageOfFile } from "./spectrogram-from-file.js";
import { writeSpectrogramTilesOfFile } from "./spectrogram-tiles-of-file.js";

const SR = 22_050;
const DECODING = { decoder: "auto", ffmpegPath: null, maxDurationSeconds: 3600, sampleRate: SR } as const;

/** 220 Hz and 1760 Hz (−10 dB) with a click every 7 s. */
function signal(seconds: number): Float32Array {
  const samples = sumOfSines(
    [
      [220, 0.4],
      [1760, 0.13],
    ],
    SR,
    Math.round(seconds * SR),
  );
  for (let t = 3 * SR; t < samples.length; t += 7 * SR) samples[t] = 0.9;
  return samples;
}

async function pixels(path: string): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(path).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function maxDifference(a: Uint8Array, b: Uint8Array): number {
  let max = a.length === b.length ? 0 : 256;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe("spectrograms of files, streamed", () => {
  let fixtures: FixtureDir;
  let short: { path: string; samples: Float32Array };
  let long: { path: string; samples: Float32Array };

  beforeAll(async () => {
    fixtures = await createFixtureDir("spectrogram-stream");
    short = { path: fixtures.file("short.wav"), samples: signal(20) };
    long = { path: fixtures.file("long.wav"), samples: signal(240) };
    for (const { path, samples } of [short, long]) {
      await writeWav(path, { sampleRate: SR, channels: [samples] }, { format: "float32" });
    }
  });

  afterAll(async () => {
    await fixtures?.remove();
  });

  const image = { kind: "cqt", height: 120, colormap: "grayscale", minHz: 55, maxHz: 7040 } as const;

  it("draws a short file exactly as the in-memory path", async () => {
    const width = 300;
    const streamed = fixtures.file("short-stream.png");
    const inMemory = fixtures.file("short-memory.png");
    await writeSpectrogramImageOfFile(short.path, DECODING, streamed, { ...image, width });
    const hopSize = Math.max(64, Math.floor(short.samples.length / width));
    await writeSpectrogramImage(short.samples, SR, inMemory, { ...image, width, hopSize });
    expect(maxDifference((await pixels(streamed)).data, (await pixels(inMemory)).data)).toBe(0);
  });

  it("pools a long file into the image's columns as the in-memory matrix at the same hop", async () => {
    const width = 200;
    const streamed = fixtures.file("long-stream.png");
    const matrix = await writeSpectrogramImageOfFile(long.path, DECODING, streamed, { ...image, width });
    // 240 s at the 0.1-s hop cap (2205 → 2304 samples, the hop quantum's multiple): 2297 frames, ≈ 11.5 per column.
    expect(matrix.frames).toBe(width);
    const sameHop = fixtures.file("long-memory-same-hop.png");
    await writeSpectrogramImage(long.samples, SR, sameHop, { ...image, width, hopSize: 2304 });
    const a = await pixels(streamed);
    expect(maxDifference(a.data, (await pixels(sameHop)).data)).toBe(0);
    // The old picture (one frame per pixel, hop = length / width) is close, tones in the same rows.
    const old = fixtures.file("long-memory-old.png");
    await writeSpectrogramImage(long.samples, SR, old, {
      ...image,
      width,
      hopSize: Math.floor(long.samples.length / width),
    });
    const b = await pixels(old);
    let total = 0;
    for (let i = 0; i < a.data.length; i++) total += Math.abs(a.data[i]! - b.data[i]!);
    expect(total / a.data.length).toBeLessThan(12);
    const brightestRows = (p: { data: Buffer; width: number; height: number }, x: number) => {
      const column = Array.from({ length: p.height }, (_, y) => p.data[y * p.width + x]!);
      return [...column.keys()].sort((i, j) => column[j]! - column[i]!).slice(0, 1);
    };
    // 220 Hz on a 55…7040 Hz (7-octave) log axis: 2/7 of the way up.
    const toneRow = Math.round(120 * (1 - 2 / 7));
    for (const x of [50, 100, 150]) {
      expect(Math.abs(brightestRows(a, x)[0]! - toneRow)).toBeLessThanOrEqual(2);
      expect(brightestRows(b, x)).toEqual(brightestRows(a, x));
    }
  });

  it("tiles a file through the on-disk store as the in-memory matrix", async () => {
    const options = { tileWidth: 64, tileHeight: 32, format: "png", colormap: "grayscale" } as const;
    const fromFile = fixtures.file("tiles-file");
    const index = await writeSpectrogramTilesOfFile(short.path, DECODING, fromFile, {
      ...options,
      kind: "cqt",
      minHz: 55,
    });
    // With the FFT the file path takes (PFFFT where it loads), so the arithmetic is the same.
    const matrix = createSpectrogram("cqt", short.samples, SR, { minHz: 55, fftFactory: await fastFft() });
    const inMemory = fixtures.file("tiles-memory");
    const reference = await writeSpectrogramTiles(matrix, inMemory, options);
    expect(index.levels).toEqual(reference.levels);
    expect(index.axes.shape).toEqual(reference.axes.shape);
    expect(index.axes.ceilingDb).toBeCloseTo(reference.axes.ceilingDb, 9);
    for (const level of index.levels) {
      for (let i = 0; i < level.tiles; i++) {
        const name = join(String(level.zoom), `${i}.png`);
        const a = await pixels(join(fromFile, name));
        const b = await pixels(join(inMemory, name));
        expect([a.width, a.height]).toEqual([b.width, b.height]);
        if (i < level.tiles - 1) {
          expect(maxDifference(a.data, b.data), name).toBeLessThanOrEqual(1);
        } else {
          // The last, partial tile: 2^zoom frames per pixel here (as in the full tiles), while
          // the in-memory tiler resamples its frames to the rounded width; near, not equal.
          let total = 0;
          for (let p = 0; p < a.data.length; p++) total += Math.abs(a.data[p]! - b.data[p]!);
          expect(total / a.data.length, name).toBeLessThan(4);
        }
      }
    }
  });

  it("writes IDTAP's data from a file as from samples in memory", async () => {
    const fromFile = fixtures.file("idtap-file");
    const inMemory = fixtures.file("idtap-memory");
    const a = await writeIdtapSpectrogramOfFile(short.path, DECODING, fromFile);
    const b = await writeIdtapSpectrogram(short.samples, SR, inMemory);
    expect(a.shape).toEqual(b.shape);
    expect(a.ceilingDb).toBeCloseTo(b.ceilingDb, 9);
    const bytesA = gunzipSync(await readFile(join(fromFile, "spec_data.gz")));
    const bytesB = gunzipSync(await readFile(join(inMemory, "spec_data.gz")));
    expect(maxDifference(bytesA, bytesB)).toBeLessThanOrEqual(1);
  });
});
