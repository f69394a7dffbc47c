/**
 * Chroma (harmonic pitch-class profile): per frame, 12 values, one per pitch class
 * (0 = C … 11 = B), from the frame's spectral peaks. Overtones first: a peak lying within
 * ±`overtoneToleranceCents` of the h-th harmonic (2 ≤ h ≤ overtoneHarmonics) of a lower
 * peak of the same frame votes for that lower peak's pitch class, so that the 3rd, 5th,
 * 6th and 7th partials of a note do not pose as its fifth, third and seventh (a harmonic
 * sieve in the manner of Klapuri's harmonic summation). Each peak of frequency f and
 * magnitude m then votes for the pitch classes of f/h, h = 1…harmonics, with weight
 * (m^exponent)·decay^(h−1), spread over the pitch-class axis by a cos² kernel of
 * `kernelWidthSemitones` (Gómez's HPCP weighting). Pitch classes are measured on the
 * grid of `referenceHz` (the tuning's A4), so a detuned recording maps onto the same bins.
 * Each frame is then divided by its largest value (frames without peaks stay all zero),
 * so that loud and quiet passages weigh alike downstream.
 * Input: `SpectralPeaks` (see spectral-peaks.ts); output: frames × 12, frame-major, with
 * the spectrogram's time axis.
 * Reference: Gómez (2006), "Tonal description of polyphonic audio for music content
 *   processing", INFORMS J. Computing 18(3) (HPCP); Fujishima (1999), "Realtime chord
 *   recognition of musical sound: a system using Common Lisp Music", ICMC (PCP);
 *   Klapuri (2006), "Multiple fundamental frequency estimation by summing harmonic
 *   amplitudes", ISMIR (harmonic attribution of partials).
 */
import type { SpectralPeaks } from "./spectral-peaks.js";

export interface ChromaOptions {
  /** Frequency of A4 the pitch-class grid is laid on (Hz); > 0. */
  readonly referenceHz: number;
  /** Peaks below this frequency (Hz) are ignored. */
  readonly minFrequencyHz: number;
  /** Peaks above this frequency (Hz) are ignored. */
  readonly maxFrequencyHz: number;
  /** Candidate fundamentals per peak (f, f/2, … f/harmonics); integer ≥ 1. */
  readonly harmonics: number;
  /** Weight ratio between successive candidate fundamentals; in (0, 1]. */
  readonly harmonicDecay: number;
  /** Full width of the cos² kernel on the pitch-class axis, semitones; in (0, 6]. */
  readonly kernelWidthSemitones: number;
  /** Peak magnitudes are raised to this power before voting (1 = magnitude, 2 = energy); > 0. */
  readonly magnitudeExponent: number;
  /**
   * Largest harmonic number checked when attributing a peak to a lower peak of the same
   * frame (a partial at h·f0 ± `overtoneToleranceCents` votes for f0's pitch class);
   * 0 or 1 disables the attribution.
   */
  readonly overtoneHarmonics: number;
  /** Tolerance of the overtone attribution, cents; > 0. */
  readonly overtoneToleranceCents: number;
}

export const CHROMA_DEFAULTS: ChromaOptions = {
  referenceHz: 440,
  minFrequencyHz: 40,
  maxFrequencyHz: 5000,
  harmonics: 1,
  harmonicDecay: 0.6,
  kernelWidthSemitones: 4 / 3,
  magnitudeExponent: 1,
  overtoneHarmonics: 8,
  overtoneToleranceCents: 30,
};

/** Pitch classes per chroma frame. */
export const CHROMA_BINS = 12;

export interface Chroma {
  readonly frames: number;
  /** frames·12 values in [0, 1], frame-major; bin 0 = C. */
  readonly data: Float32Array;
  readonly hopSize: number;
  readonly frameSize: number;
  readonly sampleRate: number;
  readonly center?: boolean;
}

