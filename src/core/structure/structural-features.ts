/**
 * Structure-feature novelty: where the pattern of repetitions changes. From a recurrence
 * plot R (n × n, 0/1), the circular time-lag matrix L[i, l] = R[i, (i + l) mod n] describes
 * unit i by which lags it recurs at ("this bar comes back 32 beats later"); blurred along
 * the lag axis (σ = `lagSigma` units) to tolerate slightly uneven repeats. The novelty at
 * the boundary before unit n is the squared Euclidean distance between the Gaussian-
 * weighted mean lag profiles of the `halfWidth` units after and before it:
 *   c(n) = Σ_l ( Σ_a g(a)·L[n + a, l] / Σ g  −  Σ_a g(a)·L[n − 1 − a, l] / Σ g )²
 * Unlike homogeneity novelty (checkerboard-novelty.ts) this fires between two consecutive
 * statements of the same material (verse 1 → verse 2): their rows recur at different lags.
 * Output: units + 1 values ≥ 0, one per grid time (0 at both ends).
 * Reference: Serrà, Müller, Grosche & Arcos (2014), "Unsupervised music structure
 *   annotation by time series structure features and segment similarity", IEEE Trans.
 *   Multimedia 16(5), sections II-B to II-D.
 */
import type { SparseRows } from "./self-similarity.js";

export interface StructuralFeaturesOptions {
  /** Half width of the time window on either side of a boundary, units; integer ≥ 1. */
  readonly halfWidth: number;
  /** Gaussian blur along the lag axis, units; ≥ 0 (0 disables). */
  readonly lagSigma: number;
}

export const STRUCTURAL_FEATURES_DEFAULTS: StructuralFeaturesOptions = { halfWidth: 8, lagSigma: 1 };

export function structuralNovelty(
  recurrence: Float32Array,
  units: number,
  options: Partial<StructuralFeaturesOptions> = {},
): Float32Array {
  return structuralNoveltyOfRows(sparseRowsOf(recurrence, units), units, options);
}

/**
 * `structuralNovelty` of a recurrence plot given as sparse rows (self-similarity.ts
 * `recurrenceRows`): the lag profiles are sums over the few recurring cells only. Every
 * sum adds the same nonzero terms in the same order as over the dense matrix (the zeros
 * add nothing), so the values are the same.
 */
export function structuralNoveltyOfRows(
  recurrence: SparseRows,
  units: number,
  options: Partial<StructuralFeaturesOptions> = {},
): Float32Array {
  const { halfWidth, lagSigma } = { ...STRUCTURAL_FEATURES_DEFAULTS, ...options };
  if (!(Number.isInteger(halfWidth) && halfWidth >= 1)) {
    throw new RangeError(`structuralNovelty: halfWidth must be an integer ≥ 1, got ${halfWidth}`);
  }
  if (!(lagSigma >= 0)) throw new RangeError(`structuralNovelty: lagSigma must be ≥ 0, got ${lagSigma}`);
  const out = new Float32Array(units + 1);
  if (units < 2) return out;
  const lag = lagRows(recurrence, units, lagSigma);
  const taper = new Float64Array(halfWidth);
  const sigma = halfWidth / 2;
  for (let a = 0; a < halfWidth; a++) taper[a] = Math.exp(-0.5 * ((a + 0.5) / sigma) ** 2);
  const difference = new Float64Array(units);
  for (let n = 1; n < units; n++) {
    const before = Math.min(halfWidth, n);
    const after = Math.min(halfWidth, units - n);
    const sum = profileDistance(lag, taper, n, before, after, difference);
    // Fewer units on one side (the track's first and last seconds) give a noisier profile.
    const evidence = Math.sqrt(Math.min(before, after) / halfWidth);
    out[n] = Number.isFinite(sum) ? evidence * sum : 0;
  }
  return out;
}

/**
 * Squared distance between the tapered mean lag profiles of the `after` rows from n on and
 * the `before` rows before n (the sum c(n) in the header); `difference` is scratch.
 */
function profileDistance(
  lag: SparseRows,
  taper: Float64Array,
  n: number,
  before: number,
  after: number,
  difference: Float64Array,
): number {
  difference.fill(0);
  let weightBefore = 0;
  let weightAfter = 0;
  for (let a = 0; a < before; a++) weightBefore += taper[a]!;
  for (let a = 0; a < after; a++) weightAfter += taper[a]!;
  for (let a = 0; a < after; a++) addRow(difference, lag, n + a, taper[a]! / weightAfter);
  for (let a = 0; a < before; a++) addRow(difference, lag, n - 1 - a, -(taper[a]! / weightBefore));
  let sum = 0;
  for (let l = 0; l < difference.length; l++) sum += difference[l]! * difference[l]!;
  return sum;
}

