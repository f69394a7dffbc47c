/**
 * Zoom tiles (the layout of `writeSpectrogramTiles` in spectrogram-export.ts) of an audio
 * file of any length, in bounded memory. Tiles need the full-resolution matrix (zoom 0 is one
 * frame per pixel) and its loudest cell (the top of the colour scale) before the first tile
 * can be coloured, so it takes two passes:
 *  1. decode → streaming frames → dB, stored once in a temporary file as uint16 at 1/256 dB
 *     (−200…+56 dB re full scale; a 60-minute track at the default 512-sample hop and 22.05 kHz
 *     is 155,000 frames × 286 constant-Q bins × 2 bytes = 89 MB on disk), tracking the maximum;
 *  2. read the file back in order through a pyramid: every zoom level keeps one tile's columns
 *     (tileWidth × bins values); level z + 1's columns are pairs of level z's pooled (max, or
 *     mean), so a full tile at zoom z pools exactly 2^z frames per pixel, as the in-memory
 *     tiler's resampling does. A level's tile is drawn and written when full; partial tiles at
 *     the end keep the scale of the others (their width shrinks with their frame count).
 * uint16 rather than the uint8 of the data export: the ceiling is unknown while the file is
 * written, and 1/256-dB steps leave the final 8-bit levels unchanged.
 * Memory: one decoder chunk, one transform block, and (levels × tileWidth × bins) floats.
 */
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SpectrogramOptions } from "../../core/spectrogram/create-spectrogram.js";
import { spectrogramAxes } from "../../core/spectrogram/quantize-spectrogram.js";
import { createSpectrogramFrames, type SpectrogramFrames } from "../../core/spectrogram/spectrogram-frames.js";
import {
  DECIBEL_DEFAULTS,
  type SpectrogramKind,
  type SpectrogramMatrix,
} from "../../core/spectrogram/spectrogram-matrix.js";
import { encodeSpectrogramImage } from "./encode-spectrogram-image.js";
import { renderSpectrogram } from "./render-spectrogram.js";
import { fastFft, fastHalfBand } from "./spectrogram-accelerators.js";
import type { TileIndex, TileOptions } from "./spectrogram-export.js";
import { type FileDecoding, streamMonoFile } from "./spectrogram-from-file.js";

/** uint16 code = round((dB + 200)·256). */
const DB_OFFSET = 200;
const DB_STEPS = 256;
const FRAMES_PER_IO = 256;
const AMPLITUDE_FLOOR = 1e-10;

export type FileTileOptions = Partial<TileOptions> &
  Partial<Omit<SpectrogramOptions, "ceilingDb">> & { readonly kind?: SpectrogramKind };

