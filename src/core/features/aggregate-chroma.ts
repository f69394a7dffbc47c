/**
 * Beat-synchronous (or any segment-wise) chroma: the mean or the median of the chroma
 * frames between consecutive boundary times, one 12-bin vector per interval. Frame t
 * belongs to [b_i, b_{i+1}) when its time (centre, see `frameTime`) falls inside; an
 * interval shorter than a hop, holding no frame centre, takes the frame nearest its
 * midpoint. Boundaries are seconds, ascending; n boundaries give n − 1 vectors. Non-finite
 * chroma values are skipped.
 * Reference: Bartsch & Wakefield (2005), "Audio thumbnailing of popular music using
 *   chroma-based representations", IEEE Trans. Multimedia 7(1) (beat-synchronous chroma);
 *   Ellis & Poliner (2007), "Identifying cover songs with chroma features and dynamic
 *   programming beat tracking", ICASSP.
 */
import { frameTime } from "../dsp/spectrogram.js";
import { CHROMA_BINS, type Chroma } from "./chroma.js";

export type ChromaStatistic = "mean" | "median";

/**
 * The frames of each interval between consecutive boundaries, as [first, last] pairs
 * (interval-major, inclusive): the frames whose centres fall inside, or the frame nearest the
 * midpoint of an interval holding none. Throws a RangeError naming `caller` for boundaries that
 * are not finite and ascending. Empty when the axis has no frames.
 */
export function intervalFrameRanges(
  axis: Pick<Chroma, "frames" | "hopSize" | "sampleRate" | "center" | "frameSize">,
  boundariesSeconds: ArrayLike<number>,
  caller: string,
): Int32Array {
  const intervals = Math.max(0, boundariesSeconds.length - 1);
  for (let i = 0; i < intervals; i++) {
    const start = boundariesSeconds[i]!;
    const end = boundariesSeconds[i + 1]!;
    if (!(Number.isFinite(start) && Number.isFinite(end) && end >= start)) {
      throw new RangeError(`${caller}: boundaries must be finite and ascending, got ${start} then ${end}`);
    }
  }
  const { frames } = axis;
  if (frames === 0) return new Int32Array(0);
  const ranges = new Int32Array(2 * intervals);
  const origin = frameTime(axis, 0);
  const seconds = frameTime(axis, 1) - origin;
  for (let i = 0; i < intervals; i++) {
    const start = boundariesSeconds[i]!;
    const end = boundariesSeconds[i + 1]!;
    let first = Math.max(0, Math.ceil((start - origin) / seconds - 1e-9));
    let last = Math.min(frames - 1, Math.ceil((end - origin) / seconds - 1e-9) - 1);
    if (last < first) {
      const nearest = Math.min(frames - 1, Math.max(0, Math.round(((start + end) / 2 - origin) / seconds)));
      first = nearest;
      last = nearest;
    }
    ranges[2 * i] = first;
    ranges[2 * i + 1] = last;
  }
  return ranges;
}

/** (boundaries.length − 1) × 12 values, interval-major. */
export function aggregateChroma(
  chroma: Chroma,
  boundariesSeconds: ArrayLike<number>,
  statistic: ChromaStatistic = "mean",
): Float32Array {
  const intervals = Math.max(0, boundariesSeconds.length - 1);
  const ranges = intervalFrameRanges(chroma, boundariesSeconds, "aggregateChroma");
  const out = new Float32Array(intervals * CHROMA_BINS);
  const { frames, data } = chroma;
  if (frames === 0 || intervals === 0) return out;
  const scratch = new Float32Array(frames);
  for (let i = 0; i < intervals; i++) {
    const first = ranges[2 * i]!;
    const last = ranges[2 * i + 1]!;
    for (let c = 0; c < CHROMA_BINS; c++) {
      let count = 0;
      let sum = 0;
      for (let t = first; t <= last; t++) {
        const value = data[t * CHROMA_BINS + c]!;
        if (!Number.isFinite(value)) continue;
        if (statistic === "mean") sum += value;
        else scratch[count] = value;
        count++;
      }
      if (count === 0) continue;
      if (statistic === "mean") {
        out[i * CHROMA_BINS + c] = sum / count;
      } else {
        const values = sortAscending(scratch, count);
        const middle = count >> 1;
        out[i * CHROMA_BINS + c] = count % 2 === 1 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
      }
    }
  }
  return out;
}

/** Runs up to this long are sorted by insertion (a beat holds a few dozen frames). */
const INSERTION_SORT_MAX = 64;

/**
 * values[0, count) sorted ascending in place, as TypedArray.prototype.sort orders finite
 * numbers (−0 before +0): by insertion for short runs, where the native sort's set-up costs
 * more than the sorting; returns the sorted view.
 */
function sortAscending(values: Float32Array, count: number): Float32Array {
  if (count > INSERTION_SORT_MAX) return values.subarray(0, count).sort();
  for (let i = 1; i < count; i++) {
    const value = values[i]!;
    let j = i - 1;
    for (; j >= 0 && precedes(value, values[j]!); j--) values[j + 1] = values[j]!;
    values[j + 1] = value;
  }
  return values;
}

/** a before b in ascending order of finite numbers, −0 before +0. */
function precedes(a: number, b: number): boolean {
  return a < b || (a === 0 && b === 0 && 1 / a < 1 / b);
}
