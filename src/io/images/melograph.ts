/**
 * Melograph pixels: a pitch contour (pYIN track) drawn over time on a log-frequency axis,
 * optionally over a dimmed constant-Q spectrogram, with guide lines (Sa/Pa of a tonic, or
 * note names; melograph-guides.ts). Axes: x = t / duration · width; a frequency f sits at
 * the fraction u = log2(f/minHz) / log2(maxHz/minHz) of the height from the bottom, the
 * same mapping `renderSpectrogram` gives a constant-Q matrix whose bin centres span
 * [minHz·2^(1/2B), maxHz·2^(−1/2B)] (B bins per octave), so contour and background align.
 * Voiced frames are drawn as a line (consecutive frames joined, `lineWidth` pixels thick),
 * each segment's opacity 0.35 + 0.65 × its voicing probability. Without a given range the
 * axis spans the contour's 2nd–98th percentiles widened by 300 cents each way.
 * Reference: the melograph of Seeger (1958), "Prescriptive and descriptive music-writing";
 *   pYIN (Mauch & Dixon 2014) for the contour.
 */
import type { PitchTrack } from "../../core/pitch/pyin.js";
import type { SpectrogramMatrix } from "../../core/spectrogram/spectrogram-matrix.js";
import { melographGuides } from "./melograph-guides.js";
import { type RgbaImage, renderSpectrogram } from "./render-spectrogram.js";

export interface MelographOptions {
  readonly width: number;
  readonly height: number;
  /** Hz: the axis; default from the contour's percentiles (or the background's bins). */
  readonly minHz: number;
  readonly maxHz: number;
  /** Seconds shown (default: the last frame time plus one hop). */
  readonly durationSeconds: number;
  /** Sa lines when given, note-name lines otherwise. */
  readonly tonicHz: number | null;
  /** A constant-Q spectrogram (log-spaced bins) drawn dimmed underneath. */
  readonly background: SpectrogramMatrix | null;
  readonly lineWidth: number;
}

export interface MelographLayout {
  readonly width: number;
  readonly height: number;
  readonly minHz: number;
  readonly maxHz: number;
  readonly durationSeconds: number;
}

export const CONTOUR_RGB = [255, 208, 32] as const;
const BACKGROUND_RGB = [16, 16, 20] as const;
const BACKGROUND_DIM = 0.45;

/** The axis range and size the options imply for `track`. */
export function melographLayout(track: PitchTrack, options: Partial<MelographOptions> = {}): MelographLayout {
  const width = options.width ?? 1200;
  const height = options.height ?? 400;
  for (const [name, value] of [
    ["width", width],
    ["height", height],
  ] as const) {
    if (!(Number.isInteger(value) && value >= 8 && value <= 16_384)) {
      throw new RangeError(`melograph: ${name} must be an integer in 8…16384, got ${value}`);
    }
  }
  const times = track.times;
  const hop = times.length > 1 ? times[1]! - times[0]! : 0;
  const durationSeconds = options.durationSeconds ?? Math.max(1e-3, (times[times.length - 1] ?? 0) + hop);
  let { minHz, maxHz } = options;
  const background = options.background ?? null;
  if (background !== null && background.bins > 1) {
    const f = background.frequencies;
    const halfBin = Math.log2(f[1]! / f[0]!) / 2;
    minHz = f[0]! * 2 ** -halfBin;
    maxHz = f[f.length - 1]! * 2 ** halfBin;
  }
  if (minHz === undefined || maxHz === undefined) {
    const voiced = Array.from(track.f0Hz).filter((hz, t) => track.voiced[t] === 1 && hz > 0);
    voiced.sort((a, b) => a - b);
    const low = voiced.length > 0 ? voiced[Math.floor(0.02 * (voiced.length - 1))]! : 100;
    const high = voiced.length > 0 ? voiced[Math.ceil(0.98 * (voiced.length - 1))]! : 800;
    minHz ??= low * 2 ** (-300 / 1200);
    maxHz ??= high * 2 ** (300 / 1200);
  }
  if (!(minHz > 0 && maxHz > minHz)) throw new RangeError(`melograph: need 0 < minHz < maxHz, got ${minHz}, ${maxHz}`);
  return { width, height, minHz, maxHz, durationSeconds };
}

