/**
 * Spectrogram frames of a signal fed in chunks, for every kind: linear, log and mel through
 * the streaming centred STFT (stft-stream.ts) and the axis reducers of stft-spectrograms.ts,
 * constant-Q through the streaming multirate CQT (cqt.ts). Frame t is centred on sample
 * t·hop and holds `bins` amplitudes (power for mel), bin 0 the lowest frequency; the values
 * are those of `createSpectrogram` before its dB conversion. Nothing but one window (STFT)
 * or one block (CQT) of samples is held.
 */

import type { HalfBandSumsFactory } from "../dsp/decimate.js";
import type { RealFft } from "../dsp/real-fft.js";
import { createCqtStream } from "./cqt.js";
import { CQT_DEFAULTS, type CqtOptions } from "./cqt-kernel.js";
import type { SpectrogramOptions } from "./create-spectrogram.js";
import type { SpectrogramKind } from "./spectrogram-matrix.js";
import { createAxisReducer, STFT_SPECTROGRAM_DEFAULTS } from "./stft-spectrograms.js";
import { createStftStream } from "./stft-stream.js";

/** `values` (bins numbers) is reused between calls: copy what you keep. */
export type SpectrogramFrameCallback = (frameIndex: number, values: Float32Array) => void;

export interface SpectrogramFrames {
  readonly kind: SpectrogramKind;
  readonly bins: number;
  /** Bin centre frequencies (Hz), ascending. */
  readonly frequencies: Float64Array;
  /** Values are power (mel) rather than amplitudes. */
  readonly power: boolean;
  /** Samples between frames (for constant-Q a multiple of the plan's hop quantum). */
  readonly hopSize: number;
  push(samples: Float32Array): void;
  /** Emits the remaining frames and returns the total count. */
  finish(): number;
}

export function createSpectrogramFrames(
  kind: SpectrogramKind,
  sampleRate: number,
  options: Partial<Omit<SpectrogramOptions, "rangeDb" | "ceilingDb">> & {
    /** Constant-Q only: a faster decimation kernel (see CqtStreamOptions). */
    readonly halfBandSums?: HalfBandSumsFactory | undefined;
    /** Constant-Q only: makes its FFT (see CqtStreamOptions). */
    readonly fftFactory?: ((size: number) => RealFft) | undefined;
  },
  onFrame: SpectrogramFrameCallback,
): SpectrogramFrames {
  if (!(sampleRate > 0)) throw new RangeError(`createSpectrogramFrames: sampleRate must be > 0, got ${sampleRate}`);
  const requestedHop = options.hopSize ?? STFT_SPECTROGRAM_DEFAULTS.hopSize;
  if (kind === "cqt") {
    const cqt: Partial<CqtOptions> = {
      minHz: options.minHz ?? CQT_DEFAULTS.minHz,
      maxHz: options.maxHz ?? Math.min(CQT_DEFAULTS.maxHz, 0.4 * sampleRate),
      binsPerOctave: options.binsPerOctave ?? CQT_DEFAULTS.binsPerOctave,
      filterScale: options.filterScale ?? CQT_DEFAULTS.filterScale,
      sparsity: options.sparsity ?? CQT_DEFAULTS.sparsity,
    };
    const stream = createCqtStream(
      sampleRate,
      {
        ...cqt,
        hopSize: requestedHop,
        blockSeconds: options.blockSeconds ?? 60,
        halfBandSums: options.halfBandSums,
        fftFactory: options.fftFactory,
      },
      onFrame,
    );
    return {
      kind,
      bins: stream.plan.bins,
      frequencies: stream.plan.frequencies,
      power: false,
      hopSize: stream.hopSize,
      push: (samples) => stream.push(samples),
      finish: () => stream.finish(),
    };
  }
  if (kind !== "linear" && kind !== "log" && kind !== "mel") {
    throw new RangeError(`createSpectrogramFrames: unknown kind ${String(kind)}`);
  }
  const axis = createAxisReducer(kind, sampleRate, options);
  const values = new Float32Array(axis.bins);
  const stft = createStftStream(sampleRate, axis.window, requestedHop, (t, spectrum) => {
    axis.reduce(spectrum, values, 0);
    onFrame(t, values);
  });
  return {
    kind,
    bins: axis.bins,
    frequencies: axis.frequencies,
    power: axis.power,
    hopSize: requestedHop,
    push: (samples) => stft.push(samples),
    finish: () => stft.finish(),
  };
}
