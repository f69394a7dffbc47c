/**
 * Tonic estimation for drone-based (and, given the key, Western) music. Two folded
 * pitch histograms over one octave in 10-cent bins (cents above C, A4 = 440 Hz):
 *   melody: voiced pYIN frames, each weighted by its voicing probability;
 *   drone:  stable long-term spectral peaks (tonic-drone-peaks.ts), weighted by prominence;
 * each circularly Gaussian-smoothed and normalised to sum 1, then mixed (drone weight
 * `droneWeight` when peaks exist). Candidates are the histogram's local maxima; each
 * scores H(c) + fifthWeight·H(c + 702 cents): a tonic comes with a strong Pa (the
 * drone's fifth string and the 3rd harmonic of Sa), which separates Sa from the other
 * strong pitch classes (Salamon et al. 2012 learn such rules over the peaks' intervals;
 * this is the hand-set "Sa + Pa" rule of the classification stage they describe).
 * With `keyPitchClass` the best candidate within ±50 cents of that pitch class always wins.
 * With `key` (Western music: the key analysis's tonic, mode and confidence) the hint is
 * softer: a drone estimate at or above `keyOverridesBelow` confidence stands (the drone is
 * the tonic, whatever the key analysis says) when the drone has a strong partial (≥ 0.3 × the
 * strongest) at or below `keyDroneMaxHz` — a drone sounds its Sa low; partials that many notes
 * of a melody share (D6 of D4, D5 and G4) only ever stand out high — otherwise the key's tonic
 * pitch class is taken as above. The pitch is refined by parabolic interpolation of
 * the histogram, then snapped to a drone peak of that pitch class when there is one.
 * Octave: with a melody, the instance of the pitch class in (median − 900, median + 300]
 * cents of the melody's weighted median (melodies move mostly from a little below Sa to
 * above it); without one, the lowest strong drone peak of that pitch class (none: the
 * instance nearest the lowest strong drone peak).
 * Confidence in [0, 1]: √(min(1, margin/0.4) · min(1, peakedness/0.4)), margin = (chosen −
 * best rival score) / chosen (0 when the key overrode a stronger candidate), peakedness =
 * 1 − entropy of the mixed histogram / log 120 (a drone's few partials give ≈ 0.2, a
 * melody dwelling on its tonic ≈ 0.3). Flat histograms and close rivals give values near
 * 0; the scale is hand-set on synthetic signals, not calibrated on a corpus. When `key`
 * decided, the confidence is the key's confidence times the histogram's support for it
 * (its score / the best score), or the histogram's own when that is higher and they agree.
 * Reference: Salamon, Gulati & Serra (2012), "A multipitch approach to tonic
 *   identification in Indian classical music", ISMIR; Gulati et al. (2014), "Automatic
 *   tonic identification in Indian art music: approaches and evaluation", JNMR 43(1).
 */
import type { Hz } from "../types.js";
import type { PitchTrack } from "./pyin.js";
import type { SpectralPeak } from "./tonic-drone-peaks.js";

/** The key of a Western recording, as key estimation reports it (src/core/tonal/estimate-key.ts). */
export interface TonicKeyHint {
  /** 0 (C) … 11 (B). */
  readonly tonicPitchClass: number;
  /** Carried for the caller's records; the tonic of a key is its tonic in either mode. */
  readonly mode?: "major" | "minor" | null;
  /** The key estimate's confidence, in [0, 1]; 0 ignores the hint. */
  readonly confidence: number;
}

export interface TonicOptions {
  /** Stable spectral peaks of the recording (droneSpectrumPeaks); none: melody only. */
  readonly spectrumPeaks: readonly SpectralPeak[];
  /** Pitch class 0 (C) … 11 (B) of the key's tonic: always taken (`key` is the soft hint). */
  readonly keyPitchClass: number | null;
  /** The recording's key: taken unless a drone gives an estimate of `keyOverridesBelow` or more. */
  readonly key: TonicKeyHint | null;
  /** Confidence in [0, 1] of a drone-based estimate at which it stands against `key`. */
  readonly keyOverridesBelow: number;
  /** Hz: a drone stands against `key` only with a strong partial at or below this. */
  readonly keyDroneMaxHz: Hz;
  /** Share of the drone histogram in the mix when peaks exist; in [0, 1]. */
  readonly droneWeight: number;
  /** Weight of the fifth (Pa) in a candidate's score. */
  readonly fifthWeight: number;
  /** Gaussian smoothing of the histograms (standard deviation, cents). */
  readonly smoothingCents: number;
  /** Hz of A4. */
  readonly referenceHz: Hz;
}

