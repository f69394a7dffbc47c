/**
 * Mel scale and triangular mel filterbank, matching librosa.filters.mel.
 * Scales: "slaney" (Auditory Toolbox: linear 200/3 Hz per mel below 1 kHz, logarithmic
 *   above with 27 mels per factor 6.4; librosa's default) and "htk" (2595·log10(1 + f/700)).
 * Band i is a triangle over FFT bin frequencies k·sampleRate/frameSize rising from
 *   mel point i to i+1 and falling to i+2, the melBands + 2 points evenly spaced in mel
 *   from minHz to maxHz. norm "slaney" scales each triangle by 2/(f[i+2] − f[i]) so its
 *   area in Hz is 1 (constant energy per band); "none" leaves peaks at 1.
 * Stored sparsely: each band keeps its first bin and its non-zero run of weights.
 * A band narrower than one bin may be empty (all zero), as in librosa.
 * References: Slaney (1998), "Auditory Toolbox", Interval Research TR 1998-010;
 *   Young et al., "The HTK Book"; McFee et al. (2015), librosa.
 */
import type { Hz } from "../types.js";
import type { Spectrogram } from "./spectrogram.js";

export type MelScale = "slaney" | "htk";

const SLANEY_HZ_PER_MEL = 200 / 3;
const SLANEY_BREAK_HZ = 1000;
const SLANEY_BREAK_MEL = SLANEY_BREAK_HZ / SLANEY_HZ_PER_MEL; // 15
const SLANEY_LOG_STEP = Math.log(6.4) / 27;

/** Hz → mel. Negative or NaN input gives NaN for the logarithmic parts. */
export function hzToMel(frequency: Hz, scale: MelScale = "slaney"): number {
  if (scale === "htk") return 2595 * Math.log10(1 + frequency / 700);
  if (frequency < SLANEY_BREAK_HZ) return frequency / SLANEY_HZ_PER_MEL;
  return SLANEY_BREAK_MEL + Math.log(frequency / SLANEY_BREAK_HZ) / SLANEY_LOG_STEP;
}

/** mel → Hz, the inverse of `hzToMel`. */
export function melToHz(mel: number, scale: MelScale = "slaney"): Hz {
  if (scale === "htk") return 700 * (10 ** (mel / 2595) - 1);
  if (mel < SLANEY_BREAK_MEL) return mel * SLANEY_HZ_PER_MEL;
  return SLANEY_BREAK_HZ * Math.exp(SLANEY_LOG_STEP * (mel - SLANEY_BREAK_MEL));
}

/** `count` frequencies evenly spaced in mel from minHz to maxHz (both included). */
export function melFrequencies(count: number, minHz: Hz, maxHz: Hz, scale: MelScale = "slaney"): Float64Array {
  const low = hzToMel(minHz, scale);
  const high = hzToMel(maxHz, scale);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = melToHz(count === 1 ? low : low + ((high - low) * i) / (count - 1), scale);
  return out;
}

export interface MelFilterbankOptions {
  readonly sampleRate: Hz;
  /** FFT size of the spectra the bank applies to (bins = frameSize/2 + 1); integer ≥ 2. */
  readonly frameSize: number;
  /** Number of bands; integer ≥ 1. */
  readonly melBands: number;
  /** Lower edge of the first band, 0 ≤ minHz < maxHz. */
  readonly minHz: Hz;
  /** Upper edge of the last band; ≤ sampleRate/2 is sensible (default sampleRate/2). */
  readonly maxHz?: Hz;
  readonly scale: MelScale;
  readonly norm: "slaney" | "none";
}

export const MEL_FILTERBANK_DEFAULTS: Omit<MelFilterbankOptions, "sampleRate"> = {
  frameSize: 2048,
  melBands: 128,
  minHz: 0,
  scale: "slaney",
  norm: "slaney",
};

export interface MelFilterbank {
  readonly sampleRate: Hz;
  readonly frameSize: number;
  /** Linear bins per input frame (frameSize/2 + 1). */
  readonly bins: number;
  readonly melBands: number;
  /** Centre frequency of each band in Hz (mel point i + 1). */
  readonly centerHz: Float64Array;
  /** First non-zero bin of each band. */
  readonly startBin: Int32Array;
  /** Offset of each band's weights in `weights`; band i has weightOffset[i+1] − weightOffset[i] of them. */
  readonly weightOffset: Int32Array;
  readonly weights: Float32Array;
}

