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
  const { halfWidth, lagSigma } = { ...STRUCTURAL_FEATURES_DEFAULTS, ...options };
  if (!(Number.isInteger(halfWidth) && halfWidth >= 1)) {
    throw new RangeError(`structuralNovelty: halfWidth must be an integer ≥ 1, got ${halfWidth}`);
  }
  if (!(lagSigma >= 0)) throw new RangeError(`structuralNovelty: lagSigma must be ≥ 0, got ${lagSigma}`);
  const out = new Float32Array(units + 1);
  if (units < 2) return out;
  const lag = lagMatrix(recurrence, units, lagSigma);
  const taper = new Float64Array(halfWidth);
  const sigma = halfWidth / 2;
  for (let a = 0; a < halfWidth; a++) taper[a] = Math.exp(-0.5 * ((a + 0.5) / sigma) ** 2);
  const difference = new Float64Array(units);
  for (let n = 1; n < units; n++) {
    const before = Math.min(halfWidth, n);
    const after = Math.min(halfWidth, units - n);
    difference.fill(0);
    let weightBefore = 0;
    let weightAfter = 0;
    for (let a = 0; a < before; a++) weightBefore += taper[a]!;
    for (let a = 0; a < after; a++) weightAfter += taper[a]!;
    for (let a = 0; a < after; a++) {
      const row = (n + a) * units;
      const weight = taper[a]! / weightAfter;
      for (let l = 0; l < units; l++) difference[l]! += weight * lag[row + l]!;
    }
    for (let a = 0; a < before; a++) {
      const row = (n - 1 - a) * units;
      const weight = taper[a]! / weightBefore;
      for (let l = 0; l < units; l++) difference[l]! -= weight * lag[row + l]!;
    }
    let sum = 0;
    for (let l = 0; l < units; l++) sum += difference[l]! * difference[l]!;
    // Fewer units on one side (the track's first and last seconds) give a noisier profile.
    const evidence = Math.sqrt(Math.min(before, after) / halfWidth);
    out[n] = Number.isFinite(sum) ? evidence * sum : 0;
  }
  return out;
}

/** Circular time-lag matrix of R with a Gaussian blur along lag (wrapping around). */
function lagMatrix(recurrence: Float32Array, units: number, lagSigma: number): Float32Array {
  const lag = new Float32Array(units * units);
  for (let i = 0; i < units; i++) {
    for (let l = 0; l < units; l++) lag[i * units + l] = recurrence[i * units + ((i + l) % units)]!;
  }
  if (lagSigma === 0) return lag;
  const radius = Math.ceil(3 * lagSigma);
  const kernel = new Float64Array(2 * radius + 1);
  let total = 0;
  for (let r = -radius; r <= radius; r++) {
    kernel[r + radius] = Math.exp(-0.5 * (r / lagSigma) ** 2);
    total += kernel[r + radius]!;
  }
  const blurred = new Float32Array(units * units);
  for (let i = 0; i < units; i++) {
    const row = i * units;
    for (let l = 0; l < units; l++) {
      if (lag[row + l] === 0) continue;
      for (let r = -radius; r <= radius; r++) {
        const target = (((l + r) % units) + units) % units;
        blurred[row + target]! += lag[row + l]! * (kernel[r + radius]! / total);
      }
    }
  }
  return blurred;
}
