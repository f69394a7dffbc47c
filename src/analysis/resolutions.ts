/**
 * The resolutions analyses share: the track ingest converts the mono mix to
 * ANALYSIS_SAMPLE_RATE and runs one frame pass per STFT below (src/analysis/ingest/), so
 * every analysis reads the results of exactly these frames, computed once.
 */
import type { WindowKind } from "../core/dsp/windows.js";

/** Parameters of a spectral representation of the mono mix. */
export interface SpectralResolution {
  /** Analysis sample rate of the mono mix (Hz). */
  readonly sampleRate?: number;
  /** FFT size; a power of two. */
  readonly frameSize: number;
  readonly hopSize: number;
  readonly window?: WindowKind;
}

/** Rate of the mono mix most analyses work on (Hz): all musical content below 11 kHz. */
export const ANALYSIS_SAMPLE_RATE = 22_050;

/** ~93 ms frames, ~23 ms hop: tonal analysis (chroma, key, chords) and timbre features. */
export const TONAL_STFT: SpectralResolution = { sampleRate: ANALYSIS_SAMPLE_RATE, frameSize: 2048, hopSize: 512 };

/** ~46 ms frames, ~11.6 ms hop: onsets, tempo and beats need finer time resolution. */
export const RHYTHM_STFT: SpectralResolution = { sampleRate: ANALYSIS_SAMPLE_RATE, frameSize: 1024, hopSize: 256 };
