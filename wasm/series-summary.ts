// AssemblyScript source of the summary of one feature series (src/core/features/summarize-series.ts,
// `summarizeSeries`, for Float32 values): the finite values gathered in order with their sum,
// minimum and maximum, the sum of squared deviations from the mean, and the median by the same
// quickselect (same pivots, same swaps), so every figure is bit-identical.

/** Moves the k-th smallest of buffer[0..length) (f64) to position k; returns it (as `select`). */
function select(buffer: usize, length: i32, k: i32): f64 {
  let left: i32 = 0;
  let right: i32 = length - 1;
  while (right > left) {
    const middle = (left + right) >> 1;
    if (at(buffer, middle) < at(buffer, left)) swap(buffer, middle, left);
    if (at(buffer, right) < at(buffer, left)) swap(buffer, right, left);
    if (at(buffer, right) < at(buffer, middle)) swap(buffer, right, middle);
    const pivot = at(buffer, middle);
    let i = left;
    let j = right;
    while (i <= j) {
      while (at(buffer, i) < pivot) i++;
      while (at(buffer, j) > pivot) j--;
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
  return at(buffer, k);
}

function at(buffer: usize, index: i32): f64 {
  return load<f64>(buffer + ((<usize>index) << 3));
}

function swap(buffer: usize, a: i32, b: i32): void {
  const value = at(buffer, a);
  store<f64>(buffer + ((<usize>a) << 3), at(buffer, b));
  store<f64>(buffer + ((<usize>b) << 3), value);
}

/**
 * Summary of values[offset + i·stride] (f32), i < count, into out (f64): [finite count, mean
 * (sum / count, not yet clamped), Σ (x − mean)², min, max, median]; only out[0] = 0 when no
 * value is finite. `buffer` (f64, ≥ count values) is scratch.
 */
export function seriesSummary(values: usize, offset: i32, stride: i32, count: i32, buffer: usize, out: usize): void {
  let finite: i32 = 0;
  let sum: f64 = 0;
  let min: f64 = Infinity;
  let max: f64 = -Infinity;
  let from = values + ((<usize>offset) << 2);
  const step = (<usize>stride) << 2;
  for (let i: i32 = 0; i < count; i++, from += step) {
    const value = <f64>load<f32>(from);
    if (!(value - value === 0)) continue;
    store<f64>(buffer + ((<usize>finite) << 3), value);
    finite++;
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  store<f64>(out, <f64>finite);
  if (finite === 0) return;
  const mean = sum / <f64>finite;
  let squares: f64 = 0;
  for (let i: i32 = 0; i < finite; i++) {
    const deviation = at(buffer, i) - mean;
    squares += deviation * deviation;
  }
  const middle = finite >> 1;
  const upper = select(buffer, finite, middle);
  let median = upper;
  if (finite % 2 === 0) {
    let lower: f64 = -Infinity;
    for (let i: i32 = 0; i < middle; i++) if (at(buffer, i) > lower) lower = at(buffer, i);
    median = (lower + upper) / 2;
  }
  store<f64>(out, mean, 8);
  store<f64>(out, squares, 16);
  store<f64>(out, min, 24);
  store<f64>(out, max, 32);
  store<f64>(out, median, 40);
}