export function createMelFilterbank(
  options: Partial<MelFilterbankOptions> & Pick<MelFilterbankOptions, "sampleRate">,
): MelFilterbank {
  const { sampleRate, frameSize, melBands, minHz, scale, norm } = { ...MEL_FILTERBANK_DEFAULTS, ...options };
  const maxHz = options.maxHz ?? sampleRate / 2;
  const fail = (parameter: string, expected: string, actual: number): never => {
    throw new RangeError(`createMelFilterbank: ${parameter} must be ${expected}, got ${actual}`);
  };
  if (!(sampleRate > 0 && Number.isFinite(sampleRate))) fail("sampleRate", "a finite number > 0", sampleRate);
  if (!(Number.isInteger(frameSize) && frameSize >= 2)) fail("frameSize", "an integer ≥ 2", frameSize);
  if (!(Number.isInteger(melBands) && melBands >= 1)) fail("melBands", "an integer ≥ 1", melBands);
  if (!(minHz >= 0)) fail("minHz", "≥ 0", minHz);
  if (!(maxHz > minHz && Number.isFinite(maxHz))) fail("maxHz", `finite and > minHz (${minHz})`, maxHz);
  const bins = (frameSize >> 1) + 1;
  const points = melFrequencies(melBands + 2, minHz, maxHz, scale);
  const binHz = sampleRate / frameSize;
  const startBin = new Int32Array(melBands);
  const weightOffset = new Int32Array(melBands + 1);
  const dense: number[] = [];
  for (let band = 0; band < melBands; band++) {
    const [lower, centre, upper] = [points[band]!, points[band + 1]!, points[band + 2]!];
    const scaleFactor = norm === "slaney" ? 2 / (upper - lower) : 1;
    let first = -1;
    const values: number[] = [];
    for (let k = Math.max(0, Math.floor(lower / binHz)); k < bins && k * binHz <= upper; k++) {
      const frequency = k * binHz;
      const weight = Math.max(
        0,
        Math.min((frequency - lower) / (centre - lower), (upper - frequency) / (upper - centre)),
      );
      if (first < 0 && !(weight > 0)) continue;
      if (first < 0) first = k;
      values.push(weight * scaleFactor);
    }
    while (values.length > 0 && !(values[values.length - 1]! > 0)) values.pop();
    startBin[band] = Math.max(first, 0);
    weightOffset[band] = dense.length;
    for (const value of values) dense.push(value);
  }
  weightOffset[melBands] = dense.length;
  return {
    sampleRate,
    frameSize,
    bins,
    melBands,
    centerHz: points.slice(1, melBands + 1),
    startBin,
    weightOffset,
    weights: Float32Array.from(dense),
  };
}

/**
 * Mel energies per frame: out[t, band] = Σ_k weights[band, k]·power[t, k]. Input is
 * usually a power spectrogram (librosa.feature.melspectrogram's default) with
 * bins = frameSize/2 + 1 of the bank; NaN bins give NaN in the bands covering them.
 * `out` (frames·melBands) is reused when given.
 */
export function applyMelFilterbank(
  spectrogram: Spectrogram,
  filterbank: MelFilterbank,
  out?: Float32Array,
): Spectrogram {
  const { frames, bins, hopSize, frameSize, sampleRate, center } = spectrogram;
  if (bins !== filterbank.bins) {
    throw new RangeError(`applyMelFilterbank: spectrogram bins must equal the bank's ${filterbank.bins}, got ${bins}`);
  }
  const melBands = filterbank.melBands;
  const data = out ?? new Float32Array(frames * melBands);
  if (data.length < frames * melBands) {
    throw new RangeError(`applyMelFilterbank: out length must be ≥ ${frames * melBands}, got ${data.length}`);
  }
  const { startBin, weightOffset, weights } = filterbank;
  const source = spectrogram.data;
  for (let t = 0; t < frames; t++) {
    const row = t * bins;
    for (let band = 0; band < melBands; band++) {
      const first = row + startBin[band]! - weightOffset[band]!;
      let sum = 0;
      for (let w = weightOffset[band]!; w < weightOffset[band + 1]!; w++) sum += weights[w]! * source[first + w]!;
      data[t * melBands + band] = sum;
    }
  }
  return { frames, bins: melBands, hopSize, frameSize, sampleRate, center, data };
}
