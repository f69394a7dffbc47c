/**
 * IDTAP's spectrogram data format, so its front end (swara.studio) can draw tonearm's
 * output with its own colour maps. Two files in `outDir`:
 *   spec_data.gz    gzip (RFC 1952) of a uint8 matrix of shape [freqBins, timeFrames],
 *                   row-major (C order): byte (r · timeFrames + t) is row r at frame t.
 *                   Row 0 is the HIGHEST frequency (IDTAP's server layout; its Python
 *                   client flips rows so that row 0 = 75 Hz); row r is CQT bin
 *                   freqBins − 1 − r at 75·2^(bin/72) Hz.
 *   spec_shape.json {"shape": [freqBins, timeFrames], …} plus tonearm's extra keys
 *                   (minHz, maxHz, binsPerOctave, hopSeconds, floorDb, ceilingDb), which
 *                   IDTAP's readers ignore.
 * Transform: the multirate constant-Q transform of src/core/spectrogram/cqt.ts standing in
 * for IDTAP's non-stationary Gabor transform (same bin layout: 75–2400 Hz, 72 bins per
 * octave, 361 bins); frame hop ≈ 15 ms (IDTAP: 0.01508 s/frame), a multiple of the CQT's hop
 * quantum; the front end takes seconds per frame = duration / timeFrames.
 * Levels: log magnitude, q = round(255·(dB − floorDb)/(ceilingDb − floorDb)) clamped to 0…255,
 * dB re a full-scale sine; ceilingDb "max" (the loudest cell; a first pass over the signal
 * finds it) or fixed, floorDb = ceilingDb − rangeDb.
 * Memory: the signal is fed to the CQT in `chunkSeconds` pieces (IDTAP used 600 s); besides
 * the caller's samples only the output bytes (freqBins · timeFrames) and one CQT block are held.
 * `writeIdtapSpectrogramOfFile` holds neither: it decodes the file chunk by chunk into the CQT
 * and stores each frame's dB (uint16, 1/256 dB) in a temporary file, in blocks of
 * BLOCK_FRAMES frames laid out bin-major, while tracking the loudest cell; the gzip stream is
 * then written row by row (highest bin first), each row read back block by block, so only one
 * block (BLOCK_FRAMES × freqBins × 2 bytes ≈ 3 MB) and one row segment are in memory.
 * References: Holighaus, Dörfler, Velasco & Grill (2013), "A framework for invertible, real-time
 *   constant-Q transforms", IEEE TASLP 21(4) (the NSGT IDTAP uses); Schörkhuber & Klapuri
 *   (2010) for the CQT here; IDTAP's Python client (idtap `spectrogram.py`, `client.py`) for
 *   the file names, shape and row order.
 */
import { closeSync, createWriteStream, openSync, readSync, writeSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { createGzip, gzip } from "node:zlib";
import type { RealFft } from "../../core/dsp/real-fft.js";
import { type CqtStream, createCqtStream } from "../../core/spectrogram/cqt.js";
import { fastFft, fastHalfBand } from "./spectrogram-accelerators.js";
import { type FileDecoding, streamMonoFile } from "./spectrogram-from-file.js";

const gzipAsync = promisify(gzip);

export interface IdtapSpectrogramOptions {
  readonly minHz: number;
  readonly maxHz: number;
  readonly binsPerOctave: number;
  /** Wanted seconds per frame; rounded to a multiple of the CQT hop quantum. */
  readonly hopSeconds: number;
  /** Samples fed to the transform at a time. */
  readonly chunkSeconds: number;
  readonly rangeDb: number;
  /** dB re full scale for level 255, or "max" (two passes over the signal). */
  readonly ceilingDb: number | "max";
}

export const IDTAP_SPECTROGRAM_DEFAULTS: IdtapSpectrogramOptions = {
  minHz: 75,
  maxHz: 2400,
  binsPerOctave: 72,
  hopSeconds: 0.01508,
  chunkSeconds: 600,
  rangeDb: 80,
  ceilingDb: "max",
};

export interface IdtapSpectrogramShape {
  readonly shape: readonly [number, number];
  readonly minHz: number;
  readonly maxHz: number;
  readonly binsPerOctave: number;
  readonly hopSeconds: number;
  readonly floorDb: number;
  readonly ceilingDb: number;
}

/** Writes spec_data.gz and spec_shape.json into outDir (created if missing); returns the JSON. */
export async function writeIdtapSpectrogram(
  samples: Float32Array,
  sampleRate: number,
  outDir: string,
  options: Partial<IdtapSpectrogramOptions> = {},
): Promise<IdtapSpectrogramShape> {
  // The FFT the file path uses, so that both write the same bytes.
  const { bytes, shape } = idtapSpectrogramBytes(samples, sampleRate, options, await fastFft());
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, "spec_data.gz"), await gzipAsync(bytes, { level: 6 }));
  await writeFile(join(outDir, "spec_shape.json"), `${JSON.stringify(shape)}\n`);
  return shape;
}

