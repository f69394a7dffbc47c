/**
 * The per-frame timbre features of a track (spectral centroid, bandwidth, roll-off,
 * flatness, contrast, MFCC, zero-crossing rate, RMS; see src/core/features/frame-features.ts),
 * memoised on the analysis context: on the TONAL_STFT magnitude spectrogram of the mono
 * mix at ANALYSIS_SAMPLE_RATE, its mel spectrogram, and that same mono waveform, so the
 * "features" summary and the "feature-series" export read one computation.
 */
import { type FrameFeatures, frameFeatures } from "../../core/features/frame-features.js";
import type { AnalysisContext } from "../analysis-context.js";
import { ANALYSIS_SAMPLE_RATE, TONAL_STFT } from "../resolutions.js";
import { melSpectrogramOf } from "./mel-spectrogram.js";

export function frameFeaturesOf(context: AnalysisContext): FrameFeatures {
  return context.memo("frame-features:tonal", () =>
    frameFeatures(
      context.magnitudeSpectrogram(TONAL_STFT),
      context.monoAt(TONAL_STFT.sampleRate ?? ANALYSIS_SAMPLE_RATE),
      {},
      melSpectrogramOf(context, TONAL_STFT),
    ),
  );
}
