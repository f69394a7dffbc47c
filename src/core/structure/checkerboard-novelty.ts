/**
 * Foote's checkerboard novelty: a Gaussian-tapered checkerboard kernel slid along the
 * diagonal of a self-similarity matrix S. At unit n (the boundary before unit n):
 *   within(n) = weighted mean of S over the two blocks [n − w, n)² and [n, n + w)²
 *   across(n) = weighted mean of S over [n − w, n) × [n, n + w)
 *   novelty(n) = max(0, within(n) − across(n))
 * with weights g(i)·g(j), g a Gaussian of standard deviation w/2 around the centre. Cells
 * outside the matrix are left out of both means (not zero-padded), so a short first or last
 * section still gets a fair score; n = 0 and n = units have no past or future: novelty 0.
 * Output: units + 1 values ≥ 0 (one per grid time), in S's units (cosine difference).
 * Reference: Foote (2000), "Automatic audio segmentation using a measure of audio
 *   novelty", IEEE ICME.
 */

export interface CheckerboardNoveltyOptions {
  /** Half width of the kernel in units (beats); integer ≥ 1. */
  readonly halfWidth: number;
}

export const CHECKERBOARD_NOVELTY_DEFAULTS: CheckerboardNoveltyOptions = { halfWidth: 16 };

export function checkerboardNovelty(
  similarity: Float32Array,
  units: number,
  options: Partial<CheckerboardNoveltyOptions> = {},
): Float32Array {
  const { halfWidth } = { ...CHECKERBOARD_NOVELTY_DEFAULTS, ...options };
  if (!(Number.isInteger(halfWidth) && halfWidth >= 1)) {
    throw new RangeError(`checkerboardNovelty: halfWidth must be an integer ≥ 1, got ${halfWidth}`);
  }
  // taper[o] for offset o = 0 … halfWidth − 1 from the boundary (both sides alike);
  // weights[a·halfWidth + b] = taper[a]·taper[b], the kernel's cell weights.
  const taper = new Float64Array(halfWidth);
  const sigma = halfWidth / 2;
  for (let o = 0; o < halfWidth; o++) taper[o] = Math.exp(-0.5 * ((o + 0.5) / sigma) ** 2);
  const weights = new Float64Array(halfWidth * halfWidth);
  for (let a = 0; a < halfWidth; a++)
    for (let b = 0; b < halfWidth; b++) weights[a * halfWidth + b] = taper[a]! * taper[b]!;
  const out = new Float32Array(units + 1);
  // The weight totals depend only on the block sizes: the same for every n away from the ends.
  let totalsFor = -1;
  let withinWeight = 0;
  let acrossWeight = 0;
  const sums = new Float64Array(2);
  for (let n = 1; n < units; n++) {
    const before = Math.min(halfWidth, n);
    const after = Math.min(halfWidth, units - n);
    if (totalsFor !== before * (halfWidth + 1) + after) {
      totalsFor = before * (halfWidth + 1) + after;
      withinWeight = blockWeight(weights, halfWidth, after, after, blockWeight(weights, halfWidth, before, before));
      acrossWeight = blockWeight(weights, halfWidth, before, after);
    }
    blockSums(similarity, units, weights, halfWidth, n, before, after, sums);
    const novelty = sums[0]! / withinWeight - sums[1]! / acrossWeight;
    out[n] = novelty > 0 && Number.isFinite(novelty) ? novelty : 0;
  }
  return out;
}

/**
 * The weighted sums of S over the two blocks (into sums[0]) and over the cross block
 * (sums[1]) at boundary n: a small function called per n, so the JIT compiles it once.
 */
function blockSums(
  similarity: Float32Array,
  units: number,
  weights: Float64Array,
  halfWidth: number,
  n: number,
  before: number,
  after: number,
  sums: Float64Array,
): void {
  let withinSum = 0;
  let acrossSum = 0;
  // Past block and cross block, rows i = n − 1 − a.
  for (let a = 0; a < before; a++) {
    const row = (n - 1 - a) * units;
    const weightRow = a * halfWidth;
    for (let b = 0; b < before; b++) withinSum += weights[weightRow + b]! * similarity[row + n - 1 - b]!;
    for (let b = 0; b < after; b++) acrossSum += weights[weightRow + b]! * similarity[row + n + b]!;
  }
  // Future block, rows i = n + a.
  for (let a = 0; a < after; a++) {
    const row = (n + a) * units;
    const weightRow = a * halfWidth;
    for (let b = 0; b < after; b++) withinSum += weights[weightRow + b]! * similarity[row + n + b]!;
  }
  sums[0] = withinSum;
  sums[1] = acrossSum;
}

/**
 * `start` plus the kernel weights over a rows × columns block, row by row: the order in
 * which the novelty's sums meet them.
 */
function blockWeight(weights: Float64Array, halfWidth: number, rows: number, columns: number, start = 0): number {
  let total = start;
  for (let a = 0; a < rows; a++) for (let b = 0; b < columns; b++) total += weights[a * halfWidth + b]!;
  return total;
}
