/**
 * Time–frequency matrices and their axes. `Stft` holds complex bins, `Spectrogram`
 * real values (magnitude, power, mel energies…); both are flat, frame-major
 * (row = frame) and carry hop, frame size and sample rate so that frame ↔ seconds and
 * bin ↔ Hz conversions always use the right axes.
 * Conventions follow librosa: with centred frames, frame t is centred on sample t·hop.
 */
import type { Hz, Seconds } from "../types.js";

/** Complex short-time Fourier transform, as produced by `stft`. */
export interface Stft {
  readonly frames: number;
  /** frameSize/2 + 1 (DC … Nyquist). */
  readonly bins: number;
  /** Samples per frame (the FFT size). */
  readonly frameSize: number;
  /** Samples between frame starts. */
  readonly hopSize: number;
  readonly sampleRate: Hz;
  /** True when frame t is centred on sample t·hopSize (the signal was padded by frameSize/2). */
  readonly center: boolean;
  /** frames·bins·2 values: [re, im] per bin, bins of frame 0 first. */
  readonly data: Float32Array;
}

/** A real matrix over frames × bins (magnitude, power, mel bands…). */
export interface Spectrogram {
  readonly frames: number;
  /** Values per frame: frameSize/2 + 1 for linear spectra, the band count for mel. */
  readonly bins: number;
  readonly hopSize: number;
  readonly frameSize: number;
  readonly sampleRate: Hz;
  /** As in `Stft`; absent means true (centred frames, the default everywhere). */
  readonly center?: boolean;
  /** frames·bins values, frame-major. */
  readonly data: Float32Array;
}

/** |X| per bin. NaN bins stay NaN. */
export function magnitudeSpectrogram(transform: Stft): Spectrogram {
  return reduceComplex(transform, false);
}

/** |X|² per bin. NaN bins stay NaN. */
export function powerSpectrogram(transform: Stft): Spectrogram {
  return reduceComplex(transform, true);
}

/**
 * Time in seconds of frame `frameIndex`: its centre for centred frames (librosa's
 * frames_to_time), its centre t·hop + frameSize/2 otherwise.
 */
export function frameTime(
  spectrogram: Pick<Spectrogram, "hopSize" | "frameSize" | "sampleRate" | "center">,
  frameIndex: number,
): Seconds {
  const offset = spectrogram.center === false ? spectrogram.frameSize / 2 : 0;
  return (frameIndex * spectrogram.hopSize + offset) / spectrogram.sampleRate;
}

/** Centre frequency in Hz of linear-frequency bin `bin` (k·sampleRate/frameSize). */
export function binFrequency(spectrogram: Pick<Spectrogram, "frameSize" | "sampleRate">, bin: number): Hz {
  return (bin * spectrogram.sampleRate) / spectrogram.frameSize;
}

function reduceComplex(transform: Stft, squared: boolean): Spectrogram {
  const { frames, bins, hopSize, frameSize, sampleRate, center } = transform;
  const source = transform.data;
  const data = new Float32Array(frames * bins);
  for (let i = 0; i < data.length; i++) {
    const re = source[2 * i]!;
    const im = source[2 * i + 1]!;
    const power = re * re + im * im;
    data[i] = squared ? power : Math.sqrt(power);
  }
  return { frames, bins, hopSize, frameSize, sampleRate, center, data };
}
