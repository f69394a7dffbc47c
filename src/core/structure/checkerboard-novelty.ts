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
  // taper[o] for offset o = 0 … halfWidth − 1 from the boundary (both sides alike).
  const taper = new Float64Array(halfWidth);
  const sigma = halfWidth / 2;
  for (let o = 0; o < halfWidth; o++) taper[o] = Math.exp(-0.5 * ((o + 0.5) / sigma) ** 2);
  const out = new Float32Array(units + 1);
  for (let n = 1; n < units; n++) {
    const before = Math.min(halfWidth, n);
    const after = Math.min(halfWidth, units - n);
    let withinSum = 0;
    let withinWeight = 0;
    let acrossSum = 0;
    let acrossWeight = 0;
    // Past block and cross block, rows i = n − 1 − a.
    for (let a = 0; a < before; a++) {
      const row = (n - 1 - a) * units;
      const weightA = taper[a]!;
      for (let b = 0; b < before; b++) {
        const weight = weightA * taper[b]!;
        withinSum += weight * similarity[row + n - 1 - b]!;
        withinWeight += weight;
      }
      for (let b = 0; b < after; b++) {
        const weight = weightA * taper[b]!;
        acrossSum += weight * similarity[row + n + b]!;
        acrossWeight += weight;
      }
    }
    // Future block, rows i = n + a.
    for (let a = 0; a < after; a++) {
      const row = (n + a) * units;
      const weightA = taper[a]!;
      for (let b = 0; b < after; b++) {
        const weight = weightA * taper[b]!;
        withinSum += weight * similarity[row + n + b]!;
        withinWeight += weight;
      }
    }
    const novelty = withinSum / withinWeight - acrossSum / acrossWeight;
    out[n] = novelty > 0 && Number.isFinite(novelty) ? novelty : 0;
  }
  return out;
}
