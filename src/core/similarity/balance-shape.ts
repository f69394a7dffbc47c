/**
 * Shape statistics of a third-octave balance curve (31 levels L_i in dB relative to their total,
 * 20 Hz–20 kHz): where the energy sits and how the curve slopes, as single numbers.
 * With e_i = 10^(L_i/10) normalised to sum 1 and x_i = log2(f_i / 1 kHz) (octaves):
 * - centroid: log2(Σ f_i·e_i / 1 kHz), the energy-weighted mean frequency (Peeters 2004), in
 *   octaves; spread and skewness: standard deviation and standardised third moment of x
 *   under the weights e;
 * - quantiles (rolloff 85 % and 95 %, low extension 5 %): the x below which that fraction of the
 *   energy lies, each band's energy spread evenly over its width (1/10 decade ≈ 0.332 octave);
 * - high extension: the highest frequency within 40 dB of the loudest band (interpolated on the
 *   dB curve), which finds low-pass limits of lossy encodes and old recordings;
 * - flatness: geometric over arithmetic mean of e, in dB (0 for pink noise);
 * - tilt and curvature: the linear and quadratic coefficients of a least-squares fit of L on x
 *   over 50 Hz–10 kHz (dB/octave, dB/octave²; orthogonal polynomials on the equally spaced x);
 *   low slope (20–200 Hz) and high slope (2–20 kHz) likewise;
 * - peak band: the x of the loudest band, refined by a parabola through its neighbours;
 * - bass-to-treble: energy at ≤ 200 Hz over energy at ≥ 4 kHz, dB;
 * - roughness: mean |L_(i−1) − 2·L_i + L_(i+1)| over 50 Hz–10 kHz, dB (peaks and notches).
 * Reference: Peeters (2004), "A large set of audio features for sound description", IRCAM
 *   (centroid, spread, skewness, rolloff, flatness, slope).
 */
import { THIRD_OCTAVE_BAND_COUNT, THIRD_OCTAVE_CENTRES_HZ } from "./third-octave-bands.js";

export interface BalanceShape {
  readonly centroidOctaves: number;
  readonly spreadOctaves: number;
  readonly skewness: number;
  readonly rolloff85Octaves: number;
  readonly rolloff95Octaves: number;
  readonly lowExtensionOctaves: number;
  readonly highExtensionOctaves: number;
  readonly flatnessDb: number;
  readonly tiltDbPerOctave: number;
  readonly lowSlopeDbPerOctave: number;
  readonly highSlopeDbPerOctave: number;
  readonly curvatureDbPerOctave2: number;
  readonly peakBandOctaves: number;
  readonly bassToTrebleDb: number;
  readonly roughnessDb: number;
}

/** Band indices: 50 Hz … 10 kHz (fits, roughness), 20–200 Hz, 2–20 kHz, ≤ 200 Hz, ≥ 4 kHz. */
const FIT_FIRST = 4;
const FIT_LAST = 27;
const LOW_LAST = 10;
const HIGH_FIRST = 20;
const BASS_LAST = 10;
const TREBLE_FIRST = 23;
const HIGH_EXTENSION_RANGE_DB = 40;
const OCTAVES = THIRD_OCTAVE_CENTRES_HZ.map((centreHz) => Math.log2(centreHz / 1000));
/** Width of a base-ten third-octave band in octaves: log2(10^(1/10)) ≈ 0.332. */
const BAND_OCTAVES = Math.log2(10) / 10;

/** The statistics of a 31-level curve (finite values; throws on a wrong length). */
export function balanceShape(levelsDb: ArrayLike<number>): BalanceShape {
  if (levelsDb.length !== THIRD_OCTAVE_BAND_COUNT) {
    throw new RangeError(`balanceShape: levelsDb must hold ${THIRD_OCTAVE_BAND_COUNT} levels, got ${levelsDb.length}`);
  }
  const weights = new Float64Array(THIRD_OCTAVE_BAND_COUNT);
  let total = 0;
  for (let band = 0; band < THIRD_OCTAVE_BAND_COUNT; band++) {
    weights[band] = 10 ** (levelsDb[band]! / 10);
    total += weights[band]!;
  }
  let linearCentroid = 0;
  let mean = 0;
  let logMean = 0;
  let peak = 0;
  for (let band = 0; band < THIRD_OCTAVE_BAND_COUNT; band++) {
    weights[band] = weights[band]! / total;
    linearCentroid += weights[band]! * THIRD_OCTAVE_CENTRES_HZ[band]!;
    mean += weights[band]! * OCTAVES[band]!;
    logMean += levelsDb[band]!;
    if (levelsDb[band]! > levelsDb[peak]!) peak = band;
  }
  let variance = 0;
  let third = 0;
  for (let band = 0; band < THIRD_OCTAVE_BAND_COUNT; band++) {
    const deviation = OCTAVES[band]! - mean;
    variance += weights[band]! * deviation * deviation;
    third += weights[band]! * deviation * deviation * deviation;
  }
  const spread = Math.sqrt(variance);
  return {
    centroidOctaves: Math.log2(linearCentroid / 1000),
    spreadOctaves: spread,
    skewness: spread > 1e-9 ? third / (spread * spread * spread) : 0,
    rolloff85Octaves: energyQuantile(weights, 0.85),
    rolloff95Octaves: energyQuantile(weights, 0.95),
    lowExtensionOctaves: energyQuantile(weights, 0.05),
    highExtensionOctaves: highExtension(levelsDb, levelsDb[peak]! - HIGH_EXTENSION_RANGE_DB),
    // Geometric mean in dB is the mean level; the arithmetic mean of the normalised weights is 1/31.
    flatnessDb:
      logMean / THIRD_OCTAVE_BAND_COUNT - 10 * Math.log10(1 / THIRD_OCTAVE_BAND_COUNT) - 10 * Math.log10(total),
    tiltDbPerOctave: polynomialCoefficient(levelsDb, FIT_FIRST, FIT_LAST, 1),
    lowSlopeDbPerOctave: polynomialCoefficient(levelsDb, 0, LOW_LAST, 1),
    highSlopeDbPerOctave: polynomialCoefficient(levelsDb, HIGH_FIRST, THIRD_OCTAVE_BAND_COUNT - 1, 1),
    curvatureDbPerOctave2: polynomialCoefficient(levelsDb, FIT_FIRST, FIT_LAST, 2),
    peakBandOctaves: OCTAVES[peak]! + parabolicOffset(levelsDb, peak) * BAND_OCTAVES,
    bassToTrebleDb:
      10 * Math.log10(sumOf(weights, 0, BASS_LAST) / sumOf(weights, TREBLE_FIRST, THIRD_OCTAVE_BAND_COUNT - 1)),
    roughnessDb: roughness(levelsDb),
  };
}

