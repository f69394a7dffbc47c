/**
 * The "key" analysis: the global key of the track (tonic and mode) with its confidence,
 * the runner-up, DJ notations (Camelot, Open Key) and the key segments over time when
 * the music modulates. All from the shared tuning-corrected chroma plus half the bass
 * chroma (keyChromaOf), correlated with Sha'ath's key profiles (chosen by measurement
 * among nine published profiles on the development corpus).
 */
import { z } from "zod";
import { encodeChordLabel } from "../../core/evaluation/chord-label.js";
import { CHROMA_BINS } from "../../core/features/chroma.js";
import { estimateKey, KEY_ESTIMATE_DEFAULTS } from "../../core/tonal/estimate-key.js";
import { type FinalChord, resolveByFinalCadence } from "../../core/tonal/final-cadence.js";
import { camelotCode, openKeyCode, tonicName } from "../../core/tonal/key-names.js";
import { estimateKeySegments } from "../../core/tonal/key-segments.js";
import type { AnalysisContext } from "../analysis-context.js";
import { defineAnalysis } from "../analysis-definition.js";
import { keyChromaOf } from "../representations/chroma.js";
import { frameFeaturesOf } from "../representations/frame-features.js";
import { chordsOf } from "./chords.js";
import { roundTo as round } from "./report-rounding.js";

/**
 * The final cadence is the last chord *played*: a chord segment whose RMS stays this far
 * (dB) below the track's loud frames (its 90th percentile) is the release tail of the
 * last notes, where a held melody note over the decaying chord reads as another triad.
 */
const CADENCE_AUDIBLE_BELOW_DB = 20;

const confidence = (what: string) => z.number().describe(`confidence of ${what}, 0 … 1`);

export const KeySegmentSchema = z
  .object({
    start: z.number().describe("segment start, seconds"),
    end: z.number().describe("segment end, seconds"),
    key: z.string().describe('key of the segment, e.g. "A minor"'),
    confidence: confidence("the segment's key on the segment's own chroma"),
  })
  .describe("a stretch of the track in one key");

export const KeySchema = z
  .object({
    key: z
      .string()
      .nullable()
      .describe('global key, tonic and mode: "A minor", "Eb major"; null when the audio has no tonal content'),
    tonic: z.string().nullable().describe('tonic note name: "A", "Eb", "F#"; null with key'),
    tonicPitchClass: z.number().int().nullable().describe("tonic as a pitch class, 0 = C … 11 = B; null with key"),
    mode: z.enum(["major", "minor"]).nullable().describe("mode; null with key"),
    confidence: confidence("the global key (0 with key null)"),
    camelot: z.string().nullable().describe('Camelot wheel code: "8A" = A minor, "8B" = C major; null with key'),
    openKey: z.string().nullable().describe('Open Key code: "1m" = A minor, "1d" = C major; null with key'),
    runnerUp: z
      .object({
        key: z.string().describe('the second most likely key, e.g. "C major"'),
        confidence: confidence("the runner-up on the same scale"),
      })
      .nullable()
      .describe("the second most likely key; null with key"),
    segments: z
      .array(KeySegmentSchema)
      .describe("key segments in time order covering the track; one segment when the key never changes"),
    profile: z.string().describe("key profile the chroma was correlated with (see core/tonal/key-profiles.ts)"),
  })
  .describe("Musical key: global key, confidence, runner-up, DJ notations and modulations");

export type Key = z.infer<typeof KeySchema>;