export const TONIC_DEFAULTS: TonicOptions = {
  spectrumPeaks: [],
  keyPitchClass: null,
  key: null,
  keyOverridesBelow: 0.3,
  keyDroneMaxHz: 500,
  droneWeight: 0.6,
  fifthWeight: 0.5,
  smoothingCents: 15,
  referenceHz: 440,
};

export interface TonicCandidate {
  readonly hz: Hz;
  /** Nearest equal-tempered pitch class, 0 (C) … 11 (B). */
  readonly pitchClass: number;
  /** Share of the candidates' total score, in [0, 1]. */
  readonly score: number;
}

export interface TonicEstimate {
  readonly hz: Hz;
  readonly pitchClass: number;
  /** Scientific octave: C4 is middle C (A4 = referenceHz). */
  readonly octave: number;
  /** Cents from the equal-tempered pitch (−50 … 50). */
  readonly centsOffset: number;
  readonly confidence: number;
  /** Strongest first. */
  readonly candidates: readonly TonicCandidate[];
  /** What picked the pitch class: the histograms ("pitch") or the key hint ("key"). */
  readonly decidedBy: "pitch" | "key";
}

const BINS = 120;
const BIN_CENTS = 1200 / BINS;
const FIFTH_BINS = Math.round(702 / BIN_CENTS);