/** difference += weight · row i of `rows` (x − w·v is x + (−w)·v exactly). */
function addRow(difference: Float64Array, rows: SparseRows, i: number, weight: number): void {
  const { starts, columns, values } = rows;
  for (let p = starts[i]!; p < starts[i + 1]!; p++) difference[columns[p]!]! += weight * values[p]!;
}

/** The nonzero cells of a dense n × n matrix (NaN counts as nonzero). */
function sparseRowsOf(matrix: Float32Array, units: number): SparseRows {
  const starts = new Int32Array(units + 1);
  const columns: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < units; i++) {
    for (let j = 0; j < units; j++) {
      const value = matrix[i * units + j]!;
      if (value === 0) continue;
      columns.push(j);
      values.push(value);
    }
    starts[i + 1] = columns.length;
  }
  return { starts, columns: Int32Array.from(columns), values: Float32Array.from(values) };
}

/**
 * Circular time-lag matrix L[i, l] = R[i, (i + l) mod n] with a Gaussian blur along lag
 * (wrapping around), as sparse rows; each blurred cell is the Float32 running sum of its
 * contributions in ascending source lag, as over the dense matrix.
 */
function lagRows(recurrence: SparseRows, units: number, lagSigma: number): SparseRows {
  const radius = lagSigma === 0 ? 0 : Math.ceil(3 * lagSigma);
  const kernel = new Float64Array(2 * radius + 1);
  if (lagSigma === 0) kernel[0] = 1;
  else {
    let total = 0;
    for (let r = -radius; r <= radius; r++) {
      kernel[r + radius] = Math.exp(-0.5 * (r / lagSigma) ** 2);
      total += kernel[r + radius]!;
    }
    for (let r = 0; r < kernel.length; r++) kernel[r] = kernel[r]! / total;
  }
  const blurred = new Float32Array(units);
  const outStarts = new Int32Array(units + 1);
  const outColumns = new Int32Array(Math.min(units * units, recurrence.columns.length * kernel.length));
  const outValues = new Float32Array(outColumns.length);
  let count = 0;
  for (let i = 0; i < units; i++) {
    blurRow(recurrence, i, units, kernel, radius, blurred);
    count = takeNonzero(blurred, outColumns, outValues, count);
    outStarts[i + 1] = count;
  }
  return { starts: outStarts, columns: outColumns.subarray(0, count), values: outValues.subarray(0, count) };
}

/** Row i of the lag matrix, blurred, into `blurred` (zeros on entry). */
function blurRow(
  recurrence: SparseRows,
  i: number,
  units: number,
  kernel: Float64Array,
  radius: number,
  blurred: Float32Array,
): void {
  const { starts, columns, values } = recurrence;
  // Source lags ascending: columns j ≥ i (lag j − i), then j < i (lag j − i + n).
  let first = starts[i]!;
  while (first < starts[i + 1]! && columns[first]! < i) first++;
  for (let p = first; p < starts[i + 1]!; p++) blur(blurred, columns[p]! - i, values[p]!, kernel, radius, units);
  for (let p = starts[i]!; p < first; p++) blur(blurred, columns[p]! - i + units, values[p]!, kernel, radius, units);
}

/** Appends the nonzero cells of `row` (ascending) at `count`, zeroes them; returns the new count. */
function takeNonzero(row: Float32Array, columns: Int32Array, values: Float32Array, count: number): number {
  let at = count;
  for (let l = 0; l < row.length; l++) {
    if (row[l] === 0) continue;
    columns[at] = l;
    values[at++] = row[l]!;
    row[l] = 0;
  }
  return at;
}

/** Spreads the lag cell (lag, value) over its neighbours (without blur: radius 0, kernel [1]). */
function blur(
  blurred: Float32Array,
  lag: number,
  value: number,
  kernel: Float64Array,
  radius: number,
  units: number,
): void {
  if (value === 0) return;
  if (radius === 0) {
    blurred[lag] = value;
    return;
  }
  for (let r = -radius; r <= radius; r++) {
    const target = (((lag + r) % units) + units) % units;
    blurred[target]! += value * kernel[r + radius]!;
  }
}
