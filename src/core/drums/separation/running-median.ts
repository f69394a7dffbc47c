/**
 * Running medians over odd-length windows, kept sorted between steps: each step replaces the
 * value leaving the window by the one entering it and moves it to its place (cost ∝ the rank
 * change, a few moves on average, no sorting and no allocation). Many independent lanes advance
 * together (one lane per frequency bin for medians along time); a single lane slides along a
 * row (medians along frequency).
 * Both filters see samples beyond the edges by numpy "reflect" padding (the edge value is not
 * repeated; repeated reflection for rows shorter than the half window), as scipy's
 * `median_filter(mode="mirror")` and the median filters of Fitzgerald's HPSS.
 * Values must not be NaN (callers sanitise them): NaN has no place in a sorted order.
 * Reference: Fitzgerald (2010), "Harmonic/percussive separation using median filtering",
 *   DAFx-10 (the median filters); the sorted-window update as in Huang, Yang & Tang (1979),
 *   "A fast two-dimensional median filtering algorithm", IEEE Trans. ASSP 27(1) (sliding update).
 */
import { reflectIndex } from "../../dsp/stft.js";

/** Throws unless `kernel` is an odd integer ≥ 1. */
export function checkMedianKernel(name: string, kernel: number): void {
  if (!(Number.isInteger(kernel) && kernel >= 1 && kernel % 2 === 1)) {
    throw new RangeError(`${name}: kernel must be an odd integer ≥ 1, got ${kernel}`);
  }
}

/**
 * Replaces `leaving` by `entering` in sorted[offset, offset + length) and restores the order.
 * `leaving` must be present (any of equal copies is taken).
 */
export function replaceSorted(
  sorted: Float32Array,
  offset: number,
  length: number,
  leaving: number,
  entering: number,
): void {
  // Binary search for the first position holding a value ≥ leaving: that is a copy of it.
  let low = offset;
  let high = offset + length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! < leaving) low = middle + 1;
    else high = middle;
  }
  let position = low;
  const end = offset + length - 1;
  if (entering > leaving) {
    while (position < end && sorted[position + 1]! < entering) {
      sorted[position] = sorted[position + 1]!;
      position++;
    }
  } else {
    while (position > offset && sorted[position - 1]! > entering) {
      sorted[position] = sorted[position - 1]!;
      position--;
    }
  }
  sorted[position] = entering;
}

/** Inserts `value` into sorted[offset, offset + length) (length grows by one). */
function insertSorted(sorted: Float32Array, offset: number, length: number, value: number): void {
  let position = offset + length;
  while (position > offset && sorted[position - 1]! > value) {
    sorted[position] = sorted[position - 1]!;
    position--;
  }
  sorted[position] = value;
}

/**
 * out[i] = median of row[i − h … i + h] (h = (kernel − 1)/2, reflect padding), i < row.length.
 * `window` is scratch of ≥ kernel values. `out` must not alias `row`.
 */
export function slidingMedian(row: Float32Array, kernel: number, out: Float32Array, window: Float32Array): void {
  const length = row.length;
  if (length === 0) return;
  const half = kernel >> 1;
  for (let j = 0; j < kernel; j++) insertSorted(window, 0, j, row[reflectIndex(j - half, length)]!);
  out[0] = window[half]!;
  // Inside the row, no reflection: read the leaving and entering values directly.
  const interiorEnd = length - half;
  let i = 1;
  for (; i < interiorEnd && i - half - 1 >= 0; i++) {
    replaceSorted(window, 0, kernel, row[i - half - 1]!, row[i + half]!);
    out[i] = window[half]!;
  }
  for (; i < length; i++) {
    const leaving = row[reflectIndex(i - half - 1, length)]!;
    const entering = row[reflectIndex(i + half, length)]!;
    replaceSorted(window, 0, kernel, leaving, entering);
    out[i] = window[half]!;
  }
}

