/**
 * The "signal" analysis: level facts of the decoded samples (sample peak, RMS, DC offset,
 * clipping, silence) per channel and overall. Loudness to BS.1770 is a separate analysis.
 */
import { z } from "zod";
import { defineAnalysis } from "../analysis-definition.js";

const dbfs = (what: string) => z.number().nullable().describe(`${what} in dBFS; null for digital silence`);

const ChannelLevelsSchema = z
  .object({
    samplePeak: z.number().describe("largest absolute sample value, linear (1 = full scale)"),
    samplePeakDbfs: dbfs("sample peak"),
    rms: z.number().describe("root mean square of the samples, linear"),
    rmsDbfs: dbfs("RMS level (a full-scale sine reads −3.01)"),
    dcOffset: z.number().describe("mean sample value (DC offset), full-scale units"),
    clippedSamples: z.number().int().describe("samples inside clipped runs (≥ 3 flat samples at ≥ 0.999 full scale)"),
    clippingEvents: z.number().int().describe("number of clipped runs"),
    nonFiniteSamples: z.number().int().describe("NaN or infinite samples (excluded from the other figures)"),
  })
  .describe("level figures of one channel");

export const SignalLevelsSchema = ChannelLevelsSchema.extend({
  channels: z.array(ChannelLevelsSchema).describe("the same figures for each channel, in file order"),
  silent: z.boolean().describe("true when the sample peak is below −90 dBFS"),
}).describe("Level facts of the decoded signal");

export type SignalLevels = z.infer<typeof SignalLevelsSchema>;

export const signalLevelsAnalysis = defineAnalysis({
  name: "signal",
  description: "sample peak, RMS, DC offset, clipping and silence, per channel and overall",
  schema: SignalLevelsSchema,
  cost: 1,
  passes: [],
  run: (context): SignalLevels => {
    const stats = context.track.levels;
    return { ...stats, channels: [...stats.channels] };
  },
});