/** The x (octaves re 1 kHz) below which `fraction` of the normalised weights lies. */
function energyQuantile(weights: Float64Array, fraction: number): number {
  let cumulative = 0;
  for (let band = 0; band < THIRD_OCTAVE_BAND_COUNT; band++) {
    const weight = weights[band]!;
    if (cumulative + weight >= fraction && weight > 0) {
      return OCTAVES[band]! + ((fraction - cumulative) / weight - 0.5) * BAND_OCTAVES;
    }
    cumulative += weight;
  }
  return OCTAVES[THIRD_OCTAVE_BAND_COUNT - 1]! + BAND_OCTAVES / 2;
}

/** The highest x where the curve is at or above `thresholdDb`, interpolated towards the next band. */
function highExtension(levelsDb: ArrayLike<number>, thresholdDb: number): number {
  let band = THIRD_OCTAVE_BAND_COUNT - 1;
  while (band > 0 && levelsDb[band]! < thresholdDb) band--;
  if (band === THIRD_OCTAVE_BAND_COUNT - 1) return OCTAVES[band]!;
  const above = levelsDb[band]!;
  const below = levelsDb[band + 1]!;
  return OCTAVES[band]! + ((above - thresholdDb) / (above - below)) * (OCTAVES[band + 1]! - OCTAVES[band]!);
}

/**
 * Coefficient of degree 1 (slope) or 2 (curvature) of the least-squares polynomial of L on x over
 * bands first…last, from orthogonal polynomials p1 = x − x̄, p2 = p1² − mean(p1²) (the x are
 * equally spaced, so Σp1³ = 0 and p2 ⟂ p1): the coefficient is ΣL·p / Σp².
 */
function polynomialCoefficient(levelsDb: ArrayLike<number>, first: number, last: number, degree: 1 | 2): number {
  const count = last - first + 1;
  let centre = 0;
  for (let band = first; band <= last; band++) centre += OCTAVES[band]!;
  centre /= count;
  let meanSquare = 0;
  for (let band = first; band <= last; band++) meanSquare += (OCTAVES[band]! - centre) ** 2;
  meanSquare /= count;
  let numerator = 0;
  let denominator = 0;
  for (let band = first; band <= last; band++) {
    const linear = OCTAVES[band]! - centre;
    const basis = degree === 1 ? linear : linear * linear - meanSquare;
    numerator += levelsDb[band]! * basis;
    denominator += basis * basis;
  }
  return numerator / denominator;
}

/** Offset (in bands, |δ| ≤ ½) of the vertex of the parabola through the peak and its neighbours. */
function parabolicOffset(levelsDb: ArrayLike<number>, peak: number): number {
  if (peak === 0 || peak === THIRD_OCTAVE_BAND_COUNT - 1) return 0;
  const left = levelsDb[peak - 1]!;
  const centre = levelsDb[peak]!;
  const right = levelsDb[peak + 1]!;
  const curvature = left - 2 * centre + right;
  if (!(curvature < 0)) return 0;
  return Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / curvature));
}

function sumOf(values: Float64Array, first: number, last: number): number {
  let sum = 0;
  for (let index = first; index <= last; index++) sum += values[index]!;
  return sum;
}

function roughness(levelsDb: ArrayLike<number>): number {
  let sum = 0;
  for (let band = FIT_FIRST + 1; band < FIT_LAST; band++) {
    sum += Math.abs(levelsDb[band - 1]! - 2 * levelsDb[band]! + levelsDb[band + 1]!);
  }
  return sum / (FIT_LAST - FIT_FIRST - 1);
}
