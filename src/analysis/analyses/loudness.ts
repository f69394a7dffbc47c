/**
 * The "loudness" analysis: ITU-R BS.1770-4 / EBU R 128 figures of the decoded channels at
 * their own rate: integrated loudness, loudness range (EBU Tech 3342), the loudest momentary
 * and short-term windows, sample and true peak (BS.1770-4 Annex 2), the peak-to-loudness
 * ratio, and the short-term loudness once per second for plotting. Mono is one channel of
 * weight 1 (as ffmpeg's ebur128 measures it); 5.1 in file order L R C LFE Ls Rs weighs the
 * surrounds 1.41 and leaves out the LFE.
 */
import { z } from "zod";
import type { LoudnessResult } from "../../core/loudness/loudness-meter.js";
import { defineAnalysis } from "../analysis-definition.js";
import { roundTo } from "./report-rounding.js";

const lufs = (what: string) => z.number().nullable().describe(`${what}, LUFS; null when nothing passes the gates`);

const ChannelPeaksSchema = z
  .object({
    samplePeakDbfs: z.number().nullable().describe("largest |sample|, dBFS; null for digital silence"),
    truePeakDbtp: z.number().nullable().describe("true peak (oversampled), dBTP; null for digital silence"),
  })
  .describe("peaks of one channel");

export const LoudnessSchema = z
  .object({
    measured: z.boolean().describe("false when the track cannot be metered (see `reason`); every figure is then null"),
    reason: z.string().nullable().describe("why the track was not metered; null when it was"),
    integratedLufs: lufs("integrated (programme) loudness, gated as BS.1770-4"),
    loudnessRangeLu: z
      .number()
      .nullable()
      .describe("loudness range, LU (EBU Tech 3342: 10th to 95th percentile of gated short-term loudness)"),
    loudnessRangeLowLufs: lufs("low end of the loudness range"),
    loudnessRangeHighLufs: lufs("high end of the loudness range"),
    maxMomentaryLufs: lufs("loudest momentary (400 ms) window"),
    maxShortTermLufs: lufs("loudest short-term (3 s) window"),
    samplePeakDbfs: z.number().nullable().describe("loudest channel's sample peak, dBFS"),
    truePeakDbtp: z.number().nullable().describe("loudest channel's true peak, dBTP"),
    truePeakOversampling: z.number().int().describe("oversampling factor of the true-peak meter (1: none needed)"),
    peakToLoudnessRatioDb: z
      .number()
      .nullable()
      .describe("PLR: true peak minus integrated loudness, dB (small = heavily limited)"),
    channelWeights: z.array(z.number()).describe("BS.1770 weight of each channel, in file order"),
    channels: z.array(ChannelPeaksSchema).describe("peaks of each channel, in file order"),
    shortTermSeries: z
      .object({
        stepSeconds: z.number().describe("time between values, seconds"),
        timesSeconds: z.array(z.number()).describe("end of each 3-s window, seconds"),
        loudnessLufs: z
          .array(z.number().nullable())
          .describe("short-term loudness of each window, LUFS; null for windows below −70 LUFS"),
      })
      .describe("short-term loudness once per second from the first full 3-s window, for plotting loudness over time"),
  })
  .describe("Loudness to ITU-R BS.1770-4 / EBU R 128");

export type Loudness = z.infer<typeof LoudnessSchema>;

/** One short-term value per second: every tenth of the 100-ms windows. */
const SERIES_STEP_WINDOWS = 10;
/** Windows below the absolute gate carry no loudness a listener would plot. */
const SERIES_FLOOR_LUFS = -70;

const round2 = (value: number | null) => (value === null ? null : roundTo(value, 2));

export function loudnessReport(result: LoudnessResult): Loudness {
  const { shortTerm } = result;
  const times: number[] = [];
  const values: (number | null)[] = [];
  for (let i = 0; i < shortTerm.loudnessLufs.length; i += SERIES_STEP_WINDOWS) {
    times.push(roundTo(shortTerm.timesSeconds[i]!, 2));
    const value = shortTerm.loudnessLufs[i]!;
    values.push(value >= SERIES_FLOOR_LUFS ? roundTo(value, 2) : null);
  }
  const plr =
    result.truePeakDbtp !== null && result.integratedLufs !== null ? result.truePeakDbtp - result.integratedLufs : null;
  return {
    measured: true,
    reason: null,
    integratedLufs: round2(result.integratedLufs),
    loudnessRangeLu: round2(result.loudnessRangeLu),
    loudnessRangeLowLufs: round2(result.loudnessRangeLowLufs),
    loudnessRangeHighLufs: round2(result.loudnessRangeHighLufs),
    maxMomentaryLufs: round2(result.maxMomentaryLufs),
    maxShortTermLufs: round2(result.maxShortTermLufs),
    samplePeakDbfs: round2(result.samplePeakDbfs),
    truePeakDbtp: round2(result.truePeakDbtp),
    truePeakOversampling: result.truePeakOversampling,
    peakToLoudnessRatioDb: round2(plr),
    channelWeights: [...result.channelWeights],
    channels: result.channels.map((channel) => ({
      samplePeakDbfs: round2(channel.samplePeakDbfs),
      truePeakDbtp: round2(channel.truePeakDbtp),
    })),
    shortTermSeries: {
      stepSeconds: SERIES_STEP_WINDOWS * shortTerm.hopSeconds,
      timesSeconds: times,
      loudnessLufs: values,
    },
  };
}

function unmeasured(reason: string, channelCount: number): Loudness {
  return {
    measured: false,
    reason,
    integratedLufs: null,
    loudnessRangeLu: null,
    loudnessRangeLowLufs: null,
    loudnessRangeHighLufs: null,
    maxMomentaryLufs: null,
    maxShortTermLufs: null,
    samplePeakDbfs: null,
    truePeakDbtp: null,
    truePeakOversampling: 1,
    peakToLoudnessRatioDb: null,
    channelWeights: [],
    channels: Array.from({ length: channelCount }, () => ({ samplePeakDbfs: null, truePeakDbtp: null })),
    shortTermSeries: { stepSeconds: 1, timesSeconds: [], loudnessLufs: [] },
  };
}

export const loudnessAnalysis = defineAnalysis({
  name: "loudness",
  description: "BS.1770-4 / EBU R 128: integrated loudness, loudness range, true peak, PLR, short-term series",
  schema: LoudnessSchema,
  cost: 3,
  passes: ["loudness"],
  includedByDefault: false,
  run: (context): Loudness => {
    const outcome = context.loudness();
    return outcome.measured ? loudnessReport(outcome.result) : unmeasured(outcome.reason, context.track.channelCount);
  },
  toCorpus: (result) => {
    const loudness: Record<string, number> = {};
    if (result.integratedLufs !== null) loudness.integrated_lufs = result.integratedLufs;
    if (result.loudnessRangeLu !== null) loudness.lra = result.loudnessRangeLu;
    if (result.truePeakDbtp !== null) loudness.true_peak_dbtp = result.truePeakDbtp;
    return Object.keys(loudness).length > 0 ? { loudness } : {};
  },
});
