/**
 * Inverse STFT by weighted overlap-add: each frame is inverse-transformed, multiplied
 * by the synthesis window and added at t·hop; the sum is divided by Σ_t w²[n − t·hop]
 * wherever that window sum exceeds 1e−10 (elsewhere the sample is 0). This is the
 * least-squares signal estimate of Griffin & Lim, so istft(stft(x)) = x to rounding
 * for any window whose squared sum does not vanish (e.g. Hann at 50 % or 75 % overlap).
 * Centred transforms drop the frameSize/2 samples of padding at the start; the output
 * has `length` samples when given (zero-filled past the last frame), else
 * hop·(frames − 1) (centred) or frameSize + hop·(frames − 1) (not centred); 0 frames
 * give an empty signal. NaN bins make NaN samples where their frame overlaps.
 * Reference: Griffin & Lim (1984), "Signal estimation from modified short-time Fourier
 *   transform", IEEE Trans. ASSP 32(2), eq. 6; output length as librosa.istft.
 */
import { createRealFft, type RealFft } from "./real-fft.js";
import type { Stft } from "./spectrogram.js";
import { checkStftOptions, resolveWindow } from "./stft.js";
import type { WindowKind } from "./windows.js";

export interface IstftOptions {
  /** The analysis window used by `stft` (a kind, periodic, or the array itself). */
  readonly window: WindowKind | Float32Array;
  /** Exact output length in samples (trims or zero-fills); integer ≥ 0. */
  readonly length?: number;
  /** An FFT of size frameSize to use instead of the built-in one. */
  readonly fft?: RealFft;
}

export const ISTFT_DEFAULTS: IstftOptions = { window: "hann" };

const WINDOW_SUM_FLOOR = 1e-10;

export function istft(transform: Stft, options: Partial<IstftOptions> = {}): Float32Array {
  const resolved = { ...ISTFT_DEFAULTS, ...options };
  const { frames, bins, frameSize, hopSize, center, sampleRate } = transform;
  checkStftOptions("istft", sampleRate, { frameSize, hopSize, fft: resolved.fft });
  if (bins !== (frameSize >> 1) + 1 || transform.data.length < frames * bins * 2) {
    throw new RangeError(
      `istft: data must hold frames·(frameSize/2+1)·2 = ${frames * ((frameSize >> 1) + 1) * 2} values, got ${transform.data.length}`,
    );
  }
  const length = resolved.length;
  if (length !== undefined && !(Number.isInteger(length) && length >= 0)) {
    throw new RangeError(`istft: length must be an integer ≥ 0, got ${length}`);
  }
  const window = resolveWindow("istft", resolved.window, frameSize);
  const fft = resolved.fft ?? createRealFft(frameSize);
  const pad = center ? frameSize >> 1 : 0;
  const naturalLength = frames === 0 ? 0 : frameSize + hopSize * (frames - 1) - 2 * pad;
  const outputLength = length ?? naturalLength;
  // Overlap-add over the padded span (Float64 sums), then trim the padding.
  const spanLength = frames === 0 ? 0 : frameSize + hopSize * (frames - 1);
  const sum = new Float64Array(spanLength);
  const windowSum = new Float64Array(spanLength);
  const spectrum = new Float32Array(frameSize + 2);
  const frame = new Float32Array(frameSize);
  const data = transform.data;
  for (let t = 0; t < frames; t++) {
    const offset = 2 * bins * t;
    for (let i = 0; i < 2 * bins; i++) spectrum[i] = data[offset + i]!;
    fft.inverse(spectrum, frame);
    const start = t * hopSize;
    for (let n = 0; n < frameSize; n++) {
      const weight = window[n]!;
      sum[start + n] += frame[n]! * weight;
      windowSum[start + n] += weight * weight;
    }
  }
  const out = new Float32Array(outputLength);
  const available = Math.min(outputLength, spanLength - pad);
  for (let i = 0; i < available; i++) {
    const norm = windowSum[i + pad]!;
    out[i] = norm > WINDOW_SUM_FLOOR ? sum[i + pad]! / norm : 0;
  }
  return out;
}