/** The uncompressed matrix (layout as in the header) and its shape file. */
export function idtapSpectrogramBytes(
  samples: Float32Array,
  sampleRate: number,
  options: Partial<IdtapSpectrogramOptions> = {},
  /** Makes the CQT's FFT (default the core's; see CqtStreamOptions.fftFactory). */
  fftFactory?: (size: number) => RealFft,
): { bytes: Uint8Array; shape: IdtapSpectrogramShape } {
  const o = { ...IDTAP_SPECTROGRAM_DEFAULTS, ...options };
  const cqt = { minHz: o.minHz, maxHz: o.maxHz, binsPerOctave: o.binsPerOctave };
  const probe = createCqtStream(sampleRate, { ...cqt, hopSize: 1 }, () => {});
  const quantum = probe.plan.hopQuantum;
  const hopSize = Math.max(1, Math.round((o.hopSeconds * sampleRate) / quantum)) * quantum;
  const chunk = Math.max(1, Math.round(o.chunkSeconds * sampleRate));
  const run = (onFrame: (t: number, magnitudes: Float32Array) => void): number => {
    const stream = createCqtStream(sampleRate, { ...cqt, hopSize, blockSeconds: 60, fftFactory }, onFrame);
    for (let i = 0; i < samples.length; i += chunk) stream.push(samples.subarray(i, i + chunk));
    return stream.finish();
  };
  let ceilingDb = o.ceilingDb;
  if (ceilingDb === "max") {
    let peak = 0;
    run((_, magnitudes) => {
      for (const m of magnitudes) if (m > peak) peak = m;
    });
    ceilingDb = 20 * Math.log10(Math.max(peak, 1e-10));
  }
  const floorDb = ceilingDb - o.rangeDb;
  const bins = probe.plan.bins;
  const frames = samples.length === 0 ? 0 : 1 + Math.floor(samples.length / hopSize);
  const bytes = new Uint8Array(bins * frames);
  const scale = 255 / o.rangeDb;
  const written = run((t, magnitudes) => {
    for (let k = 0; k < bins; k++) {
      const db = 20 * Math.log10(Math.max(magnitudes[k]!, 1e-10));
      const level = Math.round((db - floorDb) * scale);
      bytes[(bins - 1 - k) * frames + t] = level < 0 ? 0 : level > 255 ? 255 : level;
    }
  });
  if (written !== frames) throw new Error(`idtapSpectrogramBytes: expected ${frames} frames, got ${written}`);
  const shape: IdtapSpectrogramShape = {
    shape: [bins, frames],
    minHz: o.minHz,
    maxHz: probe.plan.frequencies[bins - 1]!,
    binsPerOctave: o.binsPerOctave,
    hopSeconds: hopSize / sampleRate,
    floorDb,
    ceilingDb,
  };
  return { bytes, shape };
}

/** Frames per block of the temporary store (see the header). */
const BLOCK_FRAMES = 4096;
/** uint16 code = round((dB + 200)·256): −200…+56 dB in 1/256-dB steps. */
const DB_OFFSET = 200;
const DB_STEPS = 256;

