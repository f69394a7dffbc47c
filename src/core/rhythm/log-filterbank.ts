/**
 * Logarithmically spaced triangular filterbank and logarithmic magnitude compression: the
 * "log-filtered spectrogram" that SuperFlux and most onset/beat detectors start from.
 * Band centres are `bandsPerOctave` per octave from `minHz` to `maxHz` (A4 = 440 Hz grid),
 * mapped to FFT bins; duplicate bins at low frequencies are merged (one band per distinct
 * bin), each triangle spans its neighbours' centres and is normalised to unit area.
 * Output value = log10(1 + multiplier · Σ_k w[b,k]·|X[k]|).
 * Stored sparsely: each band keeps its first bin and its run of weights.
 * Reference: Böck & Widmer (2013), "Maximum filter vibrato suppression for onset
 *   detection", DAFx-13, section 2 (filterbank with 24 bands per octave, log(λ·X + 1)).
 */
import type { Spectrogram } from "../dsp/spectrogram.js";
import type { Hz } from "../types.js";

export interface LogFilterbankOptions {
  readonly sampleRate: Hz;
  /** FFT size of the spectra the bank applies to (bins = frameSize/2 + 1); power of two. */
  readonly frameSize: number;
  /** Bands per octave; 12–24 typical. */
  readonly bandsPerOctave: number;
  /** Lowest band centre (Hz), > 0. */
  readonly minHz: Hz;
  /** Highest band centre (Hz); clipped to just below Nyquist. */
  readonly maxHz: Hz;
}

export const LOG_FILTERBANK_DEFAULTS = { bandsPerOctave: 24, minHz: 30, maxHz: 17_000 } as const;

export interface LogFilterbank {
  readonly bands: number;
  readonly fftBins: number;
  /** Centre frequency of each band (Hz). */
  readonly centerHz: Float64Array;
  readonly firstBin: Int32Array;
  /** Weights of band b: weights[weightOffset[b] … weightOffset[b + 1]). */
  readonly weightOffset: Int32Array;
  readonly weights: Float32Array;
}

export function createLogFilterbank(
  options: Pick<LogFilterbankOptions, "sampleRate" | "frameSize"> & Partial<LogFilterbankOptions>,
): LogFilterbank {
  const { sampleRate, frameSize, bandsPerOctave, minHz, maxHz } = { ...LOG_FILTERBANK_DEFAULTS, ...options };
  if (!(sampleRate > 0)) throw new RangeError(`createLogFilterbank: sampleRate must be > 0, got ${sampleRate}`);
  if (!(Number.isInteger(frameSize) && frameSize >= 4)) {
    throw new RangeError(`createLogFilterbank: frameSize must be an integer ≥ 4, got ${frameSize}`);
  }
  if (!(minHz > 0 && maxHz > minHz)) {
    throw new RangeError(`createLogFilterbank: need 0 < minHz < maxHz, got ${minHz}, ${maxHz}`);
  }
  const fftBins = (frameSize >> 1) + 1;
  const binHz = sampleRate / frameSize;
  const topHz = Math.min(maxHz, sampleRate / 2 - binHz);
  // Centre bins of the log-spaced frequencies, deduplicated (Böck & Widmer merge them too).
  const centers: number[] = [];
  const first = Math.ceil(bandsPerOctave * Math.log2(minHz / 440));
  for (let step = first; ; step++) {
    const frequency = 440 * 2 ** (step / bandsPerOctave);
    if (frequency > topHz) break;
    const bin = Math.round(frequency / binHz);
    if (centers.length === 0 || bin > centers[centers.length - 1]!) centers.push(bin);
  }
  const bands = Math.max(0, centers.length - 2);
  const centerHz = new Float64Array(bands);
  const firstBin = new Int32Array(bands);
  const weightOffset = new Int32Array(bands + 1);
  const weightList: number[] = [];
  for (let b = 0; b < bands; b++) {
    const start = centers[b]!;
    const mid = centers[b + 1]!;
    const stop = centers[b + 2]!;
    centerHz[b] = mid * binHz;
    firstBin[b] = start;
    weightOffset[b] = weightList.length;
    let area = 0;
    const run: number[] = [];
    for (let k = start; k < stop; k++) {
      const weight = k <= mid ? (k - start + 1) / (mid - start + 1) : (stop - k) / (stop - mid);
      run.push(weight);
      area += weight;
    }
    for (const weight of run) weightList.push(weight / area);
  }
  weightOffset[bands] = weightList.length;
  return { bands, fftBins, centerHz, firstBin, weightOffset, weights: Float32Array.from(weightList) };
}

/**
 * log10(1 + multiplier · filtered magnitude) for every frame of a magnitude spectrogram.
 * Output is a Spectrogram with `bank.bands` bins on the same time axis. NaN stays NaN.
 */
export function logFilteredSpectrogram(magnitude: Spectrogram, bank: LogFilterbank, multiplier = 1): Spectrogram {
  if (magnitude.bins !== bank.fftBins) {
    throw new RangeError(
      `logFilteredSpectrogram: spectrogram has ${magnitude.bins} bins, bank expects ${bank.fftBins}`,
    );
  }
  const { frames, bins } = magnitude;
  const source = magnitude.data;
  const data = new Float32Array(frames * bank.bands);
  for (let t = 0; t < frames; t++) logFilterFrame(source, t * bins, bank, multiplier, data, t * bank.bands);
  return { ...magnitude, bins: bank.bands, data };
}

/**
 * One frame of the log-filtered spectrogram: out[outOffset + b] = log10(1 + multiplier · Σ
 * weights·magnitude) for each band b of `bank`, reading the frame's bins at `row`.
 */
export function logFilterFrame(
  magnitude: Float32Array,
  row: number,
  bank: LogFilterbank,
  multiplier: number,
  out: Float32Array,
  outOffset: number,
): void {
  const { bands, firstBin, weightOffset, weights } = bank;
  for (let b = 0; b < bands; b++) {
    let sum = 0;
    const end = weightOffset[b + 1]!;
    for (let w = weightOffset[b]!, k = row + firstBin[b]!; w < end; w++, k++) sum += weights[w]! * magnitude[k]!;
    out[outOffset + b] = Math.log10(1 + multiplier * sum);
  }
}

/**
 * out[b] = log10(1 + multiplier · sums[b]) for b < sums.length: the compression of
 * `logFilterFrame`, for band sums computed elsewhere; a RhythmSpectrumKernel's `compress`
 * gives these values bit for bit.
 */
export function logCompressBands(sums: Float64Array, multiplier: number, out: Float32Array): void {
  const bands = sums.length;
  for (let b = 0; b < bands; b++) out[b] = Math.log10(1 + multiplier * sums[b]!);
}