export function chroma(peaks: SpectralPeaks, options: Partial<ChromaOptions> = {}): Chroma {
  const resolved = { ...CHROMA_DEFAULTS, ...options };
  const { referenceHz, minFrequencyHz, maxFrequencyHz, harmonics, harmonicDecay } = resolved;
  const { kernelWidthSemitones, magnitudeExponent, overtoneHarmonics, overtoneToleranceCents } = resolved;
  if (!(referenceHz > 0)) throw new RangeError(`chroma: referenceHz must be > 0, got ${referenceHz}`);
  if (!(Number.isInteger(harmonics) && harmonics >= 1)) {
    throw new RangeError(`chroma: harmonics must be an integer ≥ 1, got ${harmonics}`);
  }
  if (!(harmonicDecay > 0 && harmonicDecay <= 1)) {
    throw new RangeError(`chroma: harmonicDecay must be in (0, 1], got ${harmonicDecay}`);
  }
  if (!(kernelWidthSemitones > 0 && kernelWidthSemitones <= 6)) {
    throw new RangeError(`chroma: kernelWidthSemitones must be in (0, 6], got ${kernelWidthSemitones}`);
  }
  if (!(magnitudeExponent > 0)) throw new RangeError(`chroma: magnitudeExponent must be > 0, got ${magnitudeExponent}`);
  if (!(overtoneToleranceCents > 0)) {
    throw new RangeError(`chroma: overtoneToleranceCents must be > 0, got ${overtoneToleranceCents}`);
  }
  const { frames, maxPeaksPerFrame, counts, frequencies, magnitudes, midiPitches } = peaks;
  const data = new Float32Array(frames * CHROMA_BINS);
  const halfWidth = kernelWidthSemitones / 2;
  // Pitch-class offset of each candidate fundamental f/h relative to f: −12·log2(h).
  const harmonicShift = new Float64Array(harmonics);
  const harmonicWeight = new Float64Array(harmonics);
  for (let h = 0; h < harmonics; h++) {
    harmonicShift[h] = -12 * Math.log2(h + 1);
    harmonicWeight[h] = harmonicDecay ** h;
  }
  const tolerance = 2 ** (overtoneToleranceCents / 1200);
  const harmonicSemitones = new Float64Array(Math.max(2, overtoneHarmonics + 1));
  for (let h = 1; h <= overtoneHarmonics; h++) harmonicSemitones[h] = 12 * Math.log2(h);
  // MIDI pitch on the tuned grid; its value mod 12 is the pitch class (C = 0).
  const referenceMidi = 12 * Math.log2(referenceHz / 440);
  for (let t = 0; t < frames; t++) {
    const base = t * maxPeaksPerFrame;
    const row = t * CHROMA_BINS;
    // Peaks come in ascending frequency, so the peaks too low to be a fundamental of peak i
    // (below f_i / overtoneHarmonics) are a prefix that only grows with i: skip it once.
    let firstCandidate = 0;
    for (let i = 0; i < counts[t]!; i++) {
      const frequency = frequencies[base + i]!;
      if (!(frequency >= minFrequencyHz && frequency <= maxFrequencyHz)) continue;
      const magnitude = magnitudes[base + i]!;
      const energy =
        magnitudeExponent === 1
          ? magnitude
          : magnitudeExponent === 2
            ? magnitude * magnitude
            : magnitude ** magnitudeExponent;
      if (!(energy > 0 && Number.isFinite(energy))) continue;
      let semitones = midiPitches[base + i]! - referenceMidi;
      // Overtone attribution: the lowest peak whose harmonic this peak is takes its vote.
      if (overtoneHarmonics > 1) {
        const lowestFundamental = frequency / overtoneHarmonics;
        while (firstCandidate < i && frequencies[base + firstCandidate]! * tolerance < lowestFundamental) {
          firstCandidate++;
        }
        for (let j = firstCandidate; j < i; j++) {
          const fundamental = frequencies[base + j]!;
          const ratio = frequency / fundamental;
          const harmonic = Math.round(ratio);
          if (harmonic < 2) break;
          const mismatch = ratio / harmonic;
          if (mismatch > tolerance || mismatch * tolerance < 1) continue;
          semitones -= harmonicSemitones[harmonic]!;
          break;
        }
      }
      for (let h = 0; h < harmonics; h++) {
        if (frequency / (h + 1) < minFrequencyHz) break;
        const position = semitones + harmonicShift[h]!;
        const weight = energy * harmonicWeight[h]!;
        const first = Math.ceil(position - halfWidth);
        const last = Math.floor(position + halfWidth);
        for (let bin = first; bin <= last; bin++) {
          const distance = position - bin;
          const kernel = Math.cos((Math.PI * distance) / kernelWidthSemitones);
          const pitchClass = ((bin % CHROMA_BINS) + CHROMA_BINS) % CHROMA_BINS;
          data[row + pitchClass]! += weight * kernel * kernel;
        }
      }
    }
    let largest = 0;
    for (let c = 0; c < CHROMA_BINS; c++) largest = Math.max(largest, data[row + c]!);
    if (largest > 0) for (let c = 0; c < CHROMA_BINS; c++) data[row + c]! /= largest;
  }
  return {
    frames,
    data,
    hopSize: peaks.hopSize,
    frameSize: peaks.frameSize,
    sampleRate: peaks.sampleRate,
    center: peaks.center,
  };
}

/** a + weight·b frame by frame (e.g. full-range chroma plus bass chroma); same time axis. */
export function weightedChromaSum(a: Chroma, b: Chroma, weight: number): Chroma {
  if (a.frames !== b.frames) {
    throw new RangeError(`weightedChromaSum: chromas must have equal frame counts, got ${a.frames} and ${b.frames}`);
  }
  const data = new Float32Array(a.data.length);
  for (let i = 0; i < data.length; i++) data[i] = a.data[i]! + weight * b.data[i]!;
  return { ...a, data };
}
