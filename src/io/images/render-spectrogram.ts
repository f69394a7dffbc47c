/**
 * A spectrogram matrix → RGBA pixels of any size. The matrix is resampled separably,
 * time then frequency: where an output pixel spans ≥ 1 source cell the cells are pooled
 * (max keeps short events and thin partials visible, mean is smoother), where it spans
 * less the value is taken from the nearest cell or interpolated linearly between the two
 * nearest (pixel centres aligned, as image resizers do). Levels map linearly from
 * [floorDb, ceilingDb] onto the colormap's 256 entries. Row 0 is the top of the image:
 * the highest frequency; the lowest bin lands on the bottom row.
 */
import { type ColormapName, createColormap } from "../../core/spectrogram/colormaps.js";
import type { SpectrogramMatrix } from "../../core/spectrogram/spectrogram-matrix.js";

export interface RenderOptions {
  /** Output size in pixels; integers ≥ 1 (default: one pixel per frame / per bin). */
  readonly width: number;
  readonly height: number;
  readonly colormap: ColormapName | readonly string[];
  /** How several source cells merge into one pixel. */
  readonly pooling: "max" | "mean";
  /** How one source cell spreads over several pixels. */
  readonly interpolation: "nearest" | "bilinear";
}

export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** width·height·4 bytes, row-major from the top-left pixel. */
  readonly data: Uint8Array;
}

export function renderSpectrogram(matrix: SpectrogramMatrix, options: Partial<RenderOptions> = {}): RgbaImage {
  const width = options.width ?? Math.max(1, matrix.frames);
  const height = options.height ?? Math.max(1, matrix.bins);
  for (const [name, value] of [
    ["width", width],
    ["height", height],
  ] as const) {
    if (!(Number.isInteger(value) && value >= 1 && value <= 65_535)) {
      throw new RangeError(`renderSpectrogram: ${name} must be an integer in 1…65535, got ${value}`);
    }
  }
  const pooling = options.pooling ?? "max";
  const interpolation = options.interpolation ?? "bilinear";
  const table = createColormap(options.colormap ?? "magma");
  const { frames, bins, data, floorDb, ceilingDb } = matrix;
  const data32 = new Uint8Array(width * height * 4);
  if (frames === 0 || bins === 0) return { width, height, data: data32 };
  // Time: frames → width columns, per bin (column-major scratch: bin-major rows of `width`).
  const columns = new Float32Array(bins * width);
  const source = new Float32Array(frames);
  const target = new Float32Array(width);
  for (let b = 0; b < bins; b++) {
    for (let t = 0; t < frames; t++) source[t] = data[t * bins + b]!;
    resample1d(source, target, pooling, interpolation);
    columns.set(target, b * width);
  }
  // Frequency: bins → height rows, per column; row y = height − 1 − (position from the bottom).
  const line = new Float32Array(bins);
  const rows = new Float32Array(height);
  const scale = ceilingDb > floorDb ? 255 / (ceilingDb - floorDb) : 0;
  for (let x = 0; x < width; x++) {
    for (let b = 0; b < bins; b++) line[b] = columns[b * width + x]!;
    resample1d(line, rows, pooling, interpolation);
    for (let r = 0; r < height; r++) {
      const level = Math.min(255, Math.max(0, Math.round((rows[r]! - floorDb) * scale)));
      const pixel = 4 * ((height - 1 - r) * width + x);
      data32[pixel] = table[3 * level]!;
      data32[pixel + 1] = table[3 * level + 1]!;
      data32[pixel + 2] = table[3 * level + 2]!;
      data32[pixel + 3] = 255;
    }
  }
  return { width, height, data: data32 };
}

/** source (S values) → target (O values): pooling when S ≥ O, else nearest/linear interpolation. */
export function resample1d(
  source: Float32Array,
  target: Float32Array,
  pooling: "max" | "mean",
  interpolation: "nearest" | "bilinear",
): void {
  const s = source.length;
  const o = target.length;
  const ratio = s / o;
  if (ratio >= 1) {
    for (let i = 0; i < o; i++) {
      const from = Math.floor(i * ratio);
      const to = Math.max(from + 1, Math.min(s, Math.floor((i + 1) * ratio)));
      let acc = pooling === "max" ? Number.NEGATIVE_INFINITY : 0;
      for (let k = from; k < to; k++) acc = pooling === "max" ? Math.max(acc, source[k]!) : acc + source[k]!;
      target[i] = pooling === "max" ? acc : acc / (to - from);
    }
    return;
  }
  for (let i = 0; i < o; i++) {
    const centre = Math.min(s - 1, Math.max(0, (i + 0.5) * ratio - 0.5));
    if (interpolation === "nearest") {
      target[i] = source[Math.min(s - 1, Math.floor((i + 0.5) * ratio))]!;
    } else {
      const k = Math.min(s - 2, Math.floor(centre));
      const f = centre - k;
      target[i] = k < 0 ? source[0]! : source[k]! * (1 - f) + source[k + 1]! * f;
    }
  }
}
