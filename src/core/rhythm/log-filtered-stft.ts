/**
 * The log-filtered spectrogram straight from the signal: frames exactly as `stft` (centred,
 * reflect padding, periodic window), FFT, magnitude, the log filterbank and log10(1 + λ·x),
 * one frame at a time. Equal to `logFilteredSpectrogram(magnitudeSpectrogram(stft(…)))`
 * without the complex STFT and the magnitude spectrogram in memory (for a 3-minute song at
 * 22.05 kHz with 1024/256 frames those are 63 MB and 32 MB), and in one pass.
 * Output: frames × bank.bands, same time axis as the STFT.
 * Reference: Böck & Widmer (2013), "Maximum filter vibrato suppression for onset
 *   detection", DAFx-13, section 2 (log-filtered spectrogram).
 */
import type { RealFft } from "../dsp/real-fft.js";
import type { Spectrogram } from "../dsp/spectrogram.js";
import { spectrumMagnitudes } from "../dsp/spectrum-magnitudes.js";
import { stftFrameCount, visitStftFrames } from "../dsp/stft.js";
import type { WindowKind } from "../dsp/windows.js";
import { type LogFilterbank, logFilterFrame } from "./log-filterbank.js";

export interface LogFilteredStftOptions {
  /** FFT size; a power of two; must match `bank.fftBins`. */
  readonly frameSize: number;
  readonly hopSize: number;
  readonly bank: LogFilterbank;
  /** λ in log10(1 + λ·x). */
  readonly multiplier: number;
  readonly window: WindowKind | Float32Array;
  /** An FFT of size frameSize (e.g. WebAssembly); default the core's own. */
  readonly fft?: RealFft;
}

export function logFilteredStft(
  samples: Float32Array,
  sampleRate: number,
  options: Pick<LogFilteredStftOptions, "frameSize" | "hopSize" | "bank"> & Partial<LogFilteredStftOptions>,
): Spectrogram {
  const { frameSize, hopSize, bank, multiplier = 1, window = "hann", fft } = options;
  const bins = (frameSize >> 1) + 1;
  if (bank.fftBins !== bins) {
    throw new RangeError(`logFilteredStft: bank expects ${bank.fftBins} bins, frameSize ${frameSize} gives ${bins}`);
  }
  const { bands } = bank;
  const frames = stftFrameCount(samples.length, frameSize, hopSize, true);
  const data = new Float32Array(frames * bands);
  const magnitude = new Float32Array(bins);
  const stftOptions = {
    frameSize,
    hopSize,
    window,
    center: true,
    padMode: "reflect" as const,
    ...(fft ? { fft } : {}),
  };
  visitStftFrames(samples, sampleRate, stftOptions, (t, spectrum) => {
    spectrumMagnitudes(spectrum, bins, magnitude);
    logFilterFrame(magnitude, 0, bank, multiplier, data, t * bands);
  });
  return { frames, bins: bands, frameSize, hopSize, sampleRate, center: true, data };
}
