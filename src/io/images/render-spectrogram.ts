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
  // Frequency: bins → height rows, one output row at a time (the same arithmetic as resample1d
  // per column, but reading two or a few rows of `columns` and writing one pixel row in order,
  // where a column at a time strides through both); row y = height − 1 − (position from the bottom).
  const axis = resamplePlan(bins, height, pooling, interpolation);
  const row = new Float32Array(width);
  const sums = pooling === "mean" ? new Float64Array(width) : new Float64Array(0);
  const scale = ceilingDb > floorDb ? 255 / (ceilingDb - floorDb) : 0;
  for (let r = 0; r < height; r++) {
    resampleRow(columns, width, axis, r, row, sums);
    let pixel = 4 * (height - 1 - r) * width;
    for (let x = 0; x < width; x++, pixel += 4) {
      const level = Math.min(255, Math.max(0, Math.round((row[x]! - floorDb) * scale)));
      data32[pixel] = table[3 * level]!;
      data32[pixel + 1] = table[3 * level + 1]!;
      data32[pixel + 2] = table[3 * level + 2]!;
      data32[pixel + 3] = 255;
    }
  }
  return { width, height, data: data32 };
}

/** Where each of O outputs reads S inputs, as resample1d does (see there). */
interface ResamplePlan {
  readonly pooled: boolean;
  readonly pooling: "max" | "mean";
  /** Pooled: inputs [from[i], to[i]). Interpolated: input from[i] (weight 1 − f[i]) and from[i] + 1 (f[i]). */
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly f: Float64Array;
}

function resamplePlan(
  s: number,
  o: number,
  pooling: "max" | "mean",
  interpolation: "nearest" | "bilinear",
): ResamplePlan {
  const ratio = s / o;
  const from = new Int32Array(o);
  const to = new Int32Array(o);
  const f = new Float64Array(o);
  for (let i = 0; i < o; i++) {
    if (ratio >= 1) {
      from[i] = Math.floor(i * ratio);
      to[i] = Math.max(from[i]! + 1, Math.min(s, Math.floor((i + 1) * ratio)));
    } else if (interpolation === "nearest") {
      from[i] = Math.min(s - 1, Math.floor((i + 0.5) * ratio));
    } else {
      const centre = Math.min(s - 1, Math.max(0, (i + 0.5) * ratio - 0.5));
      const k = Math.min(s - 2, Math.floor(centre));
      // k < 0 (a single input) reads input 0 alone.
      from[i] = Math.max(0, k);
      f[i] = k < 0 ? 0 : centre - k;
      to[i] = k < 0 ? -1 : 0;
    }
  }
  return { pooled: ratio >= 1, pooling, from, to, f };
}

/** Output i of resample1d for every lane x: rows of `width` lanes in, one row out. */
function resampleRow(
  rows: Float32Array,
  width: number,
  plan: ResamplePlan,
  i: number,
  out: Float32Array,
  sums: Float64Array,
): void {
  const first = plan.from[i]! * width;
  if (plan.pooled) {
    const count = plan.to[i]! - plan.from[i]!;
    if (plan.pooling === "max") {
      out.set(rows.subarray(first, first + width));
      for (let k = 1; k < count; k++) {
        const at = first + k * width;
        for (let x = 0; x < width; x++) out[x] = Math.max(out[x]!, rows[at + x]!);
      }
    } else {
      for (let x = 0; x < width; x++) sums[x] = rows[first + x]!;
      for (let k = 1; k < count; k++) {
        const at = first + k * width;
        for (let x = 0; x < width; x++) sums[x]! += rows[at + x]!;
      }
      for (let x = 0; x < width; x++) out[x] = sums[x]! / count;
    }
    return;
  }
  const f = plan.f[i]!;
  if (plan.to[i] !== 0 || f === 0) {
    // Nearest, a single input, or a centre on an input: that input alone (x·1 + y·0 = x).
    out.set(rows.subarray(first, first + width));
    return;
  }
  const next = first + width;
  for (let x = 0; x < width; x++) out[x] = rows[first + x]! * (1 - f) + rows[next + x]! * f;
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
