/**
 * Mel spectrogram as librosa.feature.melspectrogram: per frame t and band b,
 * M[t, b] = Σ_k W[b, k]·|X[t, k]|^exponent, W the Slaney-normalised Slaney-scale triangular
 * filterbank of src/core/dsp/mel.ts. Input: a magnitude spectrogram |X| (frames × bins,
 * bins = frameSize/2 + 1); exponent 2 gives the power mel spectrogram MFCCs start from.
 * Output: frames × melBands, same frame axis (hop, frame size, rate) as the input.
 * Nothing is allocated per frame; the filterbank is sparse (only non-zero weights).
 * Reference: Slaney (1998), Auditory Toolbox, TR 1998-010; McFee et al. (2015), librosa.
 */
import { createMelFilterbank, type MelFilterbank, type MelScale } from "../dsp/mel.js";
import type { Spectrogram } from "../dsp/spectrogram.js";
import type { Hz } from "../types.js";

export interface MelSpectrogramOptions {
  /** Number of mel bands; integer ≥ 1 (librosa: 128). */
  readonly melBands: number;
  /** Lower edge of the first band (Hz). */
  readonly minHz: Hz;
  /** Upper edge of the last band (Hz); null = Nyquist. */
  readonly maxHz: Hz | null;
  /** Exponent applied to the magnitudes before the bank: 2 = power (librosa default), 1 = magnitude. */
  readonly exponent: 1 | 2;
  readonly scale: MelScale;
  readonly norm: "slaney" | "none";
}

export const MEL_SPECTROGRAM_DEFAULTS: MelSpectrogramOptions = {
  melBands: 128,
  minHz: 0,
  maxHz: null,
  exponent: 2,
  scale: "slaney",
  norm: "slaney",
};

/** Per-frame mel energies: reads bins at `offset` of `magnitudes`, writes melBands values at `outOffset`. */
export type MelFrame = (magnitudes: Float32Array, offset: number, out: Float32Array, outOffset: number) => void;

/** Builds the filterbank for spectra of `frameSize` at `sampleRate` and the per-frame function. */
export function createMelSpectrogram(
  sampleRate: Hz,
  frameSize: number,
  options: Partial<MelSpectrogramOptions> = {},
): { readonly filterbank: MelFilterbank; readonly frame: MelFrame } {
  const { melBands, minHz, maxHz, exponent, scale, norm } = { ...MEL_SPECTROGRAM_DEFAULTS, ...options };
  const filterbank = createMelFilterbank({
    sampleRate,
    frameSize,
    melBands,
    minHz,
    maxHz: maxHz ?? sampleRate / 2,
    scale,
    norm,
  });
  const { startBin, weightOffset, weights } = filterbank;
  // Each bin is squared inside the band sums (about twice: bands overlap in pairs), which
  // costs less than a separate pass through a power buffer.
  const frame: MelFrame = (magnitudes, offset, out, outOffset) => {
    for (let band = 0; band < melBands; band++) {
      const first = offset + startBin[band]! - weightOffset[band]!;
      const end = weightOffset[band + 1]!;
      let sum = 0;
      if (exponent === 2) {
        for (let w = weightOffset[band]!; w < end; w++) {
          const value = magnitudes[first + w]!;
          sum += weights[w]! * value * value;
        }
      } else {
        for (let w = weightOffset[band]!; w < end; w++) sum += weights[w]! * magnitudes[first + w]!;
      }
      out[outOffset + band] = sum;
    }
  };
  return { filterbank, frame };
}

/** Mel spectrogram of a magnitude spectrogram (frames × melBands, frame-major). */
export function melSpectrogram(magnitude: Spectrogram, options: Partial<MelSpectrogramOptions> = {}): Spectrogram {
  const { frames, bins, hopSize, frameSize, sampleRate, center } = magnitude;
  if (bins !== (frameSize >> 1) + 1) {
    throw new RangeError(`melSpectrogram: bins must be frameSize/2 + 1 = ${(frameSize >> 1) + 1}, got ${bins}`);
  }
  const { filterbank, frame } = createMelSpectrogram(sampleRate, frameSize, options);
  const melBands = filterbank.melBands;
  const data = new Float32Array(frames * melBands);
  for (let t = 0; t < frames; t++) frame(magnitude.data, t * bins, data, t * melBands);
  return { frames, bins: melBands, hopSize, frameSize, sampleRate, center, data };
}
