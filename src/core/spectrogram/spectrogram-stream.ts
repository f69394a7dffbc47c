/**
 * A spectrogram matrix of a signal of any length in bounded memory: the signal arrives in
 * chunks, frames are computed as their samples arrive (spectrogram-frames.ts), and each
 * frame is pooled at once into a fixed number of columns, so only columns × bins values
 * (plus one transform window or block of samples) are ever held, whatever the duration.
 *
 * Hop: about one frame per column over the expected length (the decoder's declared length),
 * as `createSpectrogram` callers chose it, but never above `maxHopSeconds` (0.1 s). A long
 * recording is analysed at that hop and column j pools frames [⌊j·r⌋, ⌊(j + 1)·r⌋),
 * r = frames/columns, the grouping `resample1d` gives when shrinking. Dense frames keep the
 * events inside a column's span in view: one frame per column at an hour's hop (≈ 0.9 s for
 * 4000 px) would see a 13-ms window of the top constant-Q octave every 0.9 s and miss most
 * onsets; at 0.1 s every moment lies in some frame's window from the fourth octave down. A
 * 3-minute track at ≥ 2000 px keeps the hop it had (≤ 0.1 s), and its picture.
 * Pooling: "max" (the default) keeps a short loud event (a click, a stroke, an onset) at its
 * own level however many frames share its column, as the image renderer's default pooling
 * does, so a long file and a short one (pooled by the renderer) look alike, and merges are
 * exact; its cost is a noise floor a few dB above the frames' typical level (the largest of k
 * noisy values). "power" averages the frames' power (Welch's averaged periodogram: what one
 * window as long as the column would measure): energy-true, but a one-frame event drops by
 * 10·log10(k) dB, so the picture changes with the zoom. "mean" averages the dB values (as the
 * renderer's "mean"): the calmest floor, but a one-frame event's excess over its surroundings
 * shrinks k-fold, so percussion all but disappears from an hour's overview. For an overview,
 * whose point is to find the events, max gives the better picture.
 * When the length is unknown or exceeds the estimate, columns fill up to 2·columns and then
 * neighbouring pairs merge (r doubles); frames are counted per column so mean stays exact,
 * and a column's time is the centre of its own frames.
 * Levels: dB re full scale as `amplitudesToDb`; the ceiling "max" is the loudest single
 * frame value (tracked as frames pass, so it is the same as over the whole matrix) and the
 * floor ceiling − rangeDb, applied once at the end to the pooled columns, which hold unclamped
 * dB: one pass, no fixed reference needed (a fixed ceiling, e.g. 0 dB re full scale, is also
 * accepted). Mean pooling thus averages before clamping where the in-memory renderer clamps
 * first; the two differ only in cells near the floor. When r < 2 (short files, whose hop is
 * not capped) nothing is pooled here: the matrix is exactly `createSpectrogram`'s and the
 * renderer pools it as before.
 */
import type { HalfBandSumsFactory } from "../dsp/decimate.js";
import type { RealFft } from "../dsp/real-fft.js";
import type { SpectrogramOptions } from "./create-spectrogram.js";
import { createSpectrogramFrames } from "./spectrogram-frames.js";
import { DECIBEL_DEFAULTS, type SpectrogramKind, type SpectrogramMatrix } from "./spectrogram-matrix.js";

export interface SpectrogramStreamOptions extends SpectrogramOptions {
  /** Columns wanted (an image's width, or the frames of a data export); integer ≥ 1. */
  readonly columns: number;
  /** Samples the stream will probably get (a decoder's declared length); null: unknown. */
  readonly expectedSamples: number | null;
  /** How a column merges its frames: see the header. */
  readonly pooling: "max" | "mean" | "power";
  /** The longest hop between analysed frames (s). */
  readonly maxHopSeconds: number;
  /** Constant-Q only: a faster decimation kernel (see CqtStreamOptions). */
  readonly halfBandSums?: HalfBandSumsFactory | undefined;
  /** Constant-Q only: makes its FFT (see CqtStreamOptions). */
  readonly fftFactory?: ((size: number) => RealFft) | undefined;
}

export const SPECTROGRAM_STREAM_DEFAULTS = {
  pooling: "max",
  maxHopSeconds: 0.1,
  minHop: 64,
} as const;

export interface SpectrogramStream {
  readonly hopSize: number;
  readonly bins: number;
  push(samples: Float32Array): void;
  /** The pooled matrix: about `columns` frames (exactly the analysis frames when r < 2). */
  finish(): SpectrogramMatrix;
}

