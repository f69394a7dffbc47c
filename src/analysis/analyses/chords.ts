/**
 * The "chords" analysis: beat-synchronous chord labels (Harte syntax and readable names)
 * with start, end and confidence, over a vocabulary of triads, sevenths, dim, aug, sus2,
 * sus4 and N, recognised on the beats of the rhythm analysis (`beatGridOf`) from the shared
 * tonal spectral peaks and tuning (chords-on-beats.ts, whose recognition the rhythm analysis's
 * harmonic-rhythm check may already have made).
 */
import { z } from "zod";
import { FULL_VOCABULARY } from "../../core/tonal/chords/chord-vocabulary.js";
import type { ChordSegment } from "../../core/tonal/chords/recognize-chords.js";
import type { AnalysisContext } from "../analysis-context.js";
import { defineAnalysis } from "../analysis-definition.js";
import { chordRecognitionOf } from "./chords-on-beats.js";
import { roundTo } from "./report-rounding.js";
import { beatGridOf } from "./rhythm.js";

export const ChordSegmentSchema = z
  .object({
    start: z.number().describe("segment start, seconds"),
    end: z.number().describe("segment end, seconds"),
    label: z.string().describe('chord in Harte syntax as mir_eval reads it: "C:maj", "A:min7", "G:7"; "N" = no chord'),
    name: z.string().describe('readable chord name: "C", "Am7", "G7", "Cmaj7", "Bdim", "Dsus4"; "N" = no chord'),
    confidence: z
      .number()
      .min(0)
      .max(1)
      .describe(
        "0 … 1: the label's share of the emission likelihood times how clear the chroma is (N over silence ≈ 0)",
      ),
  })
  .describe("a stretch of the track holding one chord");

export const ChordsSchema = z
  .object({
    segments: z.array(ChordSegmentSchema).describe("chord segments in time order, covering the whole track"),
    vocabulary: z
      .array(z.string())
      .describe('chord qualities the recogniser chooses from (Harte shorthands), besides "N"'),
    confidence: z
      .number()
      .min(0)
      .max(1)
      .describe("duration-weighted mean confidence of the chord (non-N) segments; 0 when no chord is heard"),
    chordChangesPerMinute: z.number().min(0).describe("chord changes per minute (harmonic rhythm)"),
    mostCommon: z
      .array(
        z
          .object({
            name: z.string().describe('readable chord name, e.g. "Am"'),
            label: z.string().describe('Harte label, e.g. "A:min"'),
            share: z.number().min(0).max(1).describe("share of the track's duration spent on this chord"),
          })
          .describe("one chord of the track and how long it sounds"),
      )
      .describe("the track's chords (N excluded), longest total duration first, at most 12"),
  })
  .describe("Chords: beat-synchronous template matching on bass and treble chroma, HMM-smoothed (Mauch & Dixon 2010)");

export type Chords = z.infer<typeof ChordsSchema>;

/** The chords result, memoised for later analyses (structure, exports). */
export function chordsOf(context: AnalysisContext): Chords {
  return context.memo("chords", () => computeChords(context));
}

function computeChords(context: AnalysisContext): Chords {
  const duration = context.durationSeconds;
  const recognition = chordRecognitionOf(context, () => beatGridOf(context));
  const segments = recognition.segments.map(toReport);
  return {
    segments,
    vocabulary: [...FULL_VOCABULARY],
    confidence: round(weightedConfidence(recognition.segments)),
    chordChangesPerMinute: duration > 0 ? round((Math.max(0, segments.length - 1) * 60) / duration) : 0,
    mostCommon: mostCommon(recognition.segments, duration),
  };
}

function toReport(segment: ChordSegment): Chords["segments"][number] {
  return {
    start: roundMilliseconds(segment.startSeconds),
    end: roundMilliseconds(segment.endSeconds),
    label: segment.label,
    name: segment.name,
    confidence: round(segment.confidence),
  };
}

function weightedConfidence(segments: readonly ChordSegment[]): number {
  let weighted = 0;
  let total = 0;
  for (const segment of segments) {
    if (segment.label === "N") continue;
    const length = segment.endSeconds - segment.startSeconds;
    weighted += segment.confidence * length;
    total += length;
  }
  return total > 0 ? Math.min(1, Math.max(0, weighted / total)) : 0;
}

function mostCommon(segments: readonly ChordSegment[], duration: number): Chords["mostCommon"] {
  const totals = new Map<string, { name: string; label: string; seconds: number }>();
  for (const segment of segments) {
    if (segment.label === "N") continue;
    const entry = totals.get(segment.label) ?? { name: segment.name, label: segment.label, seconds: 0 };
    entry.seconds += segment.endSeconds - segment.startSeconds;
    totals.set(segment.label, entry);
  }
  return [...totals.values()]
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, 12)
    .map(({ name, label, seconds }) => ({
      name,
      label,
      share: duration > 0 ? round(Math.min(1, seconds / duration)) : 0,
    }));
}

const round = (value: number) => roundTo(value, 3);
const roundMilliseconds = (seconds: number) => roundTo(seconds, 3);

export const chordsAnalysis = defineAnalysis({
  name: "chords",
  description: "beat-synchronous chords (maj, min, 7, maj7, min7, dim, aug, sus2, sus4, N) with confidence",
  schema: ChordsSchema,
  cost: 1,
  passes: ["tonal", "rhythm"],
  run: (context): Chords => chordsOf(context),
  toCorpus: (result) => ({
    chords: result.segments.map(({ start, end, label }) => ({ start, end, label })),
  }),
});
