/**
 * Spectral contrast as librosa.feature.spectral_contrast (Jiang et al. 2002): the frame's
 * magnitude spectrum is split into octave bands [0, f0], [f0, 2f0], …, [2^(n−1)·f0, Nyquist]
 * (default f0 = 200 Hz, n = 6: 7 values per frame, the last the residual band above
 * 6.4 kHz). In each band, peak = mean of its q largest magnitudes and valley = mean of its
 * q smallest, q = max(1, round-half-even(quantile·bins in band)), quantile 0.02; then
 *   contrast = dB(peak) − dB(valley),  dB(x) = max(10·log10(max(1e-10, x)), max_all − 80)
 * with max_all the largest value of that matrix (peaks or valleys) over all frames — librosa's
 * power_to_db on the band means, top_db 80. Band edges follow librosa exactly: each band
 * above the first starts one bin below f_low, each but the last drops its top bin.
 * Contrast is ≥ 0 dB: large for peaky (tonal) bands, small for noise; 0 for silence.
 * References: Jiang, Lu, Zhang, Tao & Cai (2002), "Music type classification by spectral
 *   contrast feature", ICME; McFee et al. (2015), librosa.
 */
import type { Spectrogram } from "../dsp/spectrogram.js";
import type { Hz } from "../types.js";
import { clampBelow, POWER_TO_DB_DEFAULTS, powerToDb } from "./power-to-db.js";

export interface SpectralContrastOptions {
  /** Rate of the analysed signal (Hz). */
  readonly sampleRate: Hz;
  /** FFT size of the spectra; frames carry frameSize/2 + 1 bins; integer ≥ 2. */
  readonly frameSize: number;
  /** Upper edge of the first band (Hz); > 0 (librosa: 200). */
  readonly minHz: Hz;
  /** Octave bands above the first edge; integer ≥ 1; the lowest edge of each must be below Nyquist. */
  readonly octaveBands: number;
  /** Share of each band's bins averaged for peak and valley; in (0, 1) (librosa: 0.02). */
  readonly quantile: number;
}

export const SPECTRAL_CONTRAST_DEFAULTS: Omit<SpectralContrastOptions, "sampleRate" | "frameSize"> = {
  minHz: 200,
  octaveBands: 6,
  quantile: 0.02,
};

/** Writes the linear peak and valley means of each band (octaveBands + 1 values) at `outOffset`. */
export type SpectralContrastFrame = (
  magnitudes: Float32Array,
  offset: number,
  peaks: Float32Array,
  valleys: Float32Array,
  outOffset: number,
) => void;

export interface SpectralContrastKernel {
  /** Values per frame: octaveBands + 1. */
  readonly bands: number;
  readonly frame: SpectralContrastFrame;
  /** Each band's bins [start, end) and how many of them its peak and valley average. */
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly count: Int32Array;
}

function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const rest = value - floor;
  if (rest !== 0.5) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}