/** The analysis hop for `columns` columns over `expectedSamples` (see the header). */
export function streamHopSize(
  sampleRate: number,
  columns: number,
  expectedSamples: number | null,
  maxHopSeconds: number = SPECTROGRAM_STREAM_DEFAULTS.maxHopSeconds,
): number {
  const longest = Math.max(SPECTROGRAM_STREAM_DEFAULTS.minHop, Math.round(maxHopSeconds * sampleRate));
  if (expectedSamples === null) return Math.min(longest, 512);
  return Math.min(longest, Math.max(SPECTROGRAM_STREAM_DEFAULTS.minHop, Math.floor(expectedSamples / columns)));
}

export function createSpectrogramStream(
  kind: SpectrogramKind,
  sampleRate: number,
  options: Partial<SpectrogramStreamOptions> & { readonly columns: number },
): SpectrogramStream {
  const { columns } = options;
  if (!(Number.isInteger(columns) && columns >= 1)) {
    throw new RangeError(`createSpectrogramStream: columns must be an integer ≥ 1, got ${columns}`);
  }
  const expected = options.expectedSamples ?? null;
  const pooling = options.pooling ?? SPECTROGRAM_STREAM_DEFAULTS.pooling;
  const rangeDb = options.rangeDb ?? DECIBEL_DEFAULTS.rangeDb;
  const ceilingDb = options.ceilingDb ?? DECIBEL_DEFAULTS.ceilingDb;
  if (!(rangeDb > 0)) throw new RangeError(`createSpectrogramStream: rangeDb must be > 0, got ${rangeDb}`);
  const requestedHop =
    options.hopSize ??
    streamHopSize(sampleRate, columns, expected, options.maxHopSeconds ?? SPECTROGRAM_STREAM_DEFAULTS.maxHopSeconds);
  let pool: ColumnPool | undefined;
  const frames = createSpectrogramFrames(kind, sampleRate, { ...options, hopSize: requestedHop }, (_, values) =>
    pool!.add(values),
  );
  const { bins, hopSize, power } = frames;
  const expectedFrames = expected === null ? 0 : 1 + Math.floor(expected / hopSize);
  // r = 1 whenever the expected frames fit in twice the columns: short files are not pooled here.
  const ratio = expectedFrames < 2 * columns ? 1 : expectedFrames / columns;
  pool = new ColumnPool(bins, power, pooling, ratio, 2 * columns);
  return {
    hopSize,
    bins,
    push: (samples) => frames.push(samples),
    finish() {
      frames.finish();
      const { data, count, first, counts, ratio: r, top } = pool!.finish();
      const ceiling = ceilingDb === "max" ? (Number.isFinite(top) ? top : -200) : ceilingDb;
      const floor = ceiling - rangeDb;
      for (let i = 0; i < data.length; i++) data[i] = Math.min(ceiling, Math.max(floor, data[i]!));
      const times = new Float64Array(count);
      for (let j = 0; j < count; j++) times[j] = ((first[j]! + (counts[j]! - 1) / 2) * hopSize) / sampleRate;
      return {
        kind,
        frames: count,
        bins,
        data,
        times,
        frequencies: frames.frequencies,
        hopSeconds: (r * hopSize) / sampleRate,
        floorDb: floor,
        ceilingDb: ceiling,
      };
    },
  };
}

/** Smallest amplitude before the logarithm (−200 dB), as amplitudesToDb. */
const AMPLITUDE_FLOOR = 1e-10;

/** Frames → dB columns: column j takes frames [⌊j·r⌋, ⌊(j + 1)·r⌋) (max or mean); pairs merge when full. */
class ColumnPool {
  private data: Float32Array;
  /** "power": each column's summed power (its dB is taken at the end when it holds > 1 frame). */
  private sums: Float32Array;
  private counts: Uint32Array;
  private first: Float64Array;
  private column = 0;
  /** The first frame of the next column. */
  private boundary: number;
  private frames = 0;
  private top = Number.NEGATIVE_INFINITY;
  private readonly scale: number;
  private readonly floorInput: number;

  constructor(
    private readonly bins: number,
    power: boolean,
    private readonly pooling: "max" | "mean" | "power",
    private ratio: number,
    private readonly capacity: number,
  ) {
    this.scale = power ? 10 : 20;
    this.floorInput = power ? AMPLITUDE_FLOOR * AMPLITUDE_FLOOR : AMPLITUDE_FLOOR;
    this.boundary = Math.floor(ratio);
    // Grown on demand (doubling) so that a short signal does not reserve the whole capacity.
    const initial = Math.min(capacity, 64);
    this.data = new Float32Array(initial * bins);
    this.sums = new Float32Array(pooling === "power" ? initial * bins : 0);
    this.counts = new Uint32Array(initial);
    this.first = new Float64Array(initial);
  }