/** The tonic of `track` (and the drone peaks, if given); null without any evidence. */
export function estimateTonic(track: PitchTrack, options: Partial<TonicOptions> = {}): TonicEstimate | null {
  const settings = { ...TONIC_DEFAULTS, ...options };
  const { spectrumPeaks, keyPitchClass, key, fifthWeight, referenceHz } = settings;
  checkKeyHint(key, settings.keyOverridesBelow);
  const cHz = referenceHz * 2 ** (-9 / 12 - 4); // C0
  const foldedCents = (hz: number) => (((1200 * Math.log2(hz / cHz)) % 1200) + 1200) % 1200;

  const melody = new Float64Array(BINS);
  const voicedHz: number[] = [];
  const voicedWeights: number[] = [];
  for (let t = 0; t < track.f0Hz.length; t++) {
    const hz = track.f0Hz[t]!;
    const weight = track.voicedProbability[t]!;
    if (track.voiced[t] !== 1 || !(hz > 0) || !(weight > 0)) continue;
    addFolded(melody, foldedCents(hz), weight);
    voicedHz.push(hz);
    voicedWeights.push(weight);
  }
  const drone = new Float64Array(BINS);
  for (const peak of spectrumPeaks)
    if (peak.hz > 0 && peak.weight > 0) addFolded(drone, foldedCents(peak.hz), peak.weight);
  const hasMelody = normalise(smooth(melody, settings.smoothingCents));
  const hasDrone = normalise(smooth(drone, settings.smoothingCents));
  if (!hasMelody && !hasDrone) return null;
  const droneShare = !hasDrone ? 0 : !hasMelody ? 1 : settings.droneWeight;
  const mixed = new Float64Array(BINS);
  for (let i = 0; i < BINS; i++) mixed[i] = droneShare * drone[i]! + (1 - droneShare) * melody[i]!;

  const top = Math.max(...mixed);
  const peaks: { bin: number; score: number }[] = [];
  for (let i = 0; i < BINS; i++) {
    const value = mixed[i]!;
    if (value >= 0.1 * top && value > mixed[(i + BINS - 1) % BINS]! && value >= mixed[(i + 1) % BINS]!) {
      peaks.push({ bin: i, score: value + fifthWeight * mixed[(i + FIFTH_BINS) % BINS]! });
    }
  }
  peaks.sort((a, b) => b.score - a.score);
  let entropy = 0;
  for (const p of mixed) if (p > 0) entropy -= p * Math.log(p);
  const peakedness = Math.max(0, 1 - entropy / Math.log(BINS));
  const confidenceOf = (candidate: { score: number }): number => {
    const rival = Math.max(0, ...peaks.filter((p) => p !== candidate).map((p) => p.score));
    const margin = candidate.score > 0 ? Math.max(0, (candidate.score - rival) / candidate.score) : 0;
    return Math.sqrt(Math.min(1, margin / 0.4) * Math.min(1, peakedness / 0.4));
  };
  const inKeyOf = (pitchClass: number) => {
    const target = ((Math.round(pitchClass) % 12) + 12) % 12;
    const inKey = peaks.find((p) => circularDistance(p.bin * BIN_CENTS, target * 100) <= 50);
    const bin = Math.round((target * 100) / BIN_CENTS) % BINS;
    return inKey ?? { bin, score: mixed[bin]! + fifthWeight * mixed[(bin + FIFTH_BINS) % BINS]! };
  };
  let chosen = peaks[0]!;
  let confidence = confidenceOf(chosen);
  let decidedBy: TonicEstimate["decidedBy"] = "pitch";
  if (keyPitchClass !== null) {
    chosen = inKeyOf(keyPitchClass);
    confidence = confidenceOf(chosen);
    decidedBy = "key";
  } else if (
    key !== null &&
    key.confidence > 0 &&
    !(droneStands(settings) && confidence >= settings.keyOverridesBelow)
  ) {
    const best = peaks[0]!;
    chosen = inKeyOf(key.tonicPitchClass);
    const support = best.score > 0 ? Math.min(1, chosen.score / best.score) : 0;
    confidence = Math.max(key.confidence * support, chosen === best ? confidence : 0);
    decidedBy = "key";
  }
  const cents = refineCents(mixed, chosen.bin, spectrumPeaks, foldedCents);
  const hz = placeOctave(cents, cHz, voicedHz, voicedWeights, spectrumPeaks, foldedCents);
  const scoreSum = peaks.slice(0, 5).reduce((sum, p) => sum + p.score, 0);
  const candidates = [chosen, ...peaks.filter((p) => p !== chosen)].slice(0, 5).map((p) => {
    const candidateHz = hz * 2 ** (circularSigned(p.bin * BIN_CENTS - cents) / 1200);
    return {
      hz: candidateHz,
      pitchClass: pitchClassOf(candidateHz, cHz),
      score: scoreSum > 0 ? p.score / scoreSum : 0,
    };
  });
  const semitones = 12 * Math.log2(hz / cHz);
  const nearest = Math.round(semitones);
  return {
    hz,
    pitchClass: ((nearest % 12) + 12) % 12,
    octave: Math.floor(nearest / 12),
    centsOffset: 100 * (semitones - nearest),
    confidence,
    candidates,
    decidedBy,
  };
}

/** Whether the drone peaks include a strong one low enough to be a drone's. */
function droneStands({ spectrumPeaks, keyDroneMaxHz }: TonicOptions): boolean {
  const strongest = Math.max(0, ...spectrumPeaks.map((peak) => peak.weight));
  return strongest > 0 && spectrumPeaks.some((peak) => peak.weight >= 0.3 * strongest && peak.hz <= keyDroneMaxHz);
}

function checkKeyHint(key: TonicKeyHint | null, keyOverridesBelow: number): void {
  if (!(keyOverridesBelow >= 0 && keyOverridesBelow <= 1)) {
    throw new RangeError(`estimateTonic: keyOverridesBelow must be in [0, 1], got ${keyOverridesBelow}`);
  }
  if (key === null) return;
  if (!(Number.isInteger(key.tonicPitchClass) && key.tonicPitchClass >= 0 && key.tonicPitchClass <= 11)) {
    throw new RangeError(`estimateTonic: key.tonicPitchClass must be an integer 0…11, got ${key.tonicPitchClass}`);
  }
  if (!(key.confidence >= 0 && key.confidence <= 1)) {
    throw new RangeError(`estimateTonic: key.confidence must be in [0, 1], got ${key.confidence}`);
  }
}

/** Adds `weight` at `cents` (0…1200), split linearly between the two nearest bins. */
function addFolded(histogram: Float64Array, cents: number, weight: number): void {
  const position = cents / BIN_CENTS;
  const lower = Math.floor(position);
  const fraction = position - lower;
  histogram[lower % BINS] = histogram[lower % BINS]! + weight * (1 - fraction);
  histogram[(lower + 1) % BINS] = histogram[(lower + 1) % BINS]! + weight * fraction;
}

