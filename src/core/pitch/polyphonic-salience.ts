/**
 * Frame-wise multiple-f0 estimation for polyphonic transcription of a full mix: a
 * constant-Q spectrogram (3 bins per semitone, core/spectrogram/cqt.ts) of the signal scaled to
 * peak 1, spectral whitening against the local (one-octave) spectral envelope, keeping only
 * what stands above the local mean magnitude (so noise and flat spectra vote little), harmonic-summation salience
 * per semitone pitch with Klapuri's partial weights g(f0, h) = (f0 + α)/(h·f0 + β), and
 * iterative estimation and cancellation: the most salient pitch is taken, its partials
 * (limited by spectral smoothness, so a partial shared with another note keeps what stands
 * above the detected note's own envelope) are subtracted from the residual spectrum, and the
 * search repeats until the best remaining salience falls below a share of the frame's first
 * one or below an absolute floor. Frames stream through: per frame only the detected pitches'
 * saliences and each pitch's harmonic energy (for onsets) are kept (2 × 69 floats per frame).
 * Each pitch's harmonic energy (raw magnitudes of partials 1–4) feeds the note tracker's
 * onset evidence.
 * References: A. Klapuri (2006), "Multiple fundamental frequency estimation by summing
 *   harmonic amplitudes", ISMIR 2006; A. Klapuri (2003), "Multiple fundamental frequency
 *   estimation based on harmonicity and spectral smoothness", IEEE TSAP 11(6);
 *   Schörkhuber & Klapuri (2010), SMC (constant-Q transform).
 */
import { createCqtStream } from "../spectrogram/cqt.js";

export interface PolyphonicSalienceOptions {
  /** Lowest pitch (MIDI, integer). */
  readonly minMidi: number;
  /** Highest pitch (MIDI, integer). */
  readonly maxMidi: number;
  /** Samples between frames (rounded up to the CQT's hop quantum). */
  readonly hopSize: number;
  /** CQT window scale (1 = the classic Q of 3 bins per semitone; smaller: sharper in time). */
  readonly filterScale: number;
  /** Partials summed per pitch. */
  readonly harmonics: number;
  /** Klapuri's α and β (Hz) of the partial weight (f0 + α)/(h·f0 + β). */
  readonly weightAlphaHz: number;
  readonly weightBetaHz: number;
  /** Whitening exponent ν: magnitudes are scaled by envelope^(ν − 1) (1 = no whitening). */
  readonly whitening: number;
  /** Multiple of the local mean magnitude subtracted before whitening (0: none). */
  readonly meanSubtraction: number;
  /** Most pitches detected per frame. */
  readonly maxPolyphony: number;
  /** A further pitch needs at least this share of the frame's first salience. */
  readonly relativeThreshold: number;
  /** Salience floor (whitened units, for a signal normalised to peak 1). */
  readonly absoluteThreshold: number;
}

export const POLYPHONIC_SALIENCE_DEFAULTS: PolyphonicSalienceOptions = {
  minMidi: 28,
  maxMidi: 96,
  hopSize: 256,
  filterScale: 1,
  harmonics: 10,
  weightAlphaHz: 52,
  weightBetaHz: 320,
  whitening: 0.33,
  meanSubtraction: 1,
  maxPolyphony: 6,
  relativeThreshold: 0.3,
  absoluteThreshold: 0.05,
};

export interface PolyphonicSalience {
  readonly frames: number;
  /** Pitches per frame: minMidi … maxMidi. */
  readonly pitches: number;
  readonly minMidi: number;
  /** Seconds between frames; frame t is centred on t·hopSeconds. */
  readonly hopSeconds: number;
  /** frames × pitches: the salience with which a pitch was detected, 0 where it was not. */
  readonly salience: Float32Array;
  /** frames × pitches: log of the pitch's raw harmonic energy (partials 1–4), for onsets. */
  readonly logEnergy: Float32Array;
}

const BINS_PER_SEMITONE = 3;
/** Above the highest wanted CQT bin (Hz); kept below 0.45 of the sample rate. */
const TOP_HZ = 8000;
/** Magnitude floor (−80 dB below full scale after peak normalisation). */
const FLOOR = 1e-4;
/** Whitening envelope: RMS over ± this many bins (one octave wide). */
const ENVELOPE_HALF_BINS = 18;
/** Partials in the onset energy. */
const ONSET_PARTIALS = 4;

function midiToHz(midi: number): number {
  return 440 * 2 ** ((midi - 69) / 12);
}

