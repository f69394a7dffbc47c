/**
 * Sinusoidal peaks of a magnitude spectrogram: per frame, the local maxima of |X| inside a
 * frequency band, each refined by quadratic interpolation of the log magnitude over the
 * peak bin and its two neighbours (p = ½(α − γ)/(α − 2β + γ), f = (k + p)·fs/N,
 * |X̂| = exp(β − ¼(α − γ)p)). Peaks below a relative threshold (dB under the frame's
 * strongest peak) or an absolute floor (dBFS of a sine under a Hann window) are dropped;
 * at most `maxPeaksPerFrame` of the strongest are kept, in ascending frequency.
 * Output: flat frames × maxPeaksPerFrame frequency (Hz), pitch (fractional MIDI) and
 * magnitude (linear, same units as the input) arrays, plus a count per frame. Tuning and chroma both read it.
 * Reference: Smith & Serra (1987), "PARSHL: an analysis/synthesis program for non-harmonic
 *   sounds based on a sinusoidal representation", ICMC (quadratic peak interpolation).
 */
import type { Spectrogram } from "../dsp/spectrogram.js";

export interface SpectralPeaksOptions {
  /** Lowest peak frequency kept (Hz); ≥ 0. */
  readonly minFrequencyHz: number;
  /** Highest peak frequency kept (Hz); > minFrequencyHz. */
  readonly maxFrequencyHz: number;
  /** Strongest peaks kept per frame; integer ≥ 1. */
  readonly maxPeaksPerFrame: number;
  /** Peaks more than this many dB under the frame's strongest peak are dropped; ≤ 0. */
  readonly relativeThresholdDb: number;
  /** Peaks of a sine quieter than this (dBFS, Hann window assumed) are dropped. */
  readonly floorDbfs: number;
}

export const SPECTRAL_PEAKS_DEFAULTS: SpectralPeaksOptions = {
  minFrequencyHz: 40,
  maxFrequencyHz: 5000,
  maxPeaksPerFrame: 48,
  relativeThresholdDb: -50,
  floorDbfs: -90,
};

export interface SpectralPeaks {
  readonly frames: number;
  readonly maxPeaksPerFrame: number;
  /** Peaks found in each frame (≤ maxPeaksPerFrame). */
  readonly counts: Int32Array;
  /** frames·maxPeaksPerFrame peak frequencies in Hz; slots past a frame's count are 0. */
  readonly frequencies: Float32Array;
  /** frames·maxPeaksPerFrame interpolated peak magnitudes, in the spectrogram's units. */
  readonly magnitudes: Float32Array;
  /** frames·maxPeaksPerFrame peak pitches as fractional MIDI numbers (69 = 440 Hz). */
  readonly midiPitches: Float32Array;
  readonly hopSize: number;
  readonly frameSize: number;
  readonly sampleRate: number;
  readonly center?: boolean;
}

/** Peak picking of one magnitude frame, configured once for a spectrum axis. */
export interface SpectralPeakPicker {
  readonly maxPeaksPerFrame: number;
  /**
   * Finds the peaks of the frame at data[row … row + bins) and writes them, ascending in
   * frequency, to the three arrays from index `base` on; returns how many (≤ maxPeaksPerFrame).
   */
  pick(
    data: Float32Array,
    row: number,
    frequencies: Float32Array,
    magnitudes: Float32Array,
    midiPitches: Float32Array,
    base: number,
  ): number;
  /** Bins searched for local maxima (firstBin … lastBin) and the magnitude floor. */
  readonly firstBin: number;
  readonly lastBin: number;
  readonly floor: number;
  /**
   * The second half of `pick`, from the frame's local maxima found elsewhere (ascending bins,
   * relative to `row`, strictly above `floor` and both neighbours' magnitudes, at least the next's).
   */
  pickCandidates(
    data: Float32Array,
    row: number,
    candidateBin: Int32Array,
    candidateMagnitude: Float32Array,
    found: number,
    frequencies: Float32Array,
    magnitudes: Float32Array,
    midiPitches: Float32Array,
    base: number,
  ): number;
}