/** Circular Gaussian smoothing in place; returns the histogram. */
function smooth(histogram: Float64Array, sigmaCents: number): Float64Array {
  const sigma = sigmaCents / BIN_CENTS;
  if (!(sigma > 0)) return histogram;
  const reach = Math.ceil(3 * sigma);
  const kernel = Array.from({ length: 2 * reach + 1 }, (_, j) => Math.exp(-0.5 * ((j - reach) / sigma) ** 2));
  const source = Float64Array.from(histogram);
  for (let i = 0; i < BINS; i++) {
    let sum = 0;
    for (let j = -reach; j <= reach; j++) sum += kernel[j + reach]! * source[(i + j + BINS * 4) % BINS]!;
    histogram[i] = sum;
  }
  return histogram;
}

/** Scales to sum 1 in place; false (left as zeros) when empty. */
function normalise(histogram: Float64Array): boolean {
  let sum = 0;
  for (const value of histogram) sum += value;
  if (!(sum > 0)) return false;
  for (let i = 0; i < BINS; i++) histogram[i] = histogram[i]! / sum;
  return true;
}

/** Folded cents of the candidate: a drone peak's own pitch when one is within 30 cents. */
function refineCents(
  histogram: Float64Array,
  bin: number,
  peaks: readonly SpectralPeak[],
  foldedCents: (hz: number) => number,
): number {
  const left = histogram[(bin + BINS - 1) % BINS]!;
  const centre = histogram[bin]!;
  const right = histogram[(bin + 1) % BINS]!;
  const curvature = left - 2 * centre + right;
  const offset = curvature < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / curvature)) : 0;
  const cents = ((((bin + offset) * BIN_CENTS) % 1200) + 1200) % 1200;
  const match = peaks
    .filter((peak) => circularDistance(foldedCents(peak.hz), cents) <= 30)
    .sort((a, b) => b.weight - a.weight)[0];
  return match === undefined ? cents : foldedCents(match.hz);
}

function placeOctave(
  cents: number,
  cHz: number,
  voicedHz: readonly number[],
  weights: readonly number[],
  peaks: readonly SpectralPeak[],
  foldedCents: (hz: number) => number,
): Hz {
  const pitchClassHz = cHz * 2 ** (cents / 1200); // in octave 0
  if (voicedHz.length > 0) {
    const median = weightedMedian(voicedHz, weights);
    const lowest = median * 2 ** (-900 / 1200);
    return pitchClassHz * 2 ** Math.ceil(Math.log2(lowest / pitchClassHz) + 1e-9);
  }
  const strongest = Math.max(...peaks.map((peak) => peak.weight));
  const matching = peaks.filter(
    (peak) => peak.weight >= 0.3 * strongest && circularDistance(foldedCents(peak.hz), cents) <= 30,
  );
  // A pitch class the drone lacks (a key hint): the instance nearest the drone's lowest strong partial.
  const strong = matching.length > 0 ? matching : peaks.filter((peak) => peak.weight >= 0.3 * strongest);
  const anchor = Math.min(...strong.map((peak) => peak.hz));
  return pitchClassHz * 2 ** Math.round(Math.log2(anchor / pitchClassHz));
}

function weightedMedian(values: readonly number[], weights: readonly number[]): number {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const half = weights.reduce((sum, w) => sum + w, 0) / 2;
  let running = 0;
  for (const i of order) {
    running += weights[i]!;
    if (running >= half) return values[i]!;
  }
  return values[order[order.length - 1]!]!;
}

function pitchClassOf(hz: number, cHz: number): number {
  const nearest = Math.round(12 * Math.log2(hz / cHz));
  return ((nearest % 12) + 12) % 12;
}

/** Signed a − b folded into (−600, 600]. */
function circularSigned(difference: number): number {
  const folded = ((((difference + 600) % 1200) + 1200) % 1200) - 600;
  return folded === -600 ? 600 : folded;
}

function circularDistance(a: number, b: number): number {
  return Math.abs(circularSigned(a - b));
}
