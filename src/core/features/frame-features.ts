/**
 * Every per-frame timbre feature of one track, frame by frame as STFT frames stream in:
 * spectral centroid, bandwidth, roll-off, flatness and contrast, the power mel spectrum,
 * and zero-crossing rate and RMS from the frame's waveform; MFCCs at the end (their 80 dB
 * floor is relative to the whole mel spectrogram's peak). Each is librosa's definition
 * (see the feature's own module); frames share the STFT's axis: frame t is centred on
 * sample t·hopSize (for centred frames). Matrices (MFCC, contrast) are frame-major: value
 * k of frame t at t·width + k. Per frame nothing is allocated; rows grow geometrically.
 * `frameFeatures` is the same computation over a whole magnitude spectrogram and waveform.
 * Reference: McFee et al. (2015), "librosa: Audio and music signal analysis in Python".
 */

import { createFrameRows } from "../dsp/frame-rows.js";
import type { Spectrogram } from "../dsp/spectrogram.js";
import type { TonalSpectrumKernel, TonalSpectrumLayout } from "../dsp/spectrum-frame-kernels.js";
import { createFrameWaveformStats } from "./frame-waveform-stats.js";
import { createMelSpectrogram } from "./mel-spectrogram.js";
import { type FoldedDctKernelFactory, MFCC_DEFAULTS, mfcc } from "./mfcc.js";
import {
  contrastFromPeaksAndValleys,
  createSpectralContrast,
  SPECTRAL_CONTRAST_DEFAULTS,
  type SpectralContrastOptions,
} from "./spectral-contrast.js";
import { createSpectralShape, createSpectralShapeFromSums, SPECTRAL_SHAPE_DEFAULTS } from "./spectral-shape.js";
import { waveformFrameCount } from "./waveform-frames.js";
import { ZERO_CROSSING_RATE_DEFAULTS } from "./zero-crossing-rate.js";

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
 * (at the spectrogram's rate, the signal the STFT was taken of) is `samples`: the streaming
 * form below fed frame by frame.
 */
export function frameFeatures(
  magnitude: Spectrogram,
  samples: Float32Array,
  options: Partial<FrameFeaturesOptions> = {},
): FrameFeatures {
  const { frames, bins, hopSize, frameSize, sampleRate } = magnitude;
  const center = magnitude.center !== false;
  const expected = waveformFrameCount("frameFeatures", samples.length, { frameSize, hopSize, center });
  if (expected !== frames) {
    throw new RangeError(
      `frameFeatures: samples frame to ${expected} frames, the spectrogram has ${frames}; pass the STFT's own signal`,
    );
  }
  const rows = createFrameFeatureRows({ sampleRate, frameSize, hopSize, center }, options, frames);
  const frame = new Float32Array(frameSize);
  const pad = center ? frameSize >> 1 : 0;
  for (let t = 0; t < frames; t++) {
    const start = t * hopSize - pad;
    const validFrom = Math.max(0, -start);
    const validTo = Math.min(frameSize, samples.length - start);
    frame.set(samples.subarray(start + validFrom, start + validTo), validFrom);
    rows.frame(magnitude.data, t * bins, frame, validFrom, validTo);
  }
  return rows.finish();
}

/** Where each STFT frame's scalar features sit in the per-frame row. */
const [CENTROID, BANDWIDTH, ROLLOFF, FLATNESS, ZCR, RMS, SCALARS] = [0, 1, 2, 3, 4, 5, 6];

/** Frame features collected while STFT frames stream in (see `createFrameFeatureRows`). */
export interface FrameFeatureRows {
  /**
   * The next frame: its magnitude bins at magnitudes[offset …] and its raw (unwindowed)
   * samples, of which frame[validFrom … validTo) are signal and the rest padding.
   */
  frame(magnitudes: Float32Array, offset: number, frame: Float32Array, validFrom: number, validTo: number): void;
  /**
   * The same from a spectrum kernel that has just run on the frame's spectrum (its layout
   * made with `spectrumLayout`): the same values as `frame(kernel.magnitudes, 0, …)`.
   */
  frameFromKernel(kernel: TonalSpectrumKernel, frame: Float32Array, validFrom: number, validTo: number): void;
  /** The banks and parameters a TonalSpectrumKernel needs to compute these features' sums. */
  readonly spectrumLayout: Omit<TonalSpectrumLayout, "bins" | "window" | "peakFrom" | "peakThrough" | "peakFloor">;
  /** Ends the stream: the features of every frame (MFCCs need the whole mel spectrogram's peak). */
  finish(): FrameFeatures;
}

/** The STFT axis the frames come from. */
export interface FrameAxis {
  readonly sampleRate: number;
  readonly frameSize: number;
  readonly hopSize: number;
  readonly center: boolean;
}

/**
 * Streaming frame features: each frame's spectral shape, contrast, mel energies, zero-
 * crossing rate and RMS as it arrives; MFCCs at the end. Zero-crossing rate and RMS read
 * only the frame's signal samples: padding counts as zeros for the RMS (librosa's constant
 * padding) and adds no crossing (librosa's edge padding). `expectedFrames` sizes the storage.
 */
export function createFrameFeatureRows(
  axis: FrameAxis,
  options: Partial<FrameFeaturesOptions> = {},
  expectedFrames = 0,
  foldedDct?: FoldedDctKernelFactory,
): FrameFeatureRows {
  const resolved = { ...FRAME_FEATURES_DEFAULTS, ...options };
  const { sampleRate, frameSize } = axis;
  const shape = createSpectralShape({ sampleRate, frameSize, rolloffFraction: resolved.rolloffFraction });
  const contrast = createSpectralContrast({ sampleRate, frameSize, ...resolved.contrast });
  const mel = createMelSpectrogram(sampleRate, frameSize, { melBands: resolved.melBands });
  const scalars = createFrameRows(SCALARS, expectedFrames);
  const peakRows = createFrameRows(contrast.bands, expectedFrames);
  const valleyRows = createFrameRows(contrast.bands, expectedFrames);
  const melRows = createFrameRows(resolved.melBands, expectedFrames);
  const shapeOut = {
    centroidHz: new Float32Array(1),
    bandwidthHz: new Float32Array(1),
    rolloffHz: new Float32Array(1),
    flatness: new Float32Array(1),
  };
  const waveformStats = createFrameWaveformStats(axis, -ZERO_CROSSING_RATE_DEFAULTS.threshold);
  const waveform = new Float64Array(2);
  const shapeFromSums = createSpectralShapeFromSums({
    sampleRate,
    frameSize,
    rolloffFraction: resolved.rolloffFraction,
  });
  /** Zero-crossing rate and RMS of the frame's samples into row `row`. */
  const waveformFigures = (
    frame: Float32Array,
    validFrom: number,
    validTo: number,
    values: Float32Array,
    row: number,
  ) => {
    waveformStats(frame, validFrom, validTo, waveform);
    values[row + ZCR] = waveform[0]! / frameSize;
    values[row + RMS] = Math.sqrt(waveform[1]! / frameSize);
  };
  return {
    spectrumLayout: {
      rolloffFraction: resolved.rolloffFraction,
      flatnessAmin: SPECTRAL_SHAPE_DEFAULTS.flatnessAmin,
      melStartBin: mel.filterbank.startBin,
      melWeightOffset: mel.filterbank.weightOffset,
      melWeights: mel.filterbank.weights,
      contrastStart: contrast.start,
      contrastEnd: contrast.end,
      contrastCount: contrast.count,
    },
    frameFromKernel(kernel, frame, validFrom, validTo) {
      const t = scalars.rows;
      const row = scalars.row(t);
      const values = scalars.data;
      shapeFromSums(kernel.shape, kernel.flatnessProducts, kernel.magnitudes, 0, shapeOut, 0);
      values[row + CENTROID] = shapeOut.centroidHz[0]!;
      values[row + BANDWIDTH] = shapeOut.bandwidthHz[0]!;
      values[row + ROLLOFF] = shapeOut.rolloffHz[0]!;
      values[row + FLATNESS] = shapeOut.flatness[0]!;
      waveformFigures(frame, validFrom, validTo, values, row);
      const contrastRow = peakRows.row(t);
      valleyRows.row(t);
      peakRows.data.set(kernel.contrastPeaks, contrastRow);
      valleyRows.data.set(kernel.contrastValleys, contrastRow);
      const melRow = melRows.row(t); // before reading data: growing replaces the array
      melRows.data.set(kernel.mel, melRow);
    },
    frame(magnitudes, offset, frame, validFrom, validTo) {
      const t = scalars.rows;
      const row = scalars.row(t);
      const values = scalars.data;
      shape(magnitudes, offset, shapeOut, 0);
      values[row + CENTROID] = shapeOut.centroidHz[0]!;
      values[row + BANDWIDTH] = shapeOut.bandwidthHz[0]!;
      values[row + ROLLOFF] = shapeOut.rolloffHz[0]!;
      values[row + FLATNESS] = shapeOut.flatness[0]!;
      waveformFigures(frame, validFrom, validTo, values, row);
      const contrastRow = peakRows.row(t);
      valleyRows.row(t);
      contrast.frame(magnitudes, offset, peakRows.data, valleyRows.data, contrastRow);
      const melRow = melRows.row(t); // before reading data: growing replaces the array
      mel.frame(magnitudes, offset, melRows.data, melRow);
    },
    finish() {
      const frames = scalars.rows;
      const values = scalars.finish();
      const column = (index: number) => {
        const out = new Float32Array(frames);
        for (let t = 0; t < frames; t++) out[t] = values[t * SCALARS + index]!;
        return out;
      };
      const melPower = { ...axis, frames, bins: resolved.melBands, data: melRows.finish() };
      const cepstrum = mfcc(melPower, { coefficients: resolved.mfccCoefficients }, undefined, foldedDct);
      return {
        frames,
        hopSize: axis.hopSize,
        frameSize,
        sampleRate,
        center: axis.center,
        centroidHz: column(CENTROID),
        bandwidthHz: column(BANDWIDTH),
        rolloffHz: column(ROLLOFF),
        flatness: column(FLATNESS),
        contrastBands: contrast.bands,
        contrastDb: contrastFromPeaksAndValleys(peakRows.finish(), valleyRows.finish()),
        zeroCrossingRate: column(ZCR),
        rms: column(RMS),
        mfccCoefficients: cepstrum.bins,
        mfcc: cepstrum.data,
      };
    },
  };
}