export async function writeSpectrogramTilesOfFile(
  path: string,
  decoding: FileDecoding,
  dir: string,
  options: FileTileOptions = {},
): Promise<TileIndex> {
  const scratch = await mkdtemp(join(tmpdir(), "tonearm-tiles-"));
  try {
    const store = join(scratch, "frames.u16");
    const stored = await storeFrames(path, decoding, store, options);
    return await tileFromStore(store, stored, dir, options);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

interface StoredFrames {
  readonly kind: SpectrogramKind;
  readonly frames: number;
  readonly bins: number;
  readonly frequencies: Float64Array;
  readonly hopSeconds: number;
  /** The loudest value (dB), −∞ for silence. */
  readonly top: number;
}

/** Pass 1: decode and write every frame's dB as uint16 codes, frame-major. */
async function storeFrames(
  path: string,
  decoding: FileDecoding,
  store: string,
  options: FileTileOptions,
): Promise<StoredFrames> {
  const kind = options.kind ?? "cqt";
  const fftFactory = await fastFft();
  const fd = openSync(store, "w");
  try {
    let stream: SpectrogramFrames | undefined;
    let pending = new Uint16Array(0);
    let filled = 0;
    let top = Number.NEGATIVE_INFINITY;
    const flush = () => {
      if (filled > 0) writeSync(fd, pending, 0, filled * 2);
      filled = 0;
    };
    const start = (sampleRate: number) => {
      const kernels = { halfBandSums: fastHalfBand(), fftFactory };
      stream = createSpectrogramFrames(kind, sampleRate, { ...kernels, ...options }, (_, values) => {
        const { bins, power } = stream!;
        if (pending.length === 0) pending = new Uint16Array(FRAMES_PER_IO * bins);
        const scale = power ? 10 : 20;
        const floorInput = power ? AMPLITUDE_FLOOR * AMPLITUDE_FLOOR : AMPLITUDE_FLOOR;
        for (let b = 0; b < bins; b++) {
          const db = scale * Math.log10(Math.max(floorInput, values[b]!));
          if (db > top) top = db;
          const code = Math.round((db + DB_OFFSET) * DB_STEPS);
          pending[filled + b] = code < 0 ? 0 : code > 65_535 ? 65_535 : code;
        }
        filled += bins;
        if (filled === pending.length) flush();
      });
      return stream;
    };
    const { sampleRate } = await streamMonoFile(path, decoding, start);
    const frames = stream!.finish();
    flush();
    return {
      kind,
      frames,
      bins: stream!.bins,
      frequencies: stream!.frequencies,
      hopSeconds: stream!.hopSize / sampleRate,
      top,
    };
  } finally {
    closeSync(fd);
  }
}

/** One zoom level of the pyramid: its current tile's columns and a half-made parent column. */
interface Level {
  readonly zoom: number;
  readonly columns: Float32Array;
  filled: number;
  tile: number;
  readonly pending: Float32Array;
  hasPending: boolean;
}

/** Pass 2: read the store in order through the pyramid, writing tiles as they fill. */
async function tileFromStore(
  store: string,
  stored: StoredFrames,
  dir: string,
  options: FileTileOptions,
): Promise<TileIndex> {
  const tileWidth = options.tileWidth ?? 512;
  const tileHeight = options.tileHeight ?? 256;
  const format = options.format ?? "webp";
  const pooling = options.pooling ?? "max";
  const { frames, bins } = stored;
  const rangeDb = options.rangeDb ?? DECIBEL_DEFAULTS.rangeDb;
  const ceilingDb = Number.isFinite(stored.top) ? stored.top : -200;
  const floorDb = ceilingDb - rangeDb;
  const fullZoom = Math.max(0, Math.ceil(Math.log2(Math.max(1, frames / tileWidth))));
  const maxZoom = Math.min(options.maxZoom ?? fullZoom, fullZoom);
  const shape: SpectrogramMatrix = {
    kind: stored.kind,
    frames,
    bins,
    data: new Float32Array(0),
    times: Float64Array.of(0),
    frequencies: stored.frequencies,
    hopSeconds: stored.hopSeconds,
    floorDb,
    ceilingDb,
  };
  for (let zoom = 0; zoom <= maxZoom; zoom++) await mkdir(join(dir, String(zoom)), { recursive: true });
  const levels: Level[] = [];
  const levelAt = (zoom: number): Level => {
    while (levels.length <= zoom) {
      levels.push({
        zoom: levels.length,
        columns: new Float32Array(tileWidth * bins),
        filled: 0,
        tile: 0,
        pending: new Float32Array(bins),
        hasPending: false,
      });
    }
    return levels[zoom]!;
  };
  const writeTile = async (level: Level, width: number) => {
    const framesPerTile = tileWidth * 2 ** level.zoom;
    const tile: SpectrogramMatrix = {
      ...shape,
      frames: level.filled,
      data: level.columns.subarray(0, level.filled * bins),
      times: Float64Array.from(
        { length: level.filled },
        (_, i) => (level.tile * framesPerTile + i * 2 ** level.zoom) * stored.hopSeconds,
      ),
      hopSeconds: stored.hopSeconds * 2 ** level.zoom,
    };
    const image = renderSpectrogram(tile, {
      colormap: options.colormap ?? "magma",
      pooling,
      width,
      height: tileHeight,
    });
    await writeFile(
      join(dir, String(level.zoom), `${level.tile}.${format}`),
      await encodeSpectrogramImage(image, tile, { format }),
    );
    level.tile++;
    level.filled = 0;
  };
  // Adds a column to level `zoom`, writing its tile when full; every second column completes a parent column.
  const addColumn = async (zoom: number, column: Float32Array): Promise<void> => {
    if (zoom > maxZoom) return;
    const level = levelAt(zoom);
    level.columns.set(column, level.filled * bins);
    level.filled++;
    if (level.filled === tileWidth) await writeTile(level, tileWidth);
    if (!level.hasPending) {
      level.pending.set(column);
      level.hasPending = true;
      return;
    }
    const { pending } = level;
    for (let b = 0; b < bins; b++) {
      pending[b] = pooling === "max" ? Math.max(pending[b]!, column[b]!) : 0.5 * (pending[b]! + column[b]!);
    }
    level.hasPending = false;
    await addColumn(zoom + 1, pending);
  };

  const fd = openSync(store, "r");
  try {
    const codes = new Uint16Array(FRAMES_PER_IO * bins);
    const column = new Float32Array(bins);
    for (let t = 0; t < frames; t += FRAMES_PER_IO) {
      const count = Math.min(FRAMES_PER_IO, frames - t);
      readSync(fd, codes, 0, count * bins * 2, t * bins * 2);
      for (let i = 0; i < count; i++) {
        for (let b = 0; b < bins; b++) {
          const db = codes[i * bins + b]! / DB_STEPS - DB_OFFSET;
          column[b] = db < floorDb ? floorDb : db > ceilingDb ? ceilingDb : db;
        }
        await addColumn(0, column);
      }
    }
  } finally {
    closeSync(fd);
  }
  // The partial tiles at the end, lowest zoom first (its leftover half column feeds the next).
  const index: TileIndex["levels"][number][] = [];
  for (let zoom = 0; zoom <= maxZoom; zoom++) {
    const level = levelAt(zoom);
    const framesPerTile = tileWidth * 2 ** zoom;
    if (level.hasPending && zoom < maxZoom) {
      level.hasPending = false;
      await addColumn(zoom + 1, level.pending);
    }
    if (level.filled > 0) {
      const left = frames - level.tile * framesPerTile;
      await writeTile(level, Math.max(1, Math.round((left / framesPerTile) * tileWidth)));
    }
    const tiles = Math.max(1, Math.ceil(frames / framesPerTile));
    index.push({ zoom, tiles, framesPerTile, secondsPerTile: framesPerTile * stored.hopSeconds });
  }
  const result: TileIndex = { tileWidth, tileHeight, format, levels: index, axes: spectrogramAxes(shape) };
  await writeFile(join(dir, "tiles.json"), `${JSON.stringify(result)}\n`);
  return result;
}
