/**
 * The "structure" analysis: song sections with their boundaries, repetition labels
 * (A, B, C…: the same letter for sections that state the same material) and functional
 * names (intro, verse, chorus, bridge, outro, instrumental), each with a confidence.
 * Beat-synchronous chroma (chromaOf) and MFCCs and RMS (frameFeaturesOf) on the beats
 * and bar lines of the rhythm analysis (beatGridOf); the algorithm is
 * core/structure/segment-structure.ts. `structureOf(context)` memoises the result.
 */
import { z } from "zod";
import { CHROMA_BINS } from "../../core/features/chroma.js";
import { type StructureResult, segmentStructure } from "../../core/structure/segment-structure.js";
import type { AnalysisContext } from "../analysis-context.js";
import { defineAnalysis } from "../analysis-definition.js";
import { chromaOf } from "../representations/chroma.js";
import { frameFeaturesOf } from "../representations/frame-features.js";
import { roundTo as round } from "./report-rounding.js";
import { beatGridOf } from "./rhythm.js";

const confidence = (what: string) => z.number().min(0).max(1).describe(`confidence in ${what}, 0 (none) to 1`);

export const StructureSectionSchema = z
  .object({
    start: z.number().describe("section start, seconds"),
    end: z.number().describe("section end, seconds (the next section's start)"),
    label: z
      .string()
      .describe('repetition label: "A", "B", … in order of first appearance; sections with the same material share it'),
    name: z
      .enum(["intro", "verse", "chorus", "bridge", "outro", "instrumental"])
      .describe(
        "functional name inferred from repetition, position and energy: the loudest repeated label is the chorus, other repeated labels verses, a non-repeated first/last section the intro/outro, a non-repeated section after the first chorus the bridge, other non-repeated sections instrumental",
      ),
    confidence: confidence("the section (its boundaries and its label)"),
  })
  .describe("one section of the song");

export const StructureSchema = z
  .object({
    sections: z
      .array(StructureSectionSchema)
      .describe(
        "sections in time order, contiguous from 0 to the end of the track; one section when no structure is found",
      ),
    boundaries: z
      .array(
        z
          .object({
            time: z.number().describe("boundary time, seconds (on a bar line when the meter is known)"),
            confidence: confidence("the boundary (its novelty relative to the strongest boundary)"),
          })
          .describe("a change from one section to the next"),
      )
      .describe("section boundaries inside the track (the start and end excluded), ascending"),
  })
  .describe(
    "Song structure: sections with repetition labels and functional names (Foote 2000 novelty, Serrà et al. 2014 structure features, on beat-synchronous chroma and MFCCs)",
  );

export type Structure = z.infer<typeof StructureSchema>;

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** The structure of the track, memoised for later analyses. */
export function structureOf(context: AnalysisContext): Structure {
  return context.memo("structure", () => toReport(computeStructure(context)));
}

function computeStructure(context: AnalysisContext): StructureResult {
  const rhythm = beatGridOf(context);
  const chroma = chromaOf(context);
  const features = frameFeaturesOf(context);
  return segmentStructure({
    durationSeconds: context.durationSeconds,
    beatTimes: rhythm.beats,
    downbeatTimes: rhythm.downbeats,
    beatsPerBar: rhythm.beatsPerBar,
    meterConfidence: rhythm.tempoConfidence,
    chroma: {
      data: chroma.data,
      frames: chroma.frames,
      width: CHROMA_BINS,
      hopSeconds: chroma.hopSize / chroma.sampleRate,
    },
    mfcc: {
      data: features.mfcc,
      frames: features.frames,
      width: features.mfccCoefficients,
      hopSeconds: features.hopSize / features.sampleRate,
    },
    rms: { data: features.rms, frames: features.frames, width: 1, hopSeconds: features.hopSize / features.sampleRate },
  });
}

function toReport(result: StructureResult): Structure {
  return {
    sections: result.sections.map((section, k) => ({
      start: round(section.start, 3),
      // The last section ends exactly at the end of the track (rounding could stop short of it).
      end: k === result.sections.length - 1 ? section.end : round(section.end, 3),
      label: sectionLabel(section.cluster),
      name: section.name,
      confidence: round(section.confidence, 3),
    })),
    boundaries: result.boundaries.map((boundary) => ({
      time: round(boundary.time, 3),
      confidence: round(boundary.confidence, 3),
    })),
  };
}

/** "A" … "Z", then "A2" … for songs with more than 26 distinct sections. */
function sectionLabel(cluster: number): string {
  const letter = LETTERS[cluster % LETTERS.length]!;
  const round = Math.floor(cluster / LETTERS.length);
  return round === 0 ? letter : `${letter}${round + 1}`;
}

export const structureAnalysis = defineAnalysis({
  name: "structure",
  description: "song sections: boundaries, repetition labels (A, B, …) and names (intro, verse, chorus, bridge, outro)",
  schema: StructureSchema,
  cost: 1,
  passes: ["tonal", "rhythm"],
  run: (context): Structure => structureOf(context),
  // Pairwise label scoring compares only which sections share a label: the repetition
  // letters (measured slightly better than the functional names on the development corpus).
  toCorpus: (result) => ({
    sections: result.sections.map((section) => ({ start: section.start, end: section.end, label: section.label })),
  }),
});