/** Decodes `path` to mono at its own rate and writes spec_data.gz and spec_shape.json (see the header). */
export async function writeIdtapSpectrogramOfFile(
  path: string,
  decoding: FileDecoding,
  outDir: string,
  options: Partial<IdtapSpectrogramOptions> = {},
): Promise<IdtapSpectrogramShape> {
  const o = { ...IDTAP_SPECTROGRAM_DEFAULTS, ...options };
  const cqt = { minHz: o.minHz, maxHz: o.maxHz, binsPerOctave: o.binsPerOctave };
  const fftFactory = await fastFft();
  const scratch = await mkdtemp(join(tmpdir(), "tonearm-idtap-"));
  const store = join(scratch, "blocks.u16");
  const fd = openSync(store, "w+");
  try {
    let stream: CqtStream | undefined;
    let block = new Uint16Array(0);
    let inBlock = 0;
    let blocks = 0;
    let top = 0;
    const flush = () => {
      if (inBlock === 0) return;
      writeSync(fd, block, 0, block.byteLength, blocks * block.byteLength);
      blocks++;
      inBlock = 0;
      block.fill(0);
    };
    const start = (sampleRate: number) => {
      const probe = createCqtStream(sampleRate, { ...cqt, hopSize: 1 }, () => {});
      const quantum = probe.plan.hopQuantum;
      const hopSize = Math.max(1, Math.round((o.hopSeconds * sampleRate) / quantum)) * quantum;
      const bins = probe.plan.bins;
      block = new Uint16Array(BLOCK_FRAMES * bins);
      const halfBandSums = fastHalfBand();
      const streamOptions = { ...cqt, hopSize, blockSeconds: 60, halfBandSums, fftFactory };
      stream = createCqtStream(sampleRate, streamOptions, (_, magnitudes) => {
        for (let k = 0; k < bins; k++) {
          const m = magnitudes[k]!;
          if (m > top) top = m;
          const code = Math.round((20 * Math.log10(Math.max(m, 1e-10)) + DB_OFFSET) * DB_STEPS);
          block[k * BLOCK_FRAMES + inBlock] = code < 0 ? 0 : code > 65_535 ? 65_535 : code;
        }
        if (++inBlock === BLOCK_FRAMES) flush();
      });
      return stream;
    };
    const { sampleRate } = await streamMonoFile(path, decoding, start);
    const frames = stream!.finish();
    flush();
    const bins = stream!.plan.bins;
    const ceilingDb = o.ceilingDb === "max" ? 20 * Math.log10(Math.max(top, 1e-10)) : o.ceilingDb;
    const floorDb = ceilingDb - o.rangeDb;
    const scale = 255 / o.rangeDb;
    await mkdir(outDir, { recursive: true });
    const codes = new Uint16Array(BLOCK_FRAMES);
    async function* rows(): AsyncGenerator<Uint8Array> {
      for (let k = bins - 1; k >= 0; k--) {
        for (let b = 0; b < blocks; b++) {
          const count = Math.min(BLOCK_FRAMES, frames - b * BLOCK_FRAMES);
          readSync(fd, codes, 0, count * 2, (b * bins + k) * BLOCK_FRAMES * 2);
          const out = new Uint8Array(count);
          for (let t = 0; t < count; t++) {
            const level = Math.round((codes[t]! / DB_STEPS - DB_OFFSET - floorDb) * scale);
            out[t] = level < 0 ? 0 : level > 255 ? 255 : level;
          }
          yield out;
        }
      }
    }
    await pipeline(rows(), createGzip({ level: 6 }), createWriteStream(join(outDir, "spec_data.gz")));
    const shape: IdtapSpectrogramShape = {
      shape: [bins, frames],
      minHz: o.minHz,
      maxHz: stream!.plan.frequencies[bins - 1]!,
      binsPerOctave: o.binsPerOctave,
      hopSeconds: stream!.hopSize / sampleRate,
      floorDb,
      ceilingDb,
    };
    await writeFile(join(outDir, "spec_shape.json"), `${JSON.stringify(shape)}\n`);
    return shape;
  } finally {
    closeSync(fd);
    await rm(scratch, { recursive: true, force: true });
  }
}
