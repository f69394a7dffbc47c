/**
 * Summary statistics of the per-window series behind the feature vector (momentary and
 * short-term loudness every 100 ms, phase correlation per block): quantiles, spread, step size,
 * fractions above or below a level, energy means and where the maximum lies. Every function
 * skips non-finite values and returns null for an empty selection, never NaN.
 * Quantiles interpolate linearly between order statistics (Hyndman & Fan 1996, definition 7,
 * the default of R and NumPy).
 * Reference: Hyndman & Fan (1996), "Sample quantiles in statistical packages", The American
 *   Statistician 50(4).
 */

/** The finite values ≥ `gate`, sorted ascending. */
export function sortedAtLeast(values: ArrayLike<number>, gate: number): Float64Array {
  let count = 0;
  for (let index = 0; index < values.length; index++) {
    if (values[index]! >= gate && isFiniteValue(values[index]!)) count++;
  }
  const selected = new Float64Array(count);
  let next = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (value >= gate && isFiniteValue(value)) selected[next++] = value;
  }
  return selected.sort();
}

/** The q-quantile (q in [0, 1]) of ascending `sorted` values; null when there are none. */
export function quantileOfSorted(sorted: Float64Array, fraction: number): number | null {
  if (sorted.length === 0) return null;
  const position = fraction * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}

/** Population standard deviation of the finite values; null when there are none. */
export function standardDeviation(values: ArrayLike<number>): number | null {
  let count = 0;
  let sum = 0;
  for (let index = 0; index < values.length; index++) {
    if (!isFiniteValue(values[index]!)) continue;
    sum += values[index]!;
    count++;
  }
  if (count === 0) return null;
  const mean = sum / count;
  let squares = 0;
  for (let index = 0; index < values.length; index++) {
    if (isFiniteValue(values[index]!)) squares += (values[index]! - mean) ** 2;
  }
  return Math.sqrt(squares / count);
}

/** Mean |v_t − v_(t−1)| over neighbouring pairs that are both ≥ `gate`; null without such a pair. */
export function meanAbsoluteStep(values: ArrayLike<number>, gate: number): number | null {
  let count = 0;
  let sum = 0;
  for (let index = 1; index < values.length; index++) {
    const previous = values[index - 1]!;
    const current = values[index]!;
    if (previous >= gate && current >= gate && isFiniteValue(previous) && isFiniteValue(current)) {
      sum += Math.abs(current - previous);
      count++;
    }
  }
  return count === 0 ? null : sum / count;
}

/** Fraction of the finite values below `threshold`; null when there are none. */
export function fractionBelow(values: ArrayLike<number>, threshold: number): number | null {
  let count = 0;
  let below = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (!isFiniteValue(value)) continue;
    count++;
    if (value < threshold) below++;
  }
  return count === 0 ? null : below / count;
}

/** 10·log10 of the mean of 10^(v/10) over indices [start, end) (an energy mean of dB values). */
export function energyMeanDb(values: ArrayLike<number>, start: number, end: number): number | null {
  let count = 0;
  let sum = 0;
  for (let index = Math.max(0, start); index < Math.min(end, values.length); index++) {
    const value = values[index]!;
    if (!isFiniteValue(value)) continue;
    sum += 10 ** (value / 10);
    count++;
  }
  return count === 0 || !(sum > 0) ? null : 10 * Math.log10(sum / count);
}

/** Where the first maximum lies, as (index + ½) / length in (0, 1); null without finite values. */
export function positionOfMaximum(values: ArrayLike<number>): number | null {
  let best = -1;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (isFiniteValue(value) && (best < 0 || value > values[best]!)) best = index;
  }
  return best < 0 ? null : (best + 0.5) / values.length;
}

function isFiniteValue(value: number): boolean {
  return Number.isFinite(value);
}
