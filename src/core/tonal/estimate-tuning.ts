/**
 * Tuning reference (A4 in Hz) from spectral peaks: each peak's deviation from the
 * 12-tone equal-tempered grid on A4 = 440 Hz, d = 1200·log2(f/440) mod 100 in [−50, 50)
 * cents, goes into a circular magnitude-weighted histogram of 1-cent bins; the smoothed
 * histogram's maximum, refined by the weighted circular mean of the deviations within
 * ±`refineWindowCents` of it, is the tuning offset. A4 = 440·2^(offset/1200).
 * The mode rather than the mean keeps inharmonic or just-intoned partials (the 5th and
 * 7th harmonics sit −14 and −31 cents off the grid) from biasing the answer.
 * Confidence: the weight share within the refine window, rescaled so that a uniform
 * histogram (noise) reads 0 and all weight in the window reads 1.
 * Reference: Müller & Ewert (2011), "Chroma Toolbox" (tuning by a filterbank shift), and
 *   Gómez (2006), "Tonal description of music audio signals", PhD thesis, UPF, §3.2
 *   (tuning frequency from the deviation histogram of spectral peaks).
 */
import type { SpectralPeaks } from "../features/spectral-peaks.js";

export interface TuningOptions {
  /** Peaks below this frequency (Hz) are ignored: their bins are too coarse in cents. */
  readonly minFrequencyHz: number;
  /** Peaks above this frequency (Hz) are ignored. */
  readonly maxFrequencyHz: number;
  /** Half-width of the triangular smoothing of the histogram, cents; ≥ 0. */
  readonly smoothingCents: number;
  /** Half-width of the window around the histogram maximum that is averaged, cents; in (0, 50). */
  readonly refineWindowCents: number;
}

export const TUNING_DEFAULTS: TuningOptions = {
  minFrequencyHz: 150,
  maxFrequencyHz: 5000,
  smoothingCents: 3,
  refineWindowCents: 12,
};

export interface TuningEstimate {
  /** Frequency of A4 in Hz; 440 when nothing could be measured. */
  readonly referenceHz: number;
  /** Offset of the tuning from A4 = 440 Hz, cents in [−50, 50). */
  readonly deviationCents: number;
  /** 0 (no tonal peaks, or peaks spread evenly) … 1 (every peak on one grid). */
  readonly confidence: number;
}

const BINS = 100;

/** The tuning of the peaks; A4 = 440 Hz with confidence 0 when there are none. */
export function estimateTuning(peaks: SpectralPeaks, options: Partial<TuningOptions> = {}): TuningEstimate {
  const { minFrequencyHz, maxFrequencyHz, smoothingCents, refineWindowCents } = { ...TUNING_DEFAULTS, ...options };
  if (!(refineWindowCents > 0 && refineWindowCents < 50)) {
    throw new RangeError(`estimateTuning: refineWindowCents must be in (0, 50), got ${refineWindowCents}`);
  }
  if (!(smoothingCents >= 0)) throw new RangeError(`estimateTuning: smoothingCents must be ≥ 0, got ${smoothingCents}`);
  const histogram = new Float64Array(BINS);
  const { frames, maxPeaksPerFrame, counts, frequencies, magnitudes, midiPitches } = peaks;
  // Deviation and weight of every usable peak, kept for the refinement pass.
  const deviations = new Float32Array(frames * maxPeaksPerFrame);
  const weights = new Float32Array(frames * maxPeaksPerFrame);
  let used = 0;
  let total = 0;
  for (let t = 0; t < frames; t++) {
    const base = t * maxPeaksPerFrame;
    for (let i = 0; i < counts[t]!; i++) {
      const frequency = frequencies[base + i]!;
      if (!(frequency >= minFrequencyHz && frequency <= maxFrequencyHz)) continue;
      const weight = magnitudes[base + i]!;
      if (!(weight > 0 && Number.isFinite(weight))) continue;
      const deviation = wrapCents(100 * (midiPitches[base + i]! - 69));
      histogram[(Math.round(deviation) + 50 + BINS) % BINS]! += weight;
      deviations[used] = deviation;
      weights[used++] = weight;
      total += weight;
    }
  }
  if (!(total > 0)) return { referenceHz: 440, deviationCents: 0, confidence: 0 };
  const halfWidth = Math.round(smoothingCents);
  let bestBin = 0;
  let bestValue = -1;
  for (let center = 0; center < BINS; center++) {
    let value = 0;
    for (let offset = -halfWidth; offset <= halfWidth; offset++) {
      value += (halfWidth + 1 - Math.abs(offset)) * histogram[(center + offset + BINS) % BINS]!;
    }
    if (value > bestValue) {
      bestValue = value;
      bestBin = center;
    }
  }
  const mode = bestBin - 50;
  // Circular weighted mean of the deviations near the mode, measured from the mode.
  let sum = 0;
  let weightInWindow = 0;
  for (let i = 0; i < used; i++) {
    const fromMode = wrapCents(deviations[i]! - mode);
    if (Math.abs(fromMode) > refineWindowCents) continue;
    sum += weights[i]! * fromMode;
    weightInWindow += weights[i]!;
  }
  const deviationCents = wrapCents(mode + (weightInWindow > 0 ? sum / weightInWindow : 0));
  const uniformShare = (2 * refineWindowCents) / BINS;
  const share = weightInWindow / total;
  const confidence = Math.min(1, Math.max(0, (share - uniformShare) / (1 - uniformShare)));
  return { referenceHz: 440 * 2 ** (deviationCents / 1200), deviationCents, confidence };
}

/** Cents folded into [−50, 50). */
function wrapCents(cents: number): number {
  return cents - 100 * Math.floor((cents + 50) / 100);
}
