/**
 * The "onsets" analysis: note and drum onset times (SuperFlux onset strength, peak picked),
 * and the memoised rhythm representations every rhythm analysis shares: the log-filtered
 * spectrogram of RHYTHM_STFT and the onset strength envelopes derived from it.
 */
import { z } from "zod";
import type { Spectrogram } from "../../core/dsp/spectrogram.js";
import { frameTime } from "../../core/dsp/spectrogram.js";
import { detectOnsets } from "../../core/rhythm/detect-onsets.js";
import { createLogFilterbank, logFilteredSpectrogram } from "../../core/rhythm/log-filterbank.js";
import { bandNormalisedOnsetStrength, onsetStrength } from "../../core/rhythm/onset-strength.js";
import type { AnalysisContext } from "../analysis-context.js";
import { defineAnalysis } from "../analysis-definition.js";
import { RHYTHM_STFT } from "../resolutions.js";

/** Scale of the FFT magnitudes inside log10(1 + λ·x) (the core's FFT is unnormalised). */
const LOG_MULTIPLIER = 100;
/** Onset detection sums two regions normalised apart: below and above this frequency (Hz). */
const HIGH_REGION_HZ = 5000;
/** Upper edge (Hz) of the bass and kick-drum region, a downbeat cue. */
const LOW_REGION_HZ = 250;

export interface OnsetEnvelope {
  /** Onset strength per frame, ≥ 0. */
  readonly envelope: Float32Array;
  /** Frames per second. */
  readonly frameRate: number;
}

/** Log-filtered (24 bands per octave) magnitude spectrogram of RHYTHM_STFT, memoised. */
export function rhythmSpectrogramOf(context: AnalysisContext): { spectrogram: Spectrogram; centerHz: Float64Array } {
  return context.memo("rhythm:log-filtered", () => {
    const magnitude = context.magnitudeSpectrogram(RHYTHM_STFT);
    const bank = createLogFilterbank({ sampleRate: magnitude.sampleRate, frameSize: magnitude.frameSize });
    return { spectrogram: logFilteredSpectrogram(magnitude, bank, LOG_MULTIPLIER), centerHz: bank.centerHz };
  });
}

function firstBandAbove(centerHz: Float64Array, frequency: number): number {
  const index = centerHz.findIndex((center) => center > frequency);
  return index < 0 ? centerHz.length : index;
}

function envelopeOf(
  context: AnalysisContext,
  key: string,
  compute: (spectrogram: Spectrogram, centerHz: Float64Array) => Float32Array,
): OnsetEnvelope {
  return context.memo(key, () => {
    const { spectrogram, centerHz } = rhythmSpectrogramOf(context);
    return { envelope: compute(spectrogram, centerHz), frameRate: spectrogram.sampleRate / spectrogram.hopSize };
  });
}

/** Full-band SuperFlux envelope: the tempo and beat tracking input. */
export function onsetEnvelopeOf(context: AnalysisContext): OnsetEnvelope {
  return envelopeOf(context, "rhythm:onset-envelope", (spectrogram) => onsetStrength(spectrogram));
}

/** SuperFlux of the bands below 250 Hz (bass, kick drum): a downbeat cue. */
export function lowOnsetEnvelopeOf(context: AnalysisContext): OnsetEnvelope {
  return envelopeOf(context, "rhythm:low-onset-envelope", (spectrogram, centerHz) =>
    onsetStrength(spectrogram, { toBand: firstBandAbove(centerHz, LOW_REGION_HZ) }),
  );
}

/** Onset detection function: SuperFlux of two frequency regions, each normalised. */
export function onsetDetectionEnvelopeOf(context: AnalysisContext): OnsetEnvelope {
  return envelopeOf(context, "rhythm:onset-detection-envelope", (spectrogram, centerHz) =>
    bandNormalisedOnsetStrength(spectrogram, [firstBandAbove(centerHz, HIGH_REGION_HZ)]),
  );
}

export const OnsetsSchema = z
  .object({
    times: z.array(z.number()).describe("onset times in seconds from the start, ascending"),
    count: z.number().int().describe("number of onsets"),
    ratePerSecond: z.number().describe("onsets per second of audio (0 for an empty signal)"),
  })
  .describe("Note and drum onsets (SuperFlux onset strength, Böck & Widmer 2013; peak picking, Böck et al. 2012)");

export type Onsets = z.infer<typeof OnsetsSchema>;

export const onsetsAnalysis = defineAnalysis({
  name: "onsets",
  description: "note and drum onset times (SuperFlux onset strength with peak picking)",
  schema: OnsetsSchema,
  cost: 2,
  run: (context): Onsets => {
    const { envelope, frameRate } = onsetDetectionEnvelopeOf(context);
    const { spectrogram } = rhythmSpectrogramOf(context);
    const frameOffset = frameTime(spectrogram, 0);
    const times = [...detectOnsets(envelope, { frameRate, offsetSeconds: frameOffset })].map(roundMilliseconds);
    const duration = context.durationSeconds;
    return { times, count: times.length, ratePerSecond: duration > 0 ? times.length / duration : 0 };
  },
  toCorpus: (result) => ({ onsets: result.times }),
});

/** Times in reports are rounded to 0.1 ms: finer is noise, and reports stay readable. */
export function roundMilliseconds(seconds: number): number {
  return Math.round(seconds * 10_000) / 10_000;
}
