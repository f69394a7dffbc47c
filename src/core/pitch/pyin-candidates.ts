/**
 * pYIN stage 1: f0 candidates with probabilities from one frame's CMNDF d'(τ).
 * YIN with threshold s picks the first trough (local minimum) of d' below s; pYIN
 * draws s from a prior distribution over 100 thresholds s_i = 0.01 … 1.00 and gives
 * each trough the prior mass of the thresholds for which it is the one picked:
 *   P(trough k) = Σ_i P(s_i)·[v_k < s_i ≤ min_{j<k} v_j]       (v = d' at the trough)
 * Thresholds at or below every trough pick none; as in the paper their mass times
 * p_a = 0.01 goes to the global minimum. The prior is a beta distribution
 * (default mean 0.15: α = 2, β = 11⅓), discretised at the 100 thresholds. Each trough
 * is refined by parabolic interpolation of d(τ) (YIN step 5) and reported in Hz.
 * Troughs are searched in [minLag, maxLag] (lags of fmax … fmin); the upper end counts
 * only as an interior minimum, so a falling slope there (pitch below fmin) is no candidate.
 * Reference: Mauch & Dixon (2014), "pYIN: A fundamental frequency estimator using
 *   probabilistic threshold distributions", ICASSP 2014, §2.1 (eq. 2–4);
 *   de Cheveigné & Kawahara (2002), JASA 111(4), §II-E (parabolic interpolation).
 */

/** Number of thresholds of the discretised prior (0.01 steps). */
export const PYIN_THRESHOLD_COUNT = 100;
/** p_a: weight of the global minimum when no trough lies below the threshold. */
export const PYIN_ABSOLUTE_MINIMUM_WEIGHT = 0.01;

/**
 * Cumulative prior mass C[c] = P(s ≤ c/100) for c = 0 … 100 of a beta(α, β) prior
 * evaluated at the thresholds s_i = i/100 (i = 1 … 100) and normalised.
 */
export function betaThresholdCdf(alpha: number, beta: number): Float64Array {
  if (!(alpha > 0 && beta > 0)) throw new RangeError(`betaThresholdCdf: α and β must be > 0, got ${alpha}, ${beta}`);
  const mass = new Float64Array(PYIN_THRESHOLD_COUNT);
  let total = 0;
  for (let i = 0; i < PYIN_THRESHOLD_COUNT; i++) {
    // Mid-bin evaluation keeps the density finite at s = 1 when β < 1.
    const s = (i + 0.5) / PYIN_THRESHOLD_COUNT;
    mass[i] = s ** (alpha - 1) * (1 - s) ** (beta - 1);
    total += mass[i]!;
  }
  const cdf = new Float64Array(PYIN_THRESHOLD_COUNT + 1);
  for (let i = 0; i < PYIN_THRESHOLD_COUNT; i++) cdf[i + 1] = Math.min(1, cdf[i]! + mass[i]! / total);
  cdf[PYIN_THRESHOLD_COUNT] = 1;
  return cdf;
}

/** Prior mass of the thresholds s ≤ value. */
function massAtOrBelow(cdf: Float64Array, value: number): number {
  if (!(value < 1)) return 1;
  const count = Math.floor(value * PYIN_THRESHOLD_COUNT + 1e-9);
  return count <= 0 ? 0 : cdf[count]!;
}

/** Parabolic vertex offset in (−1, 1) of three neighbouring values around a minimum. */
function parabolicOffset(left: number, centre: number, right: number): number {
  const curvature = left - 2 * centre + right;
  if (!(curvature > 0)) return 0;
  const offset = (0.5 * (left - right)) / curvature;
  return Math.max(-1, Math.min(1, offset));
}

/**
 * Writes the candidates of one frame into `frequencies`/`probabilities` (Hz and
 * probability, each of length ≥ PYIN_THRESHOLD_COUNT + 1) and returns their count.
 * `cmndf` and `difference` are d' and d for lags 0 … maxLag.
 */
export function pyinCandidates(
  cmndf: Float32Array,
  difference: Float32Array,
  minLag: number,
  maxLag: number,
  sampleRate: number,
  thresholdCdf: Float64Array,
  frequencies: Float32Array,
  probabilities: Float32Array,
): number {
  let count = 0;
  let previousMinimum = Number.POSITIVE_INFINITY;
  let globalLag = -1;
  let globalValue = Number.POSITIVE_INFINITY;
  /** Index of the global minimum among the candidates written so far (−1: not written). */
  let globalIndex = -1;
  const upper = Math.min(maxLag, cmndf.length - 1);
  for (let lag = minLag; lag < upper; lag++) {
    const value = cmndf[lag]!;
    if (!(value <= cmndf[lag + 1]!) || (lag > minLag && !(value < cmndf[lag - 1]!))) continue;
    if (value < globalValue) {
      globalValue = value;
      globalLag = lag;
      globalIndex = -1;
    }
    if (!(value < previousMinimum)) continue;
    const mass = massAtOrBelow(thresholdCdf, previousMinimum) - massAtOrBelow(thresholdCdf, value);
    previousMinimum = value;
    if (mass <= 0) continue;
    if (lag === globalLag) globalIndex = count;
    frequencies[count] = refinedFrequency(difference, lag, minLag, sampleRate);
    probabilities[count] = mass;
    count++;
  }
  if (globalLag < 0) return 0;
  const unpicked = massAtOrBelow(thresholdCdf, globalValue) * PYIN_ABSOLUTE_MINIMUM_WEIGHT;
  if (unpicked > 0) {
    if (globalIndex < 0) {
      globalIndex = count++;
      frequencies[globalIndex] = refinedFrequency(difference, globalLag, minLag, sampleRate);
      probabilities[globalIndex] = 0;
    }
    probabilities[globalIndex] = probabilities[globalIndex]! + unpicked;
  }
  return count;
}

function refinedFrequency(difference: Float32Array, lag: number, minLag: number, sampleRate: number): number {
  const offset = lag > minLag ? parabolicOffset(difference[lag - 1]!, difference[lag]!, difference[lag + 1]!) : 0;
  return sampleRate / (lag + offset);
}
