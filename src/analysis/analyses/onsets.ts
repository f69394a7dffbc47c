/**
 * The "onsets" analysis: note and drum onset times (SuperFlux onset strength, peak picked),
 * and the memoised onset envelopes every rhythm analysis shares, made from the region
 * SuperFlux envelopes of the rhythm frame pass (src/analysis/ingest/rhythm-frame-pass.ts).
 */
import { z } from "zod";
import { frameTime } from "../../core/dsp/spectrogram.js";
import { detectOnsets } from "../../core/rhythm/detect-onsets.js";
import { sumNormalised } from "../../core/rhythm/onset-strength.js";
import type { AnalysisContext } from "../analysis-context.js";
import { defineAnalysis } from "../analysis-definition.js";

/** Regions below 250 Hz (of ONSET_REGION_HZ): bass and kick-drum onsets, a downbeat cue. */
const LOW_REGIONS = 2;
/** Regions below 120 Hz: kick drums and the bass's fundamentals, a beat cue. */
const KICK_REGIONS = 1;
/** Onset detection sums two parts normalised apart: the regions below 5 kHz, and above. */
const DETECTION_SPLIT_REGION = 4;

export interface OnsetEnvelope {
  /** Onset strength per frame, ≥ 0. */
  readonly envelope: Float32Array;
  /** Frames per second. */
  readonly frameRate: number;
}

/** SuperFlux envelope of each region of ONSET_REGION_HZ (from the rhythm frame pass). */
export function regionOnsetEnvelopesOf(context: AnalysisContext): {
  readonly envelopes: readonly Float32Array[];
  readonly frameRate: number;
} {
  const { regionEnvelopes, frameRate } = context.rhythmFrames();
  return { envelopes: regionEnvelopes, frameRate };
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

/**
 * The beat tracker's input: the full-band envelope plus the kick-drum region (below 120 Hz),
 * each divided by its robust scale. Kick drums and bass notes fall on beats far more often
 * than between them, while off-beat chord stabs and hi-hats often outweigh the beat in the
 * full band (reggae and ska comping, intros without drums); the added low region keeps the
 * beats from locking onto the off-beats there. Reference: Goto (2001), JNMR 30(2) (bass drum
 * on beats 1 and 3); Krebs, Böck & Widmer (2013), ISMIR (low-frequency onsets as a beat and
 * downbeat cue).
 */
export function beatTrackingEnvelopeOf(context: AnalysisContext): OnsetEnvelope {
  return context.memo("rhythm:beat-tracking-envelope", () => {
    const { envelope, frameRate } = onsetEnvelopeOf(context);
    const kick = regionOnsetEnvelopesOf(context).envelopes.slice(0, KICK_REGIONS);
    return { envelope: sumNormalised([envelope, ...kick], envelope.length), frameRate };
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
    parts.push(context.rhythmFrames().highBandFlux);
    return { envelope: sumNormalised(parts, parts[0]!.length), frameRate };
  });
}

/** Detected onset times in seconds, ascending, rounded to 0.1 ms (memoised: melody notes snap to them). */
export function onsetTimesOf(context: AnalysisContext): number[] {
  return context.memo("onsets:times", () => {
    const { envelope, frameRate } = onsetDetectionEnvelopeOf(context);
    const frameOffset = frameTime(context.rhythmFrames().harmony, 0);
    return [...detectOnsets(envelope, { frameRate, offsetSeconds: frameOffset })].map(roundMilliseconds);
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
  cost: 1,
  passes: ["rhythm"],
  run: (context): Onsets => {
    const times = onsetTimesOf(context);
    const duration = context.durationSeconds;
    return { times, count: times.length, ratePerSecond: duration > 0 ? times.length / duration : 0 };
  },
  toCorpus: (result) => ({ onsets: result.times }),
});

/** Times in reports are rounded to 0.1 ms: finer is noise, and reports stay readable. */
export function roundMilliseconds(seconds: number): number {
  return Math.round(seconds * 10_000) / 10_000;
}
