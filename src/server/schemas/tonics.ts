/**
 * Schemas of the tonic routes (routes/tonics.ts): a recording's tonic (estimated or set by
 * hand), the manual override's body, the update request, and the page of tonics.
 */
import { z } from "zod";
import { MANUAL_TONIC_RANGE_HZ } from "../../service/tonic-service.js";

export const TonicSchema = z
  .object({
    analysisId: z.string().describe("the analysis (recording) the tonic belongs to"),
    hz: z.number().describe("the tonic (Sa) in Hz, in its octave"),
    pitchClass: z.number().int().min(0).max(11).describe("nearest equal-tempered pitch class, 0 = C … 11 = B"),
    octave: z.number().int().describe("scientific octave (C4 is middle C; A4 = 440 Hz)"),
    note: z.string().describe('pitch class and octave, e.g. "D3"'),
    centsOffset: z.number().describe("cents from the equal-tempered pitch, −50 … 50"),
    confidence: z.number().nullable().describe("0–1 for an estimate; null for a tonic set by hand"),
    source: z.enum(["estimated", "manual"]).describe('"manual" tonics are kept by re-estimation unless forced'),
    method: z
      .string()
      .describe('what decided an estimate: "drone+melody", "drone", "melody" or "key" (the report\'s key); "manual"'),
    details: z
      .record(z.string(), z.unknown())
      .describe("how it was estimated: the key hint, the candidates, the pitch tracker's settings; {} by hand"),
    estimatedAt: z.string().describe("when it was estimated or set, ISO 8601 UTC"),
  })
  .describe("the tonic of a recording");

export const ListedTonicSchema = TonicSchema.extend({ fileName: z.string().describe("the recording's file name") });

export const TonicBodySchema = z
  .object({
    hz: z
      .number()
      .min(MANUAL_TONIC_RANGE_HZ.min)
      .max(MANUAL_TONIC_RANGE_HZ.max)
      .describe(`the tonic in Hz, ${MANUAL_TONIC_RANGE_HZ.min}–${MANUAL_TONIC_RANGE_HZ.max}`),
  })
  .strict()
  .describe("a tonic set by hand");

export const TonicUpdateBodySchema = z
  .object({
    onlyMissing: z.boolean().optional().describe("only recordings without a stored tonic (default false)"),
    force: z.boolean().optional().describe("also replace tonics set by hand (default false)"),
  })
  .strict()
  .describe("which recordings' tonics to estimate again");
