/**
 * The power mel spectrogram of a track (librosa's melspectrogram: Slaney scale and norm,
 * 128 bands by default), memoised on the analysis context from its magnitude spectrogram,
 * so MFCCs and any later analysis (structure, similarity, embeddings) share one object.
 */
import type { Spectrogram } from "../../core/dsp/spectrogram.js";
import { MEL_SPECTROGRAM_DEFAULTS, melSpectrogram } from "../../core/features/mel-spectrogram.js";
import type { AnalysisContext, SpectralResolution } from "../analysis-context.js";
import { TONAL_STFT } from "../resolutions.js";

/** Power mel spectrogram (frames × melBands) of the mono mix at `resolution` (default TONAL_STFT). */
export function melSpectrogramOf(
  context: AnalysisContext,
  resolution: SpectralResolution = TONAL_STFT,
  melBands: number = MEL_SPECTROGRAM_DEFAULTS.melBands,
): Spectrogram {
  const rate = resolution.sampleRate ?? context.sampleRate;
  const window = resolution.window ?? "hann";
  return context.memo(`mel@${rate}:${resolution.frameSize}:${resolution.hopSize}:${window}:${melBands}`, () =>
    melSpectrogram(context.magnitudeSpectrogram(resolution), { melBands }),
  );
}
