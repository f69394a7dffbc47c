/**
 * One entry point for the four spectrogram kinds: linear, log-frequency and mel from the
 * STFT (`stft-spectrograms.ts`), constant-Q from the multirate CQT (`cqt.ts`), each turned
 * into a `SpectrogramMatrix` in dB with its time and frequency axes.
 * `hopSize` for "cqt" is rounded up to the CQT plan's hop quantum (see `cqt-kernel.ts`);
 * `hopSeconds` in the result is the hop actually used.
 */

import type { RealFft } from "../dsp/real-fft.js";
import { constantQ } from "./cqt.js";
import { CQT_DEFAULTS, type CqtOptions } from "./cqt-kernel.js";
import {
  amplitudesToDb,
  centredFrameTimes,
  type DecibelOptions,
  type SpectrogramKind,
  type SpectrogramMatrix,
} from "./spectrogram-matrix.js";
import { STFT_SPECTROGRAM_DEFAULTS, type StftSpectrogramOptions, stftSpectrogram } from "./stft-spectrograms.js";

export interface SpectrogramOptions extends StftSpectrogramOptions, DecibelOptions {
  /** CQT only: window length scale and kernel sparsity (see CqtOptions). */
  readonly filterScale: number;
  readonly sparsity: number;
  /** CQT only: seconds of signal per processing block (memory bound). */
  readonly blockSeconds: number;
}

export function createSpectrogram(
  kind: SpectrogramKind,
  samples: Float32Array,
  sampleRate: number,
  options: Partial<SpectrogramOptions> & {
    /** CQT only: makes its FFT (see CqtStreamOptions); the numbers agree to Float32 rounding. */
    readonly fftFactory?: ((size: number) => RealFft) | undefined;
  } = {},
): SpectrogramMatrix {
  if (!(sampleRate > 0)) throw new RangeError(`createSpectrogram: sampleRate must be > 0, got ${sampleRate}`);
  const decibels = { rangeDb: options.rangeDb, ceilingDb: options.ceilingDb };
  const clean: Partial<DecibelOptions> = Object.fromEntries(
    Object.entries(decibels).filter(([, value]) => value !== undefined),
  );
  if (kind === "cqt") {
    const cqtOptions: Partial<CqtOptions> & {
      hopSize?: number;
      blockSeconds?: number;
      fftFactory?: ((size: number) => RealFft) | undefined;
    } = {
      minHz: options.minHz ?? CQT_DEFAULTS.minHz,
      maxHz: options.maxHz ?? Math.min(CQT_DEFAULTS.maxHz, 0.4 * sampleRate),
      binsPerOctave: options.binsPerOctave ?? CQT_DEFAULTS.binsPerOctave,
      filterScale: options.filterScale ?? CQT_DEFAULTS.filterScale,
      sparsity: options.sparsity ?? CQT_DEFAULTS.sparsity,
      hopSize: options.hopSize ?? STFT_SPECTROGRAM_DEFAULTS.hopSize,
      blockSeconds: options.blockSeconds ?? 60,
      fftFactory: options.fftFactory,
    };
    const result = constantQ(samples, sampleRate, cqtOptions);
    const range = amplitudesToDb(result.data, false, clean);
    return {
      kind,
      frames: result.frames,
      bins: result.plan.bins,
      data: result.data,
      times: centredFrameTimes(result.frames, result.hopSize, sampleRate),
      frequencies: result.plan.frequencies,
      hopSeconds: result.hopSize / sampleRate,
      ...range,
    };
  }
  if (kind !== "linear" && kind !== "log" && kind !== "mel") {
    throw new RangeError(`createSpectrogram: unknown kind ${String(kind)}`);
  }
  const result = stftSpectrogram(kind, samples, sampleRate, options);
  const range = amplitudesToDb(result.data, result.power, clean);
  return {
    kind,
    frames: result.frames,
    bins: result.bins,
    data: result.data,
    times: centredFrameTimes(result.frames, result.hopSize, sampleRate),
    frequencies: result.frequencies,
    hopSeconds: result.hopSize / sampleRate,
    ...range,
  };
}