/** A peak picker for magnitude spectra of `frameSize` at `sampleRate` (frameSize/2 + 1 bins). */
export function createSpectralPeakPicker(
  axis: { readonly sampleRate: number; readonly frameSize: number },
  options: Partial<SpectralPeaksOptions> = {},
): SpectralPeakPicker {
  const resolved = { ...SPECTRAL_PEAKS_DEFAULTS, ...options };
  const { minFrequencyHz, maxFrequencyHz, maxPeaksPerFrame, relativeThresholdDb, floorDbfs } = resolved;
  if (!(minFrequencyHz >= 0 && maxFrequencyHz > minFrequencyHz)) {
    throw new RangeError(
      `spectralPeaks: need 0 ≤ minFrequencyHz < maxFrequencyHz, got ${minFrequencyHz} and ${maxFrequencyHz}`,
    );
  }
  if (!(Number.isInteger(maxPeaksPerFrame) && maxPeaksPerFrame >= 1)) {
    throw new RangeError(`spectralPeaks: maxPeaksPerFrame must be an integer ≥ 1, got ${maxPeaksPerFrame}`);
  }
  if (!(relativeThresholdDb <= 0)) {
    throw new RangeError(`spectralPeaks: relativeThresholdDb must be ≤ 0, got ${relativeThresholdDb}`);
  }
  const { frameSize, sampleRate } = axis;
  const bins = (frameSize >> 1) + 1;
  const binHz = sampleRate / frameSize;
  const firstBin = Math.max(1, Math.ceil(minFrequencyHz / binHz));
  const lastBin = Math.min(bins - 2, Math.floor(maxFrequencyHz / binHz));
  // A full-scale sine under a Hann window peaks at frameSize/4.
  const floor = (frameSize / 4) * 10 ** (floorDbfs / 20);
  const relative = 10 ** (relativeThresholdDb / 20);
  const capacity = Math.max(1, lastBin - firstBin + 1);
  const candidateBin = new Int32Array(capacity);
  const candidateMagnitude = new Float32Array(capacity);
  const sorted = new Float32Array(capacity);
  const pickCandidates: SpectralPeakPicker["pickCandidates"] = (
    data,
    row,
    candidateBin,
    candidateMagnitude,
    found,
    frequencies,
    magnitudes,
    midiPitches,
    base,
  ) => {
    let strongest = 0;
    for (let i = 0; i < found; i++) if (candidateMagnitude[i]! > strongest) strongest = candidateMagnitude[i]!;
    let threshold = strongest * relative;
    if (found > maxPeaksPerFrame) {
      let above = 0;
      for (let i = 0; i < found; i++) if (candidateMagnitude[i]! >= threshold) sorted[above++] = candidateMagnitude[i]!;
      // The maxPeaksPerFrame-th largest magnitude becomes the threshold.
      if (above > maxPeaksPerFrame) threshold = kthLargest(sorted, above, maxPeaksPerFrame);
    }
    // Pass 2: quadratic interpolation of the kept peaks, ascending in frequency.
    let kept = 0;
    for (let i = 0; i < found && kept < maxPeaksPerFrame; i++) {
      if (candidateMagnitude[i]! < threshold) continue;
      const k = candidateBin[i]!;
      const alpha = Math.log(Math.max(data[row + k - 1]!, 1e-30));
      const logBeta = Math.log(candidateMagnitude[i]!);
      const gamma = Math.log(Math.max(data[row + k + 1]!, 1e-30));
      const curvature = alpha - 2 * logBeta + gamma;
      const offset = curvature < 0 ? (0.5 * (alpha - gamma)) / curvature : 0;
      const magnitude = Math.exp(logBeta - 0.25 * (alpha - gamma) * offset);
      if (!Number.isFinite(magnitude)) continue;
      const frequency = (k + offset) * binHz;
      frequencies[base + kept] = frequency;
      magnitudes[base + kept] = magnitude;
      midiPitches[base + kept] = 69 + 12 * Math.log2(frequency / 440);
      kept++;
    }
    return kept;
  };
  const pick: SpectralPeakPicker["pick"] = (data, row, frequencies, magnitudes, midiPitches, base) => {
    // Pass 1: local maxima above the floor (bin and raw magnitude only).
    const found = localMaxima(data, row + firstBin, row + lastBin, floor, candidateBin, candidateMagnitude);
    for (let i = 0; i < found; i++) candidateBin[i] = candidateBin[i]! - row;
    return pickCandidates(
      data,
      row,
      candidateBin,
      candidateMagnitude,
      found,
      frequencies,
      magnitudes,
      midiPitches,
      base,
    );
  };
  return { maxPeaksPerFrame, pick, pickCandidates, firstBin, lastBin, floor };
}

export function spectralPeaks(spectrogram: Spectrogram, options: Partial<SpectralPeaksOptions> = {}): SpectralPeaks {
  const { frames, bins, frameSize, sampleRate, hopSize, center } = spectrogram;
  const picker = createSpectralPeakPicker({ sampleRate, frameSize }, options);
  const { maxPeaksPerFrame } = picker;
  if (bins !== (frameSize >> 1) + 1) {
    throw new RangeError(
      `spectralPeaks: a spectrum of frameSize ${frameSize} has ${(frameSize >> 1) + 1} bins, got ${bins}`,
    );
  }
  const data = spectrogram.data;
  const counts = new Int32Array(frames);
  const frequencies = new Float32Array(frames * maxPeaksPerFrame);
  const magnitudes = new Float32Array(frames * maxPeaksPerFrame);
  const midiPitches = new Float32Array(frames * maxPeaksPerFrame);
  for (let t = 0; t < frames; t++) {
    counts[t] = picker.pick(data, t * bins, frequencies, magnitudes, midiPitches, t * maxPeaksPerFrame);
  }
  return {
    frames,
    maxPeaksPerFrame,
    counts,
    frequencies,
    magnitudes,
    midiPitches,
    hopSize,
    frameSize,
    sampleRate,
    center,
  };
}

/**
 * Writes the indices (into `data`) and values of the local maxima above `floor` among
 * data[from … through] to the candidate arrays; returns how many. A function of its own,
 * called once per frame, so V8 optimises it as a whole rather than as on-stack-replaced code.
 */
function localMaxima(
  data: Float32Array,
  from: number,
  through: number,
  floor: number,
  candidateIndex: Int32Array,
  candidateMagnitude: Float32Array,
): number {
  let found = 0;
  for (let j = from; j <= through; j++) {
    const beta = data[j]!;
    if (!(beta > floor && beta > data[j - 1]! && beta >= data[j + 1]!)) continue;
    candidateIndex[found] = j;
    candidateMagnitude[found] = beta;
    found++;
  }
  return found;
}

/** The k-th largest of values[0 … length) by quickselect (reorders them; no allocation). */
function kthLargest(values: Float32Array, length: number, k: number): number {
  let low = 0;
  let high = length - 1;
  const target = k - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1]!;
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (target <= j) high = j;
    else if (target >= i) low = i;
    else break;
  }
  return values[target]!;
}