  add(values: Float32Array): void {
    while (this.frames >= this.boundary) {
      this.column++;
      this.boundary = Math.floor((this.column + 1) * this.ratio);
    }
    if (this.column >= this.capacity) this.mergePairs();
    const column = this.column;
    if (column >= this.counts.length) this.grow();
    const { bins, data, scale, floorInput } = this;
    const offset = column * bins;
    const fresh = this.counts[column] === 0;
    if (fresh) this.first[column] = this.frames;
    let top = this.top;
    if (this.pooling === "max") {
      for (let b = 0; b < bins; b++) {
        const db = scale * Math.log10(Math.max(floorInput, values[b]!));
        if (db > top) top = db;
        if (fresh || db > data[offset + b]!) data[offset + b] = db;
      }
    } else if (this.pooling === "mean") {
      for (let b = 0; b < bins; b++) {
        const db = scale * Math.log10(Math.max(floorInput, values[b]!));
        if (db > top) top = db;
        data[offset + b] = fresh ? db : data[offset + b]! + db;
      }
    } else {
      const { sums } = this;
      const squared = scale === 20;
      for (let b = 0; b < bins; b++) {
        const v = values[b]!;
        const p = squared ? v * v : v;
        if (fresh) {
          // A lone frame keeps its dB exactly as amplitudesToDb computes it.
          const db = scale * Math.log10(Math.max(floorInput, v));
          if (db > top) top = db;
          data[offset + b] = db;
          sums[offset + b] = p;
        } else {
          const db = scale * Math.log10(Math.max(floorInput, v));
          if (db > top) top = db;
          sums[offset + b]! += p;
        }
      }
    }
    this.top = top;
    this.counts[column]!++;
    this.frames++;
  }

  finish() {
    const { bins } = this;
    const count = this.frames === 0 ? 0 : this.column + 1;
    const data = this.data.subarray(0, count * bins);
    if (this.pooling === "mean") {
      for (let j = 0; j < count; j++) {
        const n = this.counts[j]!;
        for (let b = 0; b < bins; b++) data[j * bins + b]! /= n;
      }
    } else if (this.pooling === "power") {
      const floorPower = AMPLITUDE_FLOOR * AMPLITUDE_FLOOR;
      for (let j = 0; j < count; j++) {
        const n = this.counts[j]!;
        if (n === 1) continue;
        for (let b = 0; b < bins; b++) {
          data[j * bins + b] = 10 * Math.log10(Math.max(floorPower, this.sums[j * bins + b]! / n));
        }
      }
    }
    return { data, count, first: this.first, counts: this.counts, ratio: this.ratio, top: this.top };
  }

  private grow(): void {
    const size = Math.min(this.capacity, 2 * this.counts.length);
    const data = new Float32Array(size * this.bins);
    data.set(this.data);
    const counts = new Uint32Array(size);
    counts.set(this.counts);
    if (this.pooling === "power") {
      const sums = new Float32Array(size * this.bins);
      sums.set(this.sums);
      this.sums = sums;
    }
    const first = new Float64Array(size);
    first.set(this.first);
    this.data = data;
    this.counts = counts;
    this.first = first;
  }

  /** Columns 2j and 2j + 1 → column j, and r doubles; the current column becomes ⌊column/2⌋. */
  private mergePairs(): void {
    const { bins, data, counts, first } = this;
    const used = this.column;
    const half = Math.ceil(used / 2);
    for (let j = 0; j < half; j++) {
      const a = 2 * j * bins;
      const b = a + bins;
      const hasB = 2 * j + 1 < used;
      for (let i = 0; i < bins; i++) {
        const left = data[a + i]!;
        data[j * bins + i] = !hasB ? left : this.pooling === "max" ? Math.max(left, data[b + i]!) : left + data[b + i]!;
        if (this.pooling === "power") this.sums[j * bins + i] = this.sums[a + i]! + (hasB ? this.sums[b + i]! : 0);
      }
      first[j] = first[2 * j]!;
      counts[j] = counts[2 * j]! + (hasB ? counts[2 * j + 1]! : 0);
    }
    counts.fill(0, half);
    this.ratio *= 2;
    this.column = half;
    // Column `half` starts empty at the current frame; it ends where the doubled ratio says.
    this.boundary = Math.max(this.frames + 1, Math.floor((half + 1) * this.ratio));
  }
}
