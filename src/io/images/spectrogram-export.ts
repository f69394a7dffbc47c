/**
 * Spectrogram files for web front ends and zooming viewers.
 * `writeSpectrogramData`: `<base>.u8` holds the quantised matrix of
 *   src/core/spectrogram/quantize-spectrogram.ts (frames × bins bytes, frame-major, bin 0 =
 *   lowest frequency; level q ↦ floorDb + q·(ceilingDb − floorDb)/255 dB), `<base>.json` its
 *   axes (shape [frames, bins], level range, hop, first frame time, bin frequencies).
 * `writeSpectrogramTiles`: fixed-size image tiles of a long recording for a zooming viewer:
 *   at zoom z each tile covers tileWidth·2^z frames (z = 0: one frame per pixel), drawn at
 *   tileWidth × tileHeight pixels by `renderSpectrogram` (max pooling), written as
 *   `<dir>/<z>/<i>.<format>` with i the tile's index along time; `<dir>/tiles.json`
 *   lists the zoom levels, tile counts, seconds per tile and the matrix axes.
 *   For an audio file of any length, spectrogram-tiles-of-file.ts writes the same layout
 *   without holding the matrix.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { quantizeSpectrogram, spectrogramAxes } from "../../core/spectrogram/quantize-spectrogram.js";
import type { SpectrogramMatrix } from "../../core/spectrogram/spectrogram-matrix.js";
import { encodeSpectrogramImage, type ImageFormat } from "./encode-spectrogram-image.js";
import { type RenderOptions, renderSpectrogram } from "./render-spectrogram.js";

export async function writeSpectrogramData(matrix: SpectrogramMatrix, base: string): Promise<void> {
  await writeFile(`${base}.u8`, quantizeSpectrogram(matrix));
  await writeFile(`${base}.json`, `${JSON.stringify(spectrogramAxes(matrix))}\n`);
}

export interface TileOptions extends Pick<RenderOptions, "colormap" | "pooling"> {
  readonly tileWidth: number;
  readonly tileHeight: number;
  /** Zoom levels 0…maxZoom; default: until one tile holds the whole recording. */
  readonly maxZoom: number;
  readonly format: ImageFormat;
}

export interface TileIndex {
  readonly tileWidth: number;
  readonly tileHeight: number;
  readonly format: ImageFormat;
  readonly levels: readonly { zoom: number; tiles: number; framesPerTile: number; secondsPerTile: number }[];
  readonly axes: ReturnType<typeof spectrogramAxes>;
}

export async function writeSpectrogramTiles(
  matrix: SpectrogramMatrix,
  dir: string,
  options: Partial<TileOptions> = {},
): Promise<TileIndex> {
  const tileWidth = options.tileWidth ?? 512;
  const tileHeight = options.tileHeight ?? 256;
  const format = options.format ?? "webp";
  const fullZoom = Math.max(0, Math.ceil(Math.log2(Math.max(1, matrix.frames / tileWidth))));
  const maxZoom = Math.min(options.maxZoom ?? fullZoom, fullZoom);
  const levels: TileIndex["levels"][number][] = [];
  for (let zoom = 0; zoom <= maxZoom; zoom++) {
    const framesPerTile = tileWidth * 2 ** zoom;
    const tiles = Math.max(1, Math.ceil(matrix.frames / framesPerTile));
    await mkdir(join(dir, String(zoom)), { recursive: true });
    for (let i = 0; i < tiles; i++) {
      const tile = frameRange(matrix, i * framesPerTile, Math.min(matrix.frames, (i + 1) * framesPerTile));
      // The last tile keeps the scale of the others: its width shrinks with its frame count.
      const width = Math.max(1, Math.round((tile.frames / framesPerTile) * tileWidth));
      const image = renderSpectrogram(tile, { ...options, width, height: tileHeight });
      await writeFile(join(dir, String(zoom), `${i}.${format}`), await encodeSpectrogramImage(image, tile, { format }));
    }
    levels.push({ zoom, tiles, framesPerTile, secondsPerTile: framesPerTile * matrix.hopSeconds });
  }
  const index: TileIndex = { tileWidth, tileHeight, format, levels, axes: spectrogramAxes(matrix) };
  await writeFile(join(dir, "tiles.json"), `${JSON.stringify(index)}\n`);
  return index;
}

/** Frames [from, to) as a matrix sharing the data (frame-major rows are contiguous). */
export function frameRange(matrix: SpectrogramMatrix, from: number, to: number): SpectrogramMatrix {
  return {
    ...matrix,
    frames: to - from,
    data: matrix.data.subarray(from * matrix.bins, to * matrix.bins),
    times: matrix.times.subarray(from, to),
  };
}