/**
 * Medians along time for `lanes` values per frame (one lane per frequency bin), streamed:
 * rows arrive in frame order (0, 1, …, frames − 1, `frames` known in advance); `onMedian`
 * receives the median row of frame i, over frames i − h … i + h (reflect padding at both
 * ends), as soon as the rows it needs have arrived, h frames late (all at once for tracks of
 * ≤ h frames). Rows handed to `onMedian` are reused: copy what you keep.
 * Memory: (kernel + 1)·lanes values of history, kernel·lanes sorted values, one output row.
 */
export interface TimeMedianFilter {
  /** The next frame's values (exactly `lanes` of them; copied). */
  push(row: Float32Array): void;
  /** Frames pushed so far. */
  readonly received: number;
}

export function createTimeMedianFilter(
  lanes: number,
  kernel: number,
  frames: number,
  onMedian: (frameIndex: number, medians: Float32Array) => void,
): TimeMedianFilter {
  checkMedianKernel("createTimeMedianFilter", kernel);
  return new TimeMedian(lanes, kernel, frames, onMedian);
}

class TimeMedian implements TimeMedianFilter {
  private readonly half: number;
  /** The last `slots` rows pushed, row f at slot f mod slots (for the end reflection). */
  private readonly history: Float32Array;
  private readonly slots: number;
  /** Per lane, the window's values in ascending order. */
  private readonly sorted: Float32Array;
  /** The values in window order (position p mod kernel), to know which one leaves. */
  private readonly entered: Float32Array;
  private readonly medians: Float32Array;
  /** Window positions filled so far (position p holds frame reflectIndex(p − half)). */
  private positions = 0;
  received = 0;

  constructor(
    private readonly lanes: number,
    private readonly kernel: number,
    private readonly frames: number,
    private readonly onMedian: (frameIndex: number, medians: Float32Array) => void,
  ) {
    this.half = kernel >> 1;
    // Reflection reaches back at most `half` frames before the newest, and at the start it
    // reads frames 0…half: half + 2 slots always hold what the next position needs.
    this.slots = Math.min(frames, this.half + 2);
    this.history = new Float32Array(Math.max(1, this.slots) * lanes);
    this.sorted = new Float32Array(kernel * lanes);
    this.entered = new Float32Array(kernel * lanes);
    this.medians = new Float32Array(lanes);
  }

  push(row: Float32Array): void {
    const { lanes, frames } = this;
    if (this.received >= frames) throw new RangeError(`TimeMedianFilter.push: all ${frames} frames already pushed`);
    if (row.length !== lanes)
      throw new RangeError(`TimeMedianFilter.push: row must hold ${lanes} values, got ${row.length}`);
    const frame = this.received;
    this.history.set(row, (frame % this.slots) * lanes);
    this.received++;
    // Fill every window position whose frame has arrived. Reflection at the start needs
    // frames 0…half, at the end the `half` frames before the last: all still in `history`.
    const totalPositions = frames + 2 * this.half;
    while (this.positions < totalPositions) {
      const needed = reflectIndex(this.positions - this.half, frames);
      if (needed >= this.received) break;
      this.enter(needed);
    }
  }

  private enter(frame: number): void {
    const { lanes, kernel, sorted, entered, history } = this;
    const source = (frame % this.slots) * lanes;
    const position = this.positions;
    const slot = (position % kernel) * lanes;
    if (position < kernel) {
      for (let lane = 0; lane < lanes; lane++) {
        const value = history[source + lane]!;
        insertSorted(sorted, lane * kernel, position, value);
        entered[slot + lane] = value;
      }
    } else {
      for (let lane = 0; lane < lanes; lane++) {
        const value = history[source + lane]!;
        replaceSorted(sorted, lane * kernel, kernel, entered[slot + lane]!, value);
        entered[slot + lane] = value;
      }
    }
    this.positions++;
    if (this.positions >= kernel) {
      const { medians, half } = this;
      for (let lane = 0; lane < lanes; lane++) medians[lane] = sorted[lane * kernel + half]!;
      this.onMedian(this.positions - kernel, medians);
    }
  }
}