export function createSpectralContrast(
  options: Pick<SpectralContrastOptions, "sampleRate" | "frameSize"> & Partial<SpectralContrastOptions>,
): SpectralContrastKernel {
  const { sampleRate, frameSize, minHz, octaveBands, quantile } = { ...SPECTRAL_CONTRAST_DEFAULTS, ...options };
  const fail = (message: string): never => {
    throw new RangeError(`createSpectralContrast: ${message}`);
  };
  if (!(sampleRate > 0 && Number.isFinite(sampleRate)))
    fail(`sampleRate must be a finite number > 0, got ${sampleRate}`);
  if (!(Number.isInteger(frameSize) && frameSize >= 2)) fail(`frameSize must be an integer ≥ 2, got ${frameSize}`);
  const bins = (frameSize >> 1) + 1;
  const binHz = sampleRate / frameSize;
  if (!(minHz > 0)) fail(`minHz must be > 0, got ${minHz}`);
  if (!(Number.isInteger(octaveBands) && octaveBands >= 1))
    fail(`octaveBands must be an integer ≥ 1, got ${octaveBands}`);
  if (!(quantile > 0 && quantile < 1)) fail(`quantile must be in (0, 1), got ${quantile}`);
  if (minHz * 2 ** (octaveBands - 1) >= sampleRate / 2) {
    fail(
      `the top band's lower edge ${minHz * 2 ** (octaveBands - 1)} Hz must be below Nyquist; reduce minHz or octaveBands`,
    );
  }
  const bands = octaveBands + 1;
  const start = new Int32Array(bands);
  const end = new Int32Array(bands);
  const count = new Int32Array(bands);
  for (let band = 0; band < bands; band++) {
    const lowHz = band === 0 ? 0 : minHz * 2 ** (band - 1);
    const highHz = minHz * 2 ** band;
    const first = Math.ceil(lowHz / binHz - 1e-9);
    const last = Math.min(bins - 1, Math.floor(highHz / binHz + 1e-9));
    if (first > last) fail(`band ${band} (${lowHz}–${highHz} Hz) holds no bin at ${binHz} Hz per bin`);
    const from = band > 0 ? first - 1 : first;
    const through = band === octaveBands ? bins - 1 : last;
    start[band] = from;
    end[band] = band === octaveBands ? bins : through;
    count[band] = Math.max(1, roundHalfEven(quantile * (through - from + 1)));
    if (end[band]! - start[band]! < count[band]!) fail(`band ${band} has fewer bins than its quantile needs`);
  }
  const largestCount = Math.max(...count);
  const smallest = new Float64Array(largestCount);
  const largest = new Float64Array(largestCount);
  const frame: SpectralContrastFrame = (magnitudes, offset, peaks, valleys, outOffset) => {
    for (let band = 0; band < bands; band++) {
      const keep = count[band]!;
      const from = offset + start[band]!;
      const to = offset + end[band]!;
      for (let i = 0; i < keep; i++) {
        const value = magnitudes[from + i]!;
        insertAscending(smallest, i, value);
        insertDescending(largest, i, value);
      }
      // Only a value beyond the current q-th smallest (largest) enters that set.
      let smallestKept = smallest[keep - 1]!;
      let largestKept = largest[keep - 1]!;
      for (let k = from + keep; k < to; k++) {
        const value = magnitudes[k]!;
        if (value < smallestKept) {
          insertAscending(smallest, keep - 1, value);
          smallestKept = smallest[keep - 1]!;
        }
        if (value > largestKept) {
          insertDescending(largest, keep - 1, value);
          largestKept = largest[keep - 1]!;
        }
      }
      let low = 0;
      let high = 0;
      for (let i = 0; i < keep; i++) {
        low += smallest[i]!;
        high += largest[i]!;
      }
      valleys[outOffset + band] = low / keep;
      peaks[outOffset + band] = high / keep;
    }
  };
  return { bands, frame, start, end, count };
}

/** Puts `value` into the ascending run buffer[0..length], dropping what falls off position `length`. */
function insertAscending(buffer: Float64Array, length: number, value: number): void {
  let i = length;
  while (i > 0 && buffer[i - 1]! > value) {
    buffer[i] = buffer[i - 1]!;
    i--;
  }
  buffer[i] = value;
}

function insertDescending(buffer: Float64Array, length: number, value: number): void {
  let i = length;
  while (i > 0 && buffer[i - 1]! < value) {
    buffer[i] = buffer[i - 1]!;
    i--;
  }
  buffer[i] = value;
}

/**
 * Contrast in dB from the peak and valley matrices of every frame (overwrites `peaks`
 * with the contrast and `valleys` with the valley dB), with librosa's global top-dB clamp.
 */
export function contrastFromPeaksAndValleys(peaks: Float32Array, valleys: Float32Array): Float32Array {
  powerToDb(peaks, { topDb: null });
  powerToDb(valleys, { topDb: null });
  const topDb = POWER_TO_DB_DEFAULTS.topDb ?? 80;
  clampBelow(peaks, largestOf(peaks) - topDb);
  clampBelow(valleys, largestOf(valleys) - topDb);
  for (let i = 0; i < peaks.length; i++) peaks[i] = peaks[i]! - valleys[i]!;
  return peaks;
}

function largestOf(values: Float32Array): number {
  let largest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) if (values[i]! > largest) largest = values[i]!;
  return largest;
}

/** Spectral contrast of a magnitude spectrogram: frames × (octaveBands + 1) in dB, frame-major. */
export function spectralContrast(
  magnitude: Spectrogram,
  options: Partial<Omit<SpectralContrastOptions, "sampleRate" | "frameSize">> = {},
): Spectrogram {
  const { frames, bins, hopSize, frameSize, sampleRate, center } = magnitude;
  const kernel = createSpectralContrast({ sampleRate, frameSize, ...options });
  const peaks = new Float32Array(frames * kernel.bands);
  const valleys = new Float32Array(frames * kernel.bands);
  for (let t = 0; t < frames; t++) kernel.frame(magnitude.data, t * bins, peaks, valleys, t * kernel.bands);
  const data = contrastFromPeaksAndValleys(peaks, valleys);
  return { frames, bins: kernel.bands, hopSize, frameSize, sampleRate, center, data };
}
