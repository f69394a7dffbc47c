/**
 * The "onsets" analysis: note and drum onset times (SuperFlux onset strength, peak picked),
 * and the memoised rhythm representations every rhythm analysis shares: the log-filtered
 * spectrogram of RHYTHM_STFT and the onset strength envelopes derived from it.
 */
import { z } from "zod";
import type { Spectrogram } from "../../core/dsp/spectrogram.js";
import { frameTime } from "../../core/dsp/spectrogram.js";
import { detectOnsets } from "../../core/rhythm/detect-onsets.js";
import { highBandFlux } from "../../core/rhythm/high-band-flux.js";
import { createLogFilterbank } from "../../core/rhythm/log-filterbank.js";
import { logFilteredStft } from "../../core/rhythm/log-filtered-stft.js";
import { regionOnsetStrengths, sumNormalised } from "../../core/rhythm/onset-strength.js";
import type { AnalysisContext } from "../analysis-context.js";
import { defineAnalysis } from "../analysis-definition.js";
import { RHYTHM_STFT } from "../resolutions.js";

/** Scale of the FFT magnitudes inside log10(1 + λ·x) (the core's FFT is unnormalised). */
const LOG_MULTIPLIER = 100;
/**
 * Edges (Hz) of the frequency regions whose SuperFlux envelopes the rhythm analyses use: kick
 * drum and bass fundamentals, bass and snare body, the mid range (voices, chords, snare),
 * the upper mid range (attacks, snare noise), and cymbals and hi-hats above 5 kHz.
 */
export const ONSET_REGION_HZ = [0, 120, 250, 2000, 5000] as const;
/** Regions below 250 Hz: bass and kick-drum onsets, a downbeat cue. */
const LOW_REGIONS = 2;
/** Onset detection sums two parts normalised apart: the regions below 5 kHz, and above. */
const DETECTION_SPLIT_REGION = 4;

export interface OnsetEnvelope {
  /** Onset strength per frame, ≥ 0. */
  readonly envelope: Float32Array;
  /** Frames per second. */
  readonly frameRate: number;
}

/**
 * Log-filtered (24 bands per octave) magnitude spectrogram at RHYTHM_STFT's resolution,
 * memoised. Computed frame by frame from the mono mix (no complex STFT in memory).
 */
export function rhythmSpectrogramOf(context: AnalysisContext): { spectrogram: Spectrogram; centerHz: Float64Array } {
  return context.memo("rhythm:log-filtered", () => {
    const { sampleRate = context.sampleRate, frameSize, hopSize } = RHYTHM_STFT;
    const bank = createLogFilterbank({ sampleRate, frameSize });
    const spectrogram = logFilteredStft(context.monoAt(sampleRate), sampleRate, {
      frameSize,
      hopSize,
      bank,
      multiplier: LOG_MULTIPLIER,
      fft: context.fft(frameSize),
    });
    return { spectrogram, centerHz: bank.centerHz };
  });
}

function firstBandAbove(centerHz: Float64Array, frequency: number): number {
  const index = centerHz.findIndex((center) => center > frequency);
  return index < 0 ? centerHz.length : index;
}

/** SuperFlux envelope of each region of ONSET_REGION_HZ, computed in one pass, memoised. */
export function regionOnsetEnvelopesOf(context: AnalysisContext): {
  readonly envelopes: readonly Float32Array[];
  readonly frameRate: number;
} {
  return context.memo("rhythm:region-onset-envelopes", () => {
    const { spectrogram, centerHz } = rhythmSpectrogramOf(context);
    const edges = [...ONSET_REGION_HZ.map((hz) => firstBandAbove(centerHz, hz)), spectrogram.bins];
    edges[0] = 0;
    return {
      envelopes: regionOnsetStrengths(spectrogram, edges),
      frameRate: spectrogram.sampleRate / spectrogram.hopSize,
    };
  });
}

function sumOf(envelopes: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(envelopes[0]?.length ?? 0);
  for (const envelope of envelopes) for (let t = 0; t < out.length; t++) out[t] = out[t]! + envelope[t]!;
  return out;
}

/** Full-band SuperFlux envelope: the tempo and beat tracking input. */
export function onsetEnvelopeOf(context: AnalysisContext): OnsetEnvelope {
  return context.memo("rhythm:onset-envelope", () => {
    const { envelopes, frameRate } = regionOnsetEnvelopesOf(context);
    return { envelope: sumOf(envelopes), frameRate };
  });
}

/** SuperFlux of the bands below 250 Hz (bass, kick drum): a downbeat cue. */
export function lowOnsetEnvelopeOf(context: AnalysisContext): OnsetEnvelope {
  return context.memo("rhythm:low-onset-envelope", () => {
    const { envelopes, frameRate } = regionOnsetEnvelopesOf(context);
    return { envelope: sumOf(envelopes.slice(0, LOW_REGIONS)), frameRate };
  });
}

/**
 * Onset detection function: SuperFlux below and above 5 kHz and the native-rate flux above
 * 14 kHz (when the source has that band: sample rate > 30.8 kHz), each normalised.
 */
export function onsetDetectionEnvelopeOf(context: AnalysisContext): OnsetEnvelope {
  return context.memo("rhythm:onset-detection-envelope", () => {
    const { envelopes, frameRate } = regionOnsetEnvelopesOf(context);
    const parts = [sumOf(envelopes.slice(0, DETECTION_SPLIT_REGION)), sumOf(envelopes.slice(DETECTION_SPLIT_REGION))];
    // Soft hi-hats and cymbals above 14 kHz (past the analysis rate's Nyquist), from the native-rate mix.
    parts.push(highBandFlux(context.mono(), context.sampleRate, parts[0]!.length, { hopSeconds: 1 / frameRate }));
    return { envelope: sumNormalised(parts, parts[0]!.length), frameRate };
  });
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
