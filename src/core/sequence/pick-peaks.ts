/**
 * Peak picking of a detection function, as used for onsets: frame n is a peak when
 *   1. d[n] = max(d[n − preMax … n + postMax])               (local maximum),
 *   2. d[n] ≥ mean(d[n − preAvg … n + postAvg]) + delta        (above the moving mean),
 *   3. n − (last peak) > combine                               (one peak per `combine` frames).
 * Windows are in frames and clipped at the edges; the moving mean uses a prefix sum, so the
 * cost is O(n·(preMax + postMax)) with no allocation besides the prefix sum and the result.
 * Non-finite values never become peaks.
 * Reference: Böck, Krebs & Schedl (2012), "Evaluating the online capabilities of onset
 *   detection methods", ISMIR 2012, section 2.3 (offline variant).
 */

export interface PickPeaksOptions {
  /** Frames before n that d[n] must dominate; integer ≥ 0. */
  readonly preMax: number;
  /** Frames after n that d[n] must dominate; integer ≥ 0. */
  readonly postMax: number;
  /** Frames before n in the moving mean; integer ≥ 0. */
  readonly preAvg: number;
  /** Frames after n in the moving mean; integer ≥ 0. */
  readonly postAvg: number;
  /** Margin above the moving mean, in the detection function's units; ≥ 0. */
  readonly delta: number;
  /** Minimum distance in frames between reported peaks (the first one wins); integer ≥ 0. */
  readonly combine: number;
}

export const PICK_PEAKS_DEFAULTS: PickPeaksOptions = {
  preMax: 3,
  postMax: 3,
  preAvg: 9,
  postAvg: 6,
  delta: 0,
  combine: 3,
};

/** Frame indices of the peaks of `values`, ascending. */
export function pickPeaks(values: ArrayLike<number>, options: Partial<PickPeaksOptions> = {}): Int32Array {
  const resolved = { ...PICK_PEAKS_DEFAULTS, ...options };
  const { preMax, postMax, preAvg, postAvg, delta, combine } = resolved;
  for (const key of ["preMax", "postMax", "preAvg", "postAvg", "combine"] as const) {
    const value = resolved[key];
    if (!(Number.isInteger(value) && value >= 0)) {
      throw new RangeError(`pickPeaks: ${key} must be an integer ≥ 0, got ${value}`);
    }
  }
  if (!(delta >= 0)) throw new RangeError(`pickPeaks: delta must be ≥ 0, got ${delta}`);
  const length = values.length;
  const prefix = new Float64Array(length + 1);
  for (let i = 0; i < length; i++) {
    const value = values[i]!;
    prefix[i + 1] = prefix[i]! + (Number.isFinite(value) ? value : 0);
  }
  const peaks: number[] = [];
  let last = -Infinity;
  for (let n = 0; n < length; n++) {
    const value = values[n]!;
    if (!Number.isFinite(value)) continue;
    if (n - last <= combine) continue;
    const maxStart = Math.max(0, n - preMax);
    const maxEnd = Math.min(length - 1, n + postMax);
    let isMax = true;
    for (let i = maxStart; i <= maxEnd; i++) {
      if (values[i]! > value) {
        isMax = false;
        break;
      }
    }
    if (!isMax) continue;
    const avgStart = Math.max(0, n - preAvg);
    const avgEnd = Math.min(length - 1, n + postAvg);
    const mean = (prefix[avgEnd + 1]! - prefix[avgStart]!) / (avgEnd - avgStart + 1);
    if (value < mean + delta || value <= 0) continue;
    peaks.push(n);
    last = n;
  }
  return Int32Array.from(peaks);
}
