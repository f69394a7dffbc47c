/**
 * The observations of chord recognition: per step between consecutive boundaries, the
 * median of each bass and treble bin over the step's frames. The frames and the median are
 * aggregateChroma's (core/features/aggregate-chroma.ts, "median"): frame t belongs to
 * [b_i, b_{i+1}) when its time falls inside, a step holding no frame takes the frame nearest
 * its midpoint, non-finite values are skipped, and an even count averages the two middle
 * values (−0 sorting before +0). Both registers share each step's frame range, zeros are
 * counted rather than sorted, and the rest is sorted by insertion in small functions, which
 * costs far less to run and to compile for one track than the general aggregation run twice.
 * Output: steps × 12 per register, step-major, bin 0 = C.
 * Reference: Bello & Pickens (2005), ISMIR (beat-synchronous chroma); Mauch & Dixon (2010),
 *   IEEE TASLP 18(6) (median bass and treble chroma per beat).
 */
import { intervalFrameRanges } from "../../features/aggregate-chroma.js";
import type { BassTrebleChroma } from "./bass-treble-chroma.js";

export interface StepChroma {
  readonly treble: Float32Array;
  readonly bass: Float32Array;
}

/** Runs up to this long are sorted by insertion; longer ones by the native sort (same order). */
const INSERTION_SORT_MAX = 64;

export function stepChroma(chroma: BassTrebleChroma, boundariesSeconds: ArrayLike<number>): StepChroma {
  const steps = Math.max(0, boundariesSeconds.length - 1);
  const ranges = intervalFrameRanges(chroma, boundariesSeconds, "stepChroma");
  const treble = new Float32Array(steps * 12);
  const bass = new Float32Array(steps * 12);
  const { frames } = chroma;
  if (frames === 0 || steps === 0) return { treble, bass };
  const scratch = new Float32Array(frames);
  for (let i = 0; i < steps; i++) {
    const first = ranges[2 * i]!;
    const last = ranges[2 * i + 1]!;
    for (let c = 0; c < 12; c++) {
      treble[i * 12 + c] = columnMedian(chroma.treble, c, first, last, scratch);
      bass[i * 12 + c] = columnMedian(chroma.bass, c, first, last, scratch);
    }
  }
  return { treble, bass };
}

/**
 * Median of bin `c` over frames first…last (finite values only; 0 when none). Zeros are
 * counted apart (−0 sorting before +0), so only the other values are sorted: beat chroma,
 * the bass above all, holds many zeros.
 */
function columnMedian(data: Float32Array, c: number, first: number, last: number, scratch: Float32Array): number {
  let count = 0;
  let negatives = 0;
  let negativeZeros = 0;
  let zeros = 0;
  for (let t = first; t <= last; t++) {
    const value = data[t * 12 + c]!;
    if (value === 0) {
      if (1 / value < 0) negativeZeros++;
      else zeros++;
    } else if (Number.isFinite(value)) {
      scratch[count++] = value;
      if (value < 0) negatives++;
    }
  }
  const total = count + negativeZeros + zeros;
  if (total === 0) return 0;
  if (count > INSERTION_SORT_MAX) scratch.subarray(0, count).sort();
  else insertionSort(scratch, count);
  const middle = total >> 1;
  const upper = sortedAt(scratch, middle, negatives, negativeZeros, zeros);
  return total % 2 === 1 ? upper : (sortedAt(scratch, middle - 1, negatives, negativeZeros, zeros) + upper) / 2;
}

/** Element i of the sorted column: the sorted non-zero values with the zeros after the negatives. */
function sortedAt(nonZero: Float32Array, i: number, negatives: number, negativeZeros: number, zeros: number): number {
  if (i < negatives) return nonZero[i]!;
  if (i < negatives + negativeZeros) return -0;
  if (i < negatives + negativeZeros + zeros) return 0;
  return nonZero[i - negativeZeros - zeros]!;
}

/** values[0, count) (finite, non-zero) sorted ascending in place by insertion. */
function insertionSort(values: Float32Array, count: number): void {
  for (let i = 1; i < count; i++) {
    const value = values[i]!;
    let j = i - 1;
    for (; j >= 0 && values[j]! > value; j--) values[j + 1] = values[j]!;
    values[j + 1] = value;
  }
}
