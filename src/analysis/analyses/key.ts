/**
 * The "key" analysis: the global key of the track (tonic and mode) with its confidence,
 * the runner-up, DJ notations (Camelot, Open Key) and the key segments over time when
 * the music modulates. All from the shared tuning-corrected chroma plus half the bass
 * chroma (keyChromaOf), correlated with Sha'ath's key profiles (chosen by measurement
 * among nine published profiles on the development corpus).
 */
import { z } from "zod";
import { CHROMA_BINS } from "../../core/features/chroma.js";
import { estimateKey, KEY_ESTIMATE_DEFAULTS } from "../../core/tonal/estimate-key.js";
import { tonicName } from "../../core/tonal/key-names.js";
import { estimateKeySegments } from "../../core/tonal/key-segments.js";
import { defineAnalysis } from "../analysis-definition.js";
import { keyChromaOf } from "../representations/chroma.js";

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
  run: (context): Key => {
    const chroma = keyChromaOf(context);
    const profile = new Float64Array(CHROMA_BINS);
    for (let t = 0; t < chroma.frames; t++) {
      for (let c = 0; c < CHROMA_BINS; c++) profile[c] += chroma.data[t * CHROMA_BINS + c]!;
    }
    const { best, runnerUp } = estimateKey(profile);
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
      confidence: round(best.confidence, 3),
      camelot: best.camelot,
      openKey: best.openKey,
      runnerUp: { key: runnerUp.key, confidence: round(runnerUp.confidence, 3) },
      segments,
      profile: profileName,
    };
  },
  toCorpus: (result) => (result.key === null ? {} : { key: result.key }),
});

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
