/**
 * The per-frame timbre features of a track (spectral centroid, bandwidth, roll-off,
 * flatness, contrast, MFCC, zero-crossing rate, RMS; see src/core/features/frame-features.ts)
 * on the TONAL_STFT frames of the mono mix at ANALYSIS_SAMPLE_RATE, computed by the tonal
 * frame pass as the track streamed in, so the "features" summary, the "feature-series"
 * export and the structure analysis read one computation.
 */
import type { FrameFeatures } from "../../core/features/frame-features.js";
import type { AnalysisContext } from "../analysis-context.js";

export function frameFeaturesOf(context: AnalysisContext): FrameFeatures {
  return context.tonalFrames().features;
}