export function polyphonicSalience(
  samples: Float32Array,
  sampleRate: number,
  options: Partial<PolyphonicSalienceOptions> = {},
): PolyphonicSalience {
  const o = { ...POLYPHONIC_SALIENCE_DEFAULTS, ...options };
  if (!(Number.isInteger(o.minMidi) && Number.isInteger(o.maxMidi) && o.maxMidi > o.minMidi)) {
    throw new RangeError(`polyphonicSalience: need integer minMidi < maxMidi, got ${o.minMidi}, ${o.maxMidi}`);
  }
  if (!(o.maxPolyphony >= 1 && o.harmonics >= 1)) {
    throw new RangeError("polyphonicSalience: maxPolyphony and harmonics must be ≥ 1");
  }
  const pitches = o.maxMidi - o.minMidi + 1;
  // Bin 1 is minMidi's centre; bin 0 a third of a semitone below, so every pitch has neighbours.
  const minHz = midiToHz(o.minMidi - 1 / BINS_PER_SEMITONE);
  const maxHz = Math.min(TOP_HZ, 0.45 * sampleRate);
  let peak = 0;
  for (let i = 0; i < samples.length; i++) peak = Math.max(peak, Math.abs(samples[i]!));
  const gain = peak > 0 ? 1 / peak : 1;

  // Per pitch and partial: the CQT bin nearest h·f0 (−1 beyond the top) and the weight.
  const partialBin = new Int32Array(pitches * o.harmonics).fill(-1);
  const partialWeight = new Float32Array(pitches * o.harmonics);
  let bins = 0;
  let salienceFrames = new Float32Array(0);
  let energyFrames = new Float32Array(0);
  const stream = createCqtStream(
    sampleRate,
    { minHz, maxHz, binsPerOctave: 12 * BINS_PER_SEMITONE, filterScale: o.filterScale, hopSize: o.hopSize },
    (t, magnitudes) => analyseFrame(t, magnitudes),
  );
  bins = stream.plan.bins;
  for (let p = 0; p < pitches; p++) {
    const f0 = midiToHz(o.minMidi + p);
    for (let h = 1; h <= o.harmonics; h++) {
      const bin = Math.round(1 + p * BINS_PER_SEMITONE + 12 * BINS_PER_SEMITONE * Math.log2(h));
      if (bin + 1 >= bins) break;
      partialBin[p * o.harmonics + h - 1] = bin;
      partialWeight[p * o.harmonics + h - 1] = (f0 + o.weightAlphaHz) / (h * f0 + o.weightBetaHz);
    }
  }
  const frameCount = 1 + Math.floor(samples.length / stream.hopSize);
  salienceFrames = new Float32Array(frameCount * pitches);
  energyFrames = new Float32Array(frameCount * pitches);
  const residual = new Float32Array(bins);
  const squares = new Float64Array(bins + 1);
  const sums = new Float64Array(bins + 1);
  const scores = new Float32Array(pitches);
  const amplitudes = new Float32Array(o.harmonics);
  const whiteningPower = o.whitening - 1;

  function analyseFrame(t: number, magnitudes: Float32Array): void {
    if (t >= frameCount) return;
    const base = t * pitches;
    // Onset energy from the raw magnitudes.
    for (let p = 0; p < pitches; p++) {
      let energy = 0;
      for (let h = 0; h < ONSET_PARTIALS && h < o.harmonics; h++) {
        const bin = partialBin[p * o.harmonics + h]!;
        if (bin < 0) break;
        const a = gain * Math.max(magnitudes[bin - 1]!, magnitudes[bin]!, magnitudes[bin + 1]!);
        energy += partialWeight[p * o.harmonics + h]! * a * a;
      }
      energyFrames[base + p] = Math.log(energy + FLOOR * FLOOR);
    }
    // Whitening: what stands above the local mean magnitude, divided by the local RMS
    // envelope raised to 1 − ν (a flat, noise-like spectrum keeps little).
    squares[0] = 0;
    sums[0] = 0;
    for (let b = 0; b < bins; b++) {
      const a = gain * magnitudes[b]!;
      squares[b + 1] = squares[b]! + a * a;
      sums[b + 1] = sums[b]! + a;
    }
    for (let b = 0; b < bins; b++) {
      const from = Math.max(0, b - ENVELOPE_HALF_BINS);
      const to = Math.min(bins, b + ENVELOPE_HALF_BINS + 1);
      const rms = Math.sqrt(Math.max(0, squares[to]! - squares[from]!) / (to - from));
      const excess = gain * magnitudes[b]! - (o.meanSubtraction * (sums[to]! - sums[from]!)) / (to - from);
      residual[b] = excess > 0 ? excess * (rms + FLOOR) ** whiteningPower : 0;
    }
    let first = 0;
    for (let round = 0; round < o.maxPolyphony; round++) {
      let best = -1;
      let bestScore = 0;
      for (let p = 0; p < pitches; p++) {
        if (salienceFrames[base + p]! > 0) continue;
        let sum = 0;
        for (let h = 0; h < o.harmonics; h++) {
          const bin = partialBin[p * o.harmonics + h]!;
          if (bin < 0) break;
          sum += partialWeight[p * o.harmonics + h]! * Math.max(residual[bin - 1]!, residual[bin]!, residual[bin + 1]!);
        }
        scores[p] = sum;
        if (sum > bestScore) {
          bestScore = sum;
          best = p;
        }
      }
      if (best < 0 || bestScore < o.absoluteThreshold || bestScore < o.relativeThreshold * first) break;
      if (round === 0) first = bestScore;
      salienceFrames[base + best] = bestScore;
      cancel(best);
    }
  }

  /** Subtracts the detected pitch's partials, each limited to its neighbours' mean (smoothness). */
  function cancel(p: number): void {
    let count = 0;
    for (let h = 0; h < o.harmonics; h++) {
      const bin = partialBin[p * o.harmonics + h]!;
      if (bin < 0) break;
      amplitudes[h] = Math.max(residual[bin - 1]!, residual[bin]!, residual[bin + 1]!);
      count++;
    }
    for (let h = 0; h < count; h++) {
      const left = h > 0 ? amplitudes[h - 1]! : amplitudes[h]!;
      const right = h + 1 < count ? amplitudes[h + 1]! : amplitudes[h]!;
      const smooth = Math.min(amplitudes[h]!, (left + amplitudes[h]! + right) / 3);
      // The fundamental is always removed in full: it is what the note is.
      const remove = h === 0 ? amplitudes[h]! : smooth;
      const bin = partialBin[p * o.harmonics + h]!;
      for (let b = bin - 1; b <= bin + 1; b++) residual[b] = Math.max(0, residual[b]! - remove);
    }
  }

  stream.push(samples);
  stream.finish();
  return {
    frames: frameCount,
    pitches,
    minMidi: o.minMidi,
    hopSeconds: stream.hopSize / sampleRate,
    salience: salienceFrames,
    logEnergy: energyFrames,
  };
}