/** Row (0 = top) of frequency `hz`, or −1 outside the axis. */
export function melographRow(layout: MelographLayout, hz: number): number {
  const u = Math.log2(hz / layout.minHz) / Math.log2(layout.maxHz / layout.minHz);
  if (!(u >= 0 && u <= 1)) return -1;
  return Math.min(layout.height - 1, layout.height - 1 - Math.floor(u * layout.height));
}

/** Continuous y (pixel centres at integer + 0.5 from the top) of `hz`. */
function yOf(layout: MelographLayout, hz: number): number {
  const u = Math.log2(hz / layout.minHz) / Math.log2(layout.maxHz / layout.minHz);
  return layout.height * (1 - u);
}

export function renderMelograph(
  track: PitchTrack,
  options: Partial<MelographOptions> = {},
): { image: RgbaImage; layout: MelographLayout } {
  const layout = melographLayout(track, options);
  const { width, height } = layout;
  const data = new Uint8Array(width * height * 4);
  const background = options.background ?? null;
  if (background !== null) {
    data.set(renderSpectrogram(background, { width, height, colormap: "magma" }).data);
    for (let i = 0; i < data.length; i += 4) {
      for (let c = 0; c < 3; c++) data[i + c] = Math.round(data[i + c]! * BACKGROUND_DIM);
    }
  } else {
    for (let i = 0; i < data.length; i += 4) data.set([...BACKGROUND_RGB, 255], i);
  }
  const image: RgbaImage = { width, height, data };
  for (const guide of melographGuides(layout.minHz, layout.maxHz, options.tonicHz ?? null)) {
    const row = melographRow(layout, guide.hz);
    const colour = guide.strong ? ([235, 235, 235] as const) : ([120, 170, 255] as const);
    for (let x = 0; x < width; x++) blend(image, x, row, colour, guide.strong ? 0.55 : 0.45);
  }
  drawContour(image, layout, track, options.lineWidth ?? 2);
  return { image, layout };
}

/** Draws the voiced frames: per pixel the largest opacity of any stamp covering it. */
function drawContour(image: RgbaImage, layout: MelographLayout, track: PitchTrack, lineWidth: number): void {
  const { times, f0Hz, voiced, voicedProbability } = track;
  const { width, height } = layout;
  const coverage = new Float32Array(width * height);
  const stamp = (x: number, y: number, alpha: number): void => {
    const x0 = Math.round(x - lineWidth / 2);
    const y0 = Math.round(y - lineWidth / 2);
    for (let py = Math.max(0, y0); py < Math.min(height, y0 + lineWidth); py++) {
      for (let px = Math.max(0, x0); px < Math.min(width, x0 + lineWidth); px++) {
        const i = py * width + px;
        if (alpha > coverage[i]!) coverage[i] = alpha;
      }
    }
  };
  const hop = times.length > 1 ? times[1]! - times[0]! : Number.POSITIVE_INFINITY;
  const xScale = width / layout.durationSeconds;
  let previous: { x: number; y: number; t: number } | null = null;
  for (let t = 0; t < times.length; t++) {
    const hz = f0Hz[t]!;
    if (voiced[t] !== 1 || !(hz > 0)) {
      previous = null;
      continue;
    }
    const point = { x: times[t]! * xScale, y: yOf(layout, hz), t: times[t]! };
    const alpha = 0.35 + 0.65 * Math.min(1, Math.max(0, voicedProbability[t]!));
    const from = previous !== null && point.t - previous.t <= 1.5 * hop ? previous : point;
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(point.x - from.x), Math.abs(point.y - from.y))));
    for (let s = from === point ? steps : 1; s <= steps; s++) {
      stamp(from.x + ((point.x - from.x) * s) / steps, from.y + ((point.y - from.y) * s) / steps, alpha);
    }
    previous = point;
  }
  for (let i = 0; i < coverage.length; i++) {
    if (coverage[i]! > 0) blend(image, i % width, Math.floor(i / width), CONTOUR_RGB, coverage[i]!);
  }
}

function blend(image: RgbaImage, x: number, y: number, rgb: readonly [number, number, number], alpha: number): void {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
  const i = 4 * (y * image.width + x);
  for (let c = 0; c < 3; c++) image.data[i + c] = Math.round(image.data[i + c]! * (1 - alpha) + rgb[c]! * alpha);
}