export const keyAnalysis = defineAnalysis({
  name: "key",
  description: "global key with confidence and runner-up, Camelot/Open Key codes, and key segments over time",
  schema: KeySchema,
  cost: 3,
  passes: ["tonal", "rhythm"],
  run: (context): Key => {
    const chroma = keyChromaOf(context);
    const estimate = estimateKey(chromaProfile(chroma.data, chroma.frames));
    // Relative keys share their pitch classes; the final cadence decides between them.
    const cadenceKey =
      estimate.best && estimate.runnerUp
        ? resolveByFinalCadence(estimate.best, estimate.runnerUp, finalChordOf(context))
        : estimate.best;
    const best = cadenceKey;
    const runnerUp = cadenceKey === estimate.best ? estimate.runnerUp : estimate.best;
    const profileName = String(KEY_ESTIMATE_DEFAULTS.profile);
    if (best === null || runnerUp === null) {
      return {
        key: null,
        tonic: null,
        tonicPitchClass: null,
        mode: null,
        confidence: 0,
        camelot: null,
        openKey: null,
        runnerUp: null,
        segments: [],
        profile: profileName,
      };
    }
    const segments = estimateKeySegments(chroma).map((segment) => ({
      start: round(segment.start, 3),
      end: round(segment.end, 3),
      key: segment.key,
      confidence: round(segment.confidence, 3),
    }));
    return {
      key: best.key,
      tonic: tonicName(best.index),
      tonicPitchClass: best.tonic,
      mode: best.mode,
      // After a cadence swap the key keeps the larger of the two confidences.
      confidence: round(Math.max(best.confidence, runnerUp.confidence), 3),
      camelot: camelotCode(best.index),
      openKey: openKeyCode(best.index),
      runnerUp: { key: runnerUp.key, confidence: round(Math.min(best.confidence, runnerUp.confidence), 3) },
      segments,
      profile: profileName,
    };
  },
  toCorpus: (result) => (result.key === null ? {} : { key: result.key }),
});

/** The chroma summed over its frames (12 bins). */
function chromaProfile(data: Float32Array, frames: number): Float64Array {
  const profile = new Float64Array(CHROMA_BINS);
  for (let t = 0; t < frames; t++) {
    for (let c = 0; c < CHROMA_BINS; c++) profile[c] += data[t * CHROMA_BINS + c]!;
  }
  return profile;
}

/**
 * The last audible chord of the chords analysis as root and third, or null (no chords, or
 * not a triad-like chord).
 */
function finalChordOf(context: AnalysisContext): FinalChord | null {
  const segments = chordsOf(context).segments;
  const audible = audibleSpan(context);
  const last = segments.findLast((segment) => segment.label !== "N" && audible(segment.start, segment.end));
  const encoded = last ? encodeChordLabel(last.label) : null;
  if (!encoded || encoded.root < 0) return null;
  const { bitmap } = encoded;
  // A third with a fifth: major (4 semitones) or minor (3); dim, aug and sus chords say nothing.
  if (bitmap[4] === 1 && bitmap[3] === 0 && bitmap[7] === 1) return { root: encoded.root, third: "major" };
  if (bitmap[3] === 1 && bitmap[4] === 0 && bitmap[7] === 1) return { root: encoded.root, third: "minor" };
  return null;
}

/** Whether the mean RMS between two times reaches CADENCE_AUDIBLE_BELOW_DB of the track's loud frames. */
function audibleSpan(context: AnalysisContext): (start: number, end: number) => boolean {
  const features = frameFeaturesOf(context);
  const { rms, frames } = features;
  if (frames === 0) return () => true;
  const sorted = Float32Array.from(rms.subarray(0, frames)).sort();
  const floor = sorted[Math.min(frames - 1, Math.floor(0.9 * frames))]! * 10 ** (-CADENCE_AUDIBLE_BELOW_DB / 20);
  const secondsPerFrame = features.hopSize / features.sampleRate;
  const offset = features.center ? 0 : features.frameSize / 2 / features.sampleRate;
  return (start, end) => {
    const from = Math.max(0, Math.ceil((start - offset) / secondsPerFrame));
    const to = Math.min(frames - 1, Math.floor((end - offset) / secondsPerFrame));
    if (to < from) return true;
    let power = 0;
    for (let t = from; t <= to; t++) power += rms[t]! * rms[t]!;
    return Math.sqrt(power / (to - from + 1)) >= floor;
  };
}
