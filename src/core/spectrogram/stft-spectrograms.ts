/**
 * STFT-based spectrogram magnitudes on three frequency axes, frame by frame (the complex
 * transform is never held): linear (bins k·sr/N, k = 0…N/2), log (bins at
 * minHz·2^(b/B) up to maxHz: each the largest linear magnitude within ±half a log bin,
 * or, where log bins are narrower than linear ones, the linear magnitude interpolated at
 * the centre) and mel (power through the triangular filterbank of src/core/dsp/mel.ts with
 * peak-1 triangles, band centres as librosa.mel_frequencies).
 * Scaling: magnitudes are multiplied by 2/Σw so a full-scale sine on a bin reads 1
 * (mel: power 1). Frames are centred (frame t on sample t·hop, reflect padding).
 * References: Allen & Rabiner (1977); Slaney (1998) and librosa for the mel bank; Brown
 *   (1991) for the log-frequency view.
 */
import { melFrequencies } from "../dsp/mel.js";
import { spectrumMagnitudes } from "../dsp/spectrum-magnitudes.js";
import { visitStftFrames } from "../dsp/stft.js";
import { createWindow } from "../dsp/windows.js";
import { createMelSpectrogram } from "../features/mel-spectrogram.js";

export interface StftSpectrogramOptions {
  /** FFT size; a power of two ≥ 2. */
  readonly frameSize: number;
  readonly hopSize: number;
  /** Log axis: lowest bin centre (Hz, > 0); mel: lower edge of the first band. */
  readonly minHz: number;
  /** Highest frequency (Hz); null = Nyquist. */
  readonly maxHz: number | null;
  /** Log axis resolution; integer ≥ 1. */
  readonly binsPerOctave: number;
  /** Mel band count; integer ≥ 1. */
  readonly melBands: number;
}

export const STFT_SPECTROGRAM_DEFAULTS: StftSpectrogramOptions = {
  frameSize: 2048,
  hopSize: 512,
  minHz: 32.703,
  maxHz: null,
  binsPerOctave: 24,
  melBands: 128,
};

export interface AxisMagnitudes {
  readonly frames: number;
  readonly bins: number;
  /** frames × bins, frame-major; amplitudes (linear, log) or power (mel). */
  readonly data: Float32Array;
  readonly frequencies: Float64Array;
  readonly power: boolean;
  readonly hopSize: number;
}

/** One STFT axis: how a frame's spectrum becomes its `bins` values. */
export interface AxisReducer {
  readonly bins: number;
  readonly frequencies: Float64Array;
  /** True when the values are power (mel), else amplitudes. */
  readonly power: boolean;
  readonly frameSize: number;
  readonly window: Float32Array;
  /** Spectrum (interleaved complex bins 0…N/2) → out[offset … offset + bins). */
  reduce(spectrum: Float32Array, out: Float32Array, offset: number): void;
}

export function createAxisReducer(
  kind: "linear" | "log" | "mel",
  sampleRate: number,
  options: Partial<StftSpectrogramOptions> = {},
): AxisReducer {
  const o = { ...STFT_SPECTROGRAM_DEFAULTS, ...options };
  const { frameSize } = o;
  const nyquist = sampleRate / 2;
  const maxHz = Math.min(o.maxHz ?? nyquist, nyquist);
  const linearBins = frameSize / 2 + 1;
  const window = createWindow("hann", frameSize);
  let windowSum = 0;
  for (const w of window) windowSum += w;
  const gain = 2 / windowSum;
  const magnitudes = new Float32Array(linearBins);
  if (kind === "linear") {
    const frequencies = new Float64Array(linearBins);
    for (let k = 0; k < linearBins; k++) frequencies[k] = (k * sampleRate) / frameSize;
    return {
      bins: linearBins,
      frequencies,
      power: false,
      frameSize,
      window,
      reduce(spectrum, out, offset) {
        spectrumMagnitudes(spectrum, linearBins, out, offset);
        for (let k = 0; k < linearBins; k++) out[offset + k]! *= gain;
      },
    };
  }
  if (kind === "mel") {
    const { melBands } = o;
    const minHz = options.minHz ?? 0;
    const mel = createMelSpectrogram(sampleRate, frameSize, { melBands, minHz, maxHz, exponent: 2, norm: "none" });
    return {
      bins: melBands,
      frequencies: melFrequencies(melBands + 2, minHz, maxHz).slice(1, melBands + 1),
      power: true,
      frameSize,
      window,
      reduce(spectrum, out, offset) {
        spectrumMagnitudes(spectrum, linearBins, magnitudes, 0);
        for (let k = 0; k < linearBins; k++) magnitudes[k]! *= gain;
        mel.frame(magnitudes, 0, out, offset);
      },
    };
  }
  const { binsPerOctave, minHz } = o;
  if (!(minHz > 0 && maxHz > minHz)) throw new RangeError(`stftSpectrogram: need 0 < minHz < maxHz, got ${minHz}`);
  const bins = Math.floor(binsPerOctave * Math.log2(maxHz / minHz) + 1e-9) + 1;
  const frequencies = new Float64Array(bins);
  const lo = new Int32Array(bins);
  const hi = new Int32Array(bins);
  const binHz = sampleRate / frameSize;
  for (let b = 0; b < bins; b++) {
    const f = minHz * 2 ** (b / binsPerOctave);
    frequencies[b] = f;
    const edge = 2 ** (1 / (2 * binsPerOctave));
    lo[b] = Math.ceil(f / edge / binHz);
    hi[b] = Math.min(linearBins - 1, Math.floor((f * edge) / binHz));
  }
  return {
    bins,
    frequencies,
    power: false,
    frameSize,
    window,
    reduce(spectrum, out, offset) {
      spectrumMagnitudes(spectrum, linearBins, magnitudes, 0);
      for (let b = 0; b < bins; b++) {
        let value = 0;
        if (hi[b]! >= lo[b]!) {
          for (let k = lo[b]!; k <= hi[b]!; k++) value = Math.max(value, magnitudes[k]!);
        } else {
          const position = frequencies[b]! / binHz;
          const k = Math.min(linearBins - 2, Math.floor(position));
          const fraction = position - k;
          value = magnitudes[k]! * (1 - fraction) + magnitudes[k + 1]! * fraction;
        }
        out[offset + b] = value * gain;
      }
    },
  };
}

export function stftSpectrogram(
  kind: "linear" | "log" | "mel",
  samples: Float32Array,
  sampleRate: number,
  options: Partial<StftSpectrogramOptions> = {},
): AxisMagnitudes {
  const hopSize = options.hopSize ?? STFT_SPECTROGRAM_DEFAULTS.hopSize;
  const axis = createAxisReducer(kind, sampleRate, options);
  const { bins, frameSize, window } = axis;
  const frames = samples.length === 0 ? 0 : 1 + Math.floor(samples.length / hopSize);
  const data = new Float32Array(frames * bins);
  visitStftFrames(samples, sampleRate, { frameSize, hopSize, window }, (t, spectrum) => {
    axis.reduce(spectrum, data, t * bins);
  });
  return { frames, bins, data, frequencies: axis.frequencies, power: axis.power, hopSize };
}
