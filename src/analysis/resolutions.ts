/**
 * The resolutions analyses share, so that the context computes each representation once:
 * every analysis that can work on the mono mix at ANALYSIS_SAMPLE_RATE with one of these
 * STFTs asks the context for exactly that, and gets the memoised object.
 */
import type { SpectralResolution } from "./analysis-context.js";

/** Rate of the mono mix most analyses work on (Hz): all musical content below 11 kHz. */
export const ANALYSIS_SAMPLE_RATE = 22_050;

/** ~93 ms frames, ~23 ms hop: tonal analysis (chroma, key, chords) and timbre features. */
export const TONAL_STFT: SpectralResolution = { sampleRate: ANALYSIS_SAMPLE_RATE, frameSize: 2048, hopSize: 512 };

/** ~46 ms frames, ~11.6 ms hop: onsets, tempo and beats need finer time resolution. */
export const RHYTHM_STFT: SpectralResolution = { sampleRate: ANALYSIS_SAMPLE_RATE, frameSize: 1024, hopSize: 256 };
