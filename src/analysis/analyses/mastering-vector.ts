/**
 * The "mastering-vector" analysis: the track's 128-dimension feature vector (spectral balance,
 * bands, loudness and dynamics, stereo image, harmonic and transient character, spectral
 * shape; src/core/similarity/feature-dimensions.ts documents every dimension), unit length, for
 * reference tracks and similarity search (`tonearm reference add`, `tonearm similar`).
 */
import { z } from "zod";
import { FEATURE_DIMENSION_COUNT, FEATURE_VECTOR_VERSION } from "../../core/similarity/feature-dimensions.js";
import { trackFeatureVector } from "../../core/similarity/feature-input.js";
import { defineAnalysis } from "../analysis-definition.js";

export const MasteringVectorSchema = z
  .object({
    version: z.number().int().describe("layout version of the vector (FEATURE_VECTOR_VERSION)"),
    values: z
      .array(z.number())
      .nullable()
      .describe(`the ${FEATURE_DIMENSION_COUNT} values, unit length (cosine = dot product); null when not measurable`),
    missingDimensions: z.number().int().describe("dimensions that could not be measured (set to their centre, 0)"),
    reason: z.string().nullable().describe("why there is no vector; null when there is one"),
  })
  .describe("128-dimension feature vector for reference tracks and similarity search");

export type MasteringVector = z.infer<typeof MasteringVectorSchema>;

export const masteringVectorAnalysis = defineAnalysis({
  name: "mastering-vector",
  description: "the 128-dimension feature vector used for reference tracks and similarity search",
  schema: MasteringVectorSchema,
  cost: 1,
  passes: ["loudness", "mastering"],
  includedByDefault: false,
  run: (context): MasteringVector => {
    const loudness = context.loudness();
    if (!loudness.measured) {
      return {
        version: FEATURE_VECTOR_VERSION,
        values: null,
        missingDimensions: FEATURE_DIMENSION_COUNT,
        reason: loudness.reason,
      };
    }
    const vector = trackFeatureVector(loudness.result, context.mastering());
    return {
      version: vector.version,
      values: Array.from(vector.values),
      missingDimensions: vector.missingCount,
      reason: null,
    };
  },
});
