/**
 * The tonal representations of a track, memoised on its analysis context so that tuning,
 * key, chords, structure and feature exports all read the very same objects: spectral
 * peaks of the TONAL_STFT frames (from the tonal frame pass), the tuning (A4) measured on them, and the
 * tuning-corrected chroma, full range and bass register (the bass carries the chord roots).
 */
import {
  CHROMA_DEFAULTS,
  type Chroma,
  type ChromaOptions,
  chroma,
  weightedChromaSum,
} from "../../core/features/chroma.js";
import type { SpectralPeaks } from "../../core/features/spectral-peaks.js";
import { estimateTuning, type TuningEstimate } from "../../core/tonal/estimate-tuning.js";
import type { AnalysisContext } from "../analysis-context.js";

/** Chroma settings every analysis shares (the tuning's A4 is filled in per track). */
export const TONAL_CHROMA_OPTIONS: Omit<ChromaOptions, "referenceHz"> = CHROMA_DEFAULTS;

/** Upper edge of the bass register read by the bass chroma (Hz): up to about B3. */
export const BASS_CHROMA_MAX_HZ = 250;

/** Weight of the bass chroma added to the full chroma for key estimation. */
export const KEY_BASS_WEIGHT = 0.5;

/** Spectral peaks of the TONAL_STFT frames (found by the tonal frame pass as the track streamed in). */
export function tonalPeaksOf(context: AnalysisContext): SpectralPeaks {
  return context.tonalFrames().peaks;
}

/** Tuning (A4 in Hz) of the track, from its tonal spectral peaks. */
export function tuningOf(context: AnalysisContext): TuningEstimate {
  return context.memo("tuning", () => estimateTuning(tonalPeaksOf(context)));
}

/** The track's chroma: 12 pitch classes per TONAL_STFT frame, on the measured tuning. */
export function chromaOf(context: AnalysisContext): Chroma {
  return context.memo("chroma:tonal", () =>
    chroma(tonalPeaksOf(context), { ...TONAL_CHROMA_OPTIONS, referenceHz: tuningOf(context).referenceHz }),
  );
}

/** Chroma of the bass register alone (peaks up to BASS_CHROMA_MAX_HZ): chord roots, inversions. */
export function bassChromaOf(context: AnalysisContext): Chroma {
  return context.memo("chroma:bass", () =>
    chroma(tonalPeaksOf(context), {
      ...TONAL_CHROMA_OPTIONS,
      maxFrequencyHz: BASS_CHROMA_MAX_HZ,
      referenceHz: tuningOf(context).referenceHz,
    }),
  );
}

/** The chroma key estimation reads: full chroma + KEY_BASS_WEIGHT · bass chroma. */
export function keyChromaOf(context: AnalysisContext): Chroma {
  return context.memo("chroma:key", () => weightedChromaSum(chromaOf(context), bassChromaOf(context), KEY_BASS_WEIGHT));
}
