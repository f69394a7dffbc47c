/**
 * The "tuning" analysis: the tuning reference (frequency of A4) the music was played at,
 * measured from the deviation of its spectral peaks from the equal-tempered grid. Chroma,
 * key and chords are computed on this grid.
 */
import { z } from "zod";
import { defineAnalysis } from "../analysis-definition.js";
import { tuningOf } from "../representations/chroma.js";
import { roundTo as round } from "./report-rounding.js";

export const TuningSchema = z
  .object({
    referenceHz: z
      .number()
      .describe("frequency of A4 in Hz (concert pitch = 440); 440 when nothing tonal could be measured"),
    deviationCents: z
      .number()
      .describe("offset of the tuning from A4 = 440 Hz, cents in [−50, 50) (+ = sharp); 0 when unknown"),
    confidence: z
      .number()
      .describe("0 (no tonal peaks, or peaks spread evenly around the grid) … 1 (every peak on one grid)"),
  })
  .describe("Tuning reference of the recording (A4)");

export type Tuning = z.infer<typeof TuningSchema>;

export const tuningAnalysis = defineAnalysis({
  name: "tuning",
  description: "tuning reference: the frequency of A4 and its offset from 440 Hz in cents",
  schema: TuningSchema,
  cost: 2,
  passes: ["tonal"],
  run: (context): Tuning => {
    const { referenceHz, deviationCents, confidence } = tuningOf(context);
    return {
      referenceHz: round(referenceHz, 2),
      deviationCents: round(deviationCents, 1),
      confidence: round(confidence, 3),
    };
  },
});
