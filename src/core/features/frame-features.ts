/**
 * Every per-frame timbre feature of one track in one pass over its magnitude spectrogram:
 * spectral centroid, bandwidth, roll-off, flatness and contrast, MFCCs from the power mel
 * spectrogram, and zero-crossing rate and RMS from the waveform framed like the STFT.
 * Each is librosa's definition (see the feature's own module); frames share the
 * spectrogram's axis: frame t is centred on sample t·hopSize (for centred spectrograms).
 * Matrices (MFCC, contrast) are frame-major: value k of frame t at t·width + k.
 * Per frame nothing is allocated; every output is allocated once up front.
 * Reference: McFee et al. (2015), "librosa: Audio and music signal analysis in Python".
 */
import type { Spectrogram } from "../dsp/spectrogram.js";
import { frameRms } from "./frame-rms.js";
import { melSpectrogram } from "./mel-spectrogram.js";
import { MFCC_DEFAULTS, mfcc } from "./mfcc.js";
import {
  contrastFromPeaksAndValleys,
  createSpectralContrast,
  SPECTRAL_CONTRAST_DEFAULTS,
  type SpectralContrastOptions,
} from "./spectral-contrast.js";
import { createSpectralShape, SPECTRAL_SHAPE_DEFAULTS } from "./spectral-shape.js";
import { zeroCrossingRate } from "./zero-crossing-rate.js";

export interface FrameFeaturesOptions {
  /** MFCCs kept per frame (librosa: 20). */
  readonly mfccCoefficients: number;
  /** Mel bands of the mel spectrogram computed when none is given (librosa: 128). */
  readonly melBands: number;
  /** Roll-off share of the magnitude (librosa: 0.85). */
  readonly rolloffFraction: number;
  readonly contrast: Omit<SpectralContrastOptions, "sampleRate" | "frameSize">;
}

export const FRAME_FEATURES_DEFAULTS: FrameFeaturesOptions = {
  mfccCoefficients: MFCC_DEFAULTS.coefficients,
  melBands: 128,
  rolloffFraction: SPECTRAL_SHAPE_DEFAULTS.rolloffFraction,
  contrast: SPECTRAL_CONTRAST_DEFAULTS,
};

export interface FrameFeatures {
  readonly frames: number;
  readonly hopSize: number;
  readonly frameSize: number;
  readonly sampleRate: number;
  readonly center: boolean;
  readonly centroidHz: Float32Array;
  readonly bandwidthHz: Float32Array;
  readonly rolloffHz: Float32Array;
  /** Geometric / arithmetic mean of the power spectrum, (0, 1]. */
  readonly flatness: Float32Array;
  /** Values per frame in `contrastDb`: octave bands + 1. */
  readonly contrastBands: number;
  readonly contrastDb: Float32Array;
  readonly zeroCrossingRate: Float32Array;
  /** Linear full-scale RMS per frame. */
  readonly rms: Float32Array;
  /** Values per frame in `mfcc`. */
  readonly mfccCoefficients: number;
  readonly mfcc: Float32Array;
}

/**
 * Features of the track whose magnitude spectrogram is `magnitude` and whose waveform
 * (at the spectrogram's rate, the signal the STFT was taken of) is `samples`.
 * `melPower` is the power mel spectrogram of `magnitude` when already at hand.
 */
export function frameFeatures(
  magnitude: Spectrogram,
  samples: Float32Array,
  options: Partial<FrameFeaturesOptions> = {},
  melPower?: Spectrogram,
): FrameFeatures {
  const resolved = { ...FRAME_FEATURES_DEFAULTS, ...options };
  const { frames, bins, hopSize, frameSize, sampleRate } = magnitude;
  const center = magnitude.center !== false;
  const axis = { sampleRate, frameSize };
  const mel = melPower ?? melSpectrogram(magnitude, { melBands: resolved.melBands });
  if (mel.frames !== frames) {
    throw new RangeError(`frameFeatures: melPower must have ${frames} frames, got ${mel.frames}`);
  }
  const framing = { frameSize, hopSize, center };
  const zeroCrossings = zeroCrossingRate(samples, framing);
  if (zeroCrossings.length !== frames) {
    throw new RangeError(
      `frameFeatures: samples frame to ${zeroCrossings.length} frames, the spectrogram has ${frames}; pass the STFT's own signal`,
    );
  }
  const shape = createSpectralShape({ ...axis, rolloffFraction: resolved.rolloffFraction });
  const contrast = createSpectralContrast({ ...axis, ...resolved.contrast });
  const out = {
    centroidHz: new Float32Array(frames),
    bandwidthHz: new Float32Array(frames),
    rolloffHz: new Float32Array(frames),
    flatness: new Float32Array(frames),
    peaks: new Float32Array(frames * contrast.bands),
    valleys: new Float32Array(frames * contrast.bands),
  };
  const data = magnitude.data;
  for (let t = 0; t < frames; t++) {
    const offset = t * bins;
    shape(data, offset, out, t);
    contrast.frame(data, offset, out.peaks, out.valleys, t * contrast.bands);
  }
  const cepstrum = mfcc(mel, { coefficients: resolved.mfccCoefficients });
  return {
    frames,
    hopSize,
    frameSize,
    sampleRate,
    center,
    centroidHz: out.centroidHz,
    bandwidthHz: out.bandwidthHz,
    rolloffHz: out.rolloffHz,
    flatness: out.flatness,
    contrastBands: contrast.bands,
    contrastDb: contrastFromPeaksAndValleys(out.peaks, out.valleys),
    zeroCrossingRate: zeroCrossings,
    rms: frameRms(samples, framing),
    mfccCoefficients: cepstrum.bins,
    mfcc: cepstrum.data,
  };
}
