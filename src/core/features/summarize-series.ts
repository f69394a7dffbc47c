/**
 * Summary statistics of a feature series: mean, population standard deviation (numpy's
 * std, ddof 0), minimum, maximum and median (numpy's: the mean of the two middle values
 * for an even count), over the finite values only (NaN and ±∞ are skipped and counted).
 * A matrix column is read with a stride (frame-major matrices: column c of a frames × width
 * matrix is offset c, stride width). The median uses an in-place quickselect (Hoare/Floyd)
 * on a caller-reusable Float64Array scratch, so summarising many columns allocates once.
 * Reference: Hoare (1961), "Algorithm 65: Find", CACM 4(7); numpy mean/std/median.
 */

export interface SeriesSummary {
  readonly mean: number;
  /** Population standard deviation (divides by the count). */
  readonly std: number;
  readonly min: number;
  readonly max: number;
  readonly median: number;
}

export interface SeriesColumn {
  /** Index of the first value; integer ≥ 0. */
  readonly offset: number;
  /** Distance between consecutive values; integer ≥ 1. */
  readonly stride: number;
  /** Number of values (frames). */
  readonly count: number;
}

/**
 * `summarizeSeries` over Float32 values as an accelerator computes it (WebAssembly, src/accel):
 * the caller writes the values into `values`; `summarize` reads values[offset + i·stride],
 * i < count, and returns [finite count, sum / finite count, Σ (x − mean)², min, max, median],
 * each the very number `summarizeSeries` computes (same operations, same order, same quickselect).
 */
export interface SeriesSummaryKernel {
  /** Room for the values (capacity of them). */
  readonly values: Float32Array;
  summarize(offset: number, stride: number, count: number): Float64Array;
}

/** Makes a kernel with room for `capacity` values. */
export type SeriesSummaryKernelFactory = (capacity: number) => SeriesSummaryKernel;

/** `summarizeSeries(kernel.values, column)` by the kernel: the same summary, bit for bit. */
export function summarizeSeriesWith(kernel: SeriesSummaryKernel, column: SeriesColumn): SeriesSummary | null {
  const { offset, stride, count } = column;
  if (!(Number.isInteger(stride) && stride >= 1)) {
    throw new RangeError(`summarizeSeriesWith: stride must be an integer ≥ 1, got ${stride}`);
  }
  if (count > 0 && (offset < 0 || offset + (count - 1) * stride >= kernel.values.length)) {
    throw new RangeError(
      `summarizeSeriesWith: ${count} values from ${offset} by ${stride} exceed length ${kernel.values.length}`,
    );
  }
  const out = kernel.summarize(offset, stride, count);
  const finite = out[0]!;
  if (finite === 0) return null;
  const min = out[3]!;
  const max = out[4]!;
  return { mean: clamp(out[1]!, min, max), std: Math.sqrt(out[2]! / finite), min, max, median: out[5]! };
}

/**
 * Summary of `count` values of `values` starting at `offset`, `stride` apart; null when
 * none is finite. `scratch` (length ≥ count) is reused for the median when given.
 */
export function summarizeSeries(
  values: Float32Array | Float64Array,
  column: Partial<SeriesColumn> = {},
  scratch?: Float64Array,
): SeriesSummary | null {
  const offset = column.offset ?? 0;
  const stride = column.stride ?? 1;
  const count = column.count ?? Math.max(0, Math.ceil((values.length - offset) / stride));
  if (!(Number.isInteger(stride) && stride >= 1)) {
    throw new RangeError(`summarizeSeries: stride must be an integer ≥ 1, got ${stride}`);
  }
  if (count > 0 && offset + (count - 1) * stride >= values.length) {
    throw new RangeError(`summarizeSeries: ${count} values from ${offset} by ${stride} exceed length ${values.length}`);
  }
  const buffer = scratch !== undefined && scratch.length >= count ? scratch : new Float64Array(count);
  let finite = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const value = values[offset + i * stride]!;
    if (!Number.isFinite(value)) continue;
    buffer[finite++] = value;
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (finite === 0) return null;
  const mean = sum / finite;
  let squares = 0;
  for (let i = 0; i < finite; i++) {
    const deviation = buffer[i]! - mean;
    squares += deviation * deviation;
  }
  const middle = finite >> 1;
  const upper = select(buffer, finite, middle);
  let median = upper;
  if (finite % 2 === 0) {
    // After selecting position `middle`, everything before it is ≤ it: the lower middle is their maximum.
    let lower = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < middle; i++) if (buffer[i]! > lower) lower = buffer[i]!;
    median = (lower + upper) / 2;
  }
  return { mean: clamp(mean, min, max), std: Math.sqrt(squares / finite), min, max, median };
}

/** Rounding can put a mean of equal values a hair outside [min, max]. */
function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}

/** Moves the k-th smallest of buffer[0..length) to position k (smaller before, larger after); returns it. */
function select(buffer: Float64Array, length: number, k: number): number {
  let left = 0;
  let right = length - 1;
  while (right > left) {
    // Median of three as the pivot keeps sorted and reversed series linear.
    const middle = (left + right) >> 1;
    if (buffer[middle]! < buffer[left]!) swap(buffer, middle, left);
    if (buffer[right]! < buffer[left]!) swap(buffer, right, left);
    if (buffer[right]! < buffer[middle]!) swap(buffer, right, middle);
    const pivot = buffer[middle]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (buffer[i]! < pivot) i++;
      while (buffer[j]! > pivot) j--;
      if (i <= j) {
        swap(buffer, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return buffer[k]!;
}

function swap(buffer: Float64Array, a: number, b: number): void {
  const value = buffer[a]!;
  buffer[a] = buffer[b]!;
  buffer[b] = value;
}
