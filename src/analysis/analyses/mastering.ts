/**
 * The "mastering" analysis: what a mastering engineer reads off a finished track, from the
 * native-rate channels: per band (default low 20–200, low_mid 200–500, mid 500–2k, high_mid
 * 2k–6k, high 6k–20k Hz) the energy share, RMS, peak, crest factor, spectral centroid, roll-off
 * and flatness, stereo width, phase correlation and mono-compatibility loss; overall the BS.1770
 * figures (integrated loudness, LRA, true peak, PLR), crest factor, a DR-meter dynamic range,
 * stereo image with a correlation series, clipping and DC offset, a harmonic-distortion
 * estimate, transient density and attack time, and a one-third-octave spectral-balance curve.
 * Methods and their sources: src/core/mastering and src/core/loudness. `notes` explain every
 * null (silence, mono input, a silent channel, bands above Nyquist, …).
 */
import { z } from "zod";
import type { MasteringMetrics } from "../../core/mastering/mastering-metrics.js";
import { defineAnalysis } from "../analysis-definition.js";
import { loudnessReport } from "./loudness.js";
import { roundTo } from "./report-rounding.js";

const nullableNumber = (description: string) => z.number().nullable().describe(description);

const StereoFiguresSchema = {
  correlation: nullableNumber("phase correlation of left and right, −1 … 1 (1 = mono); null when a channel is silent"),
  width: nullableNumber("side energy / (mid + side energy), 0 (mono) … 1 (side only)"),
  sideToMidDb: nullableNumber("side level relative to mid, dB; null when either is silent"),
  monoLossDb: nullableNumber("level lost when left and right are summed to mono, dB (0 = fully compatible)"),
};

const BandSchema = z
  .object({
    name: z.string().describe("band name (low, low_mid, mid, high_mid, high by default)"),
    lowHz: z.number().describe("lower edge, Hz"),
    highHz: z.number().describe("upper edge, Hz"),
    energyShare: nullableNumber("share of the energy between the lowest and highest band edges, 0 … 1"),
    rmsDbfs: nullableNumber("RMS of the band-limited mix, dBFS"),
    peakDbfs: nullableNumber("sample peak of the band signal (Linkwitz–Riley crossover), dBFS"),
    crestFactorDb: nullableNumber("band peak / band RMS, dB (3.01 for a sine)"),
    centroidHz: nullableNumber("spectral centroid of the band's long-term spectrum, Hz"),
    rolloffHz: nullableNumber("frequency below which 85 % of the band's energy lies, Hz"),
    flatness: nullableNumber("spectral flatness of the band, 0 (tonal) … 1 (noise-like)"),
    ...StereoFiguresSchema,
  })
  .describe("figures of one frequency band");

export const MasteringSchema = z
  .object({
    loudness: z
      .object({
        integratedLufs: nullableNumber("integrated loudness, LUFS (BS.1770-4)"),
        loudnessRangeLu: nullableNumber("loudness range, LU (EBU Tech 3342)"),
        truePeakDbtp: nullableNumber("true peak, dBTP"),
        peakToLoudnessRatioDb: nullableNumber("PLR: true peak − integrated loudness, dB"),
        maxShortTermLufs: nullableNumber("loudest 3-s window, LUFS"),
      })
      .describe("BS.1770 figures (the loudness analysis has the full set and the series)"),
    crestFactorDb: nullableNumber("sample peak / RMS over all channels, dB"),
    dynamicRange: z
      .object({
        drDb: nullableNumber("DR-meter dynamic range, dB: 3-s blocks, peak (2nd highest) over RMS of the loudest 20 %"),
        drRounded: nullableNumber("the same rounded to an integer, as DR meters display it (DR8 …)"),
        blockCount: z.number().int().describe("3-s blocks measured"),
      })
      .describe("dynamic range in the style of the Pleasurize Music Foundation DR meter"),
    stereo: z
      .object({
        source: z.enum(["mono", "stereo", "front-pair"]).describe("which channels the stereo figures describe"),
        ...StereoFiguresSchema,
        correlationPercentiles: z
          .object({ p5: z.number(), p50: z.number(), p95: z.number() })
          .nullable()
          .describe("5th, 50th and 95th percentiles of the per-second correlation"),
        correlationSeries: z
          .object({
            blockSeconds: z.number().describe("length of each block, seconds"),
            values: z.array(z.number().nullable()).describe("correlation per block (null where a channel is silent)"),
          })
          .nullable()
          .describe("phase correlation over time (null for mono)"),
      })
      .describe("stereo image over the whole track"),
    bands: z.array(BandSchema).describe("per-band figures, low to high"),
    clipping: z
      .object({
        events: z.number().int().describe("clipped runs (≥ 3 flat samples at ≥ 0.999 full scale)"),
        samples: z.number().int().describe("samples inside clipped runs"),
      })
      .describe("runs of full-scale samples"),
    dcOffset: z.number().describe("worst channel's mean sample value, full-scale units"),
    harmonicDistortion: z
      .object({
        thdPercent: nullableNumber("THD estimate of the strongest stationary tone, % (counts natural overtones too)"),
        thdDb: nullableNumber("the same in dB"),
        fundamentalHz: nullableNumber("frequency of the tone taken as fundamental, Hz"),
      })
      .describe("an estimate of harmonic distortion (an upper bound on music)"),
    transients: z
      .object({
        onsetCount: z.number().int().describe("transients found (envelope rises ≥ 8 dB in 10 ms)"),
        densityPerSecond: nullableNumber("transients per second"),
        attackTimeMs: nullableNumber("median 10 % → 90 % rise time of the transients, ms"),
      })
      .describe("transient density and attack"),
    spectralBalance: z
      .object({
        bandsPerOctave: z.number().int().describe("resolution of the curve (3: one-third octaves)"),
        nominalHz: z.array(z.number()).describe("nominal centre frequency of each band (IEC 61260), Hz"),
        levelsDb: z.array(z.number().nullable()).describe("band level relative to the total, dB"),
      })
      .describe("long-term spectral balance for plotting"),
    notes: z
      .array(z.object({ code: z.string(), message: z.string() }))
      .describe("why figures are null or special (mono input, silence, a silent channel, …)"),
  })
  .describe("Mastering metrics of the track");

export type Mastering = z.infer<typeof MasteringSchema>;

const round = (value: number | null, digits: number) => (value === null ? null : roundTo(value, digits));

function stereoFigures(figures: {
  correlation: number | null;
  width: number | null;
  sideToMidDb: number | null;
  monoLossDb: number | null;
}) {
  return {
    correlation: round(figures.correlation, 3),
    width: round(figures.width, 4),
    sideToMidDb: round(figures.sideToMidDb, 2),
    monoLossDb: round(figures.monoLossDb, 2),
  };
}

export function masteringReport(metrics: MasteringMetrics, loudness: Mastering["loudness"]): Mastering {
  const { stereo, dynamicRange, levels, harmonicDistortion, transients, spectralBalance } = metrics;
  const percentiles = stereo.correlationPercentiles;
  return {
    loudness,
    crestFactorDb: round(metrics.crestFactorDb, 2),
    dynamicRange: {
      drDb: round(dynamicRange.drDb, 2),
      drRounded: dynamicRange.drRounded,
      blockCount: dynamicRange.blockCount,
    },
    stereo: {
      source: metrics.stereoSource,
      ...stereoFigures(stereo),
      correlationPercentiles: percentiles && {
        p5: roundTo(percentiles.p5, 3),
        p50: roundTo(percentiles.p50, 3),
        p95: roundTo(percentiles.p95, 3),
      },
      correlationSeries: stereo.correlationSeries && {
        blockSeconds: roundTo(stereo.correlationSeries.blockSeconds, 4),
        values: stereo.correlationSeries.values.map((value) => round(value, 3)),
      },
    },
    bands: metrics.bands.map((band) => ({
      name: band.name,
      lowHz: band.lowHz,
      highHz: band.highHz,
      energyShare: round(band.energyShare, 4),
      rmsDbfs: round(band.rmsDbfs, 2),
      peakDbfs: round(band.peakDbfs, 2),
      crestFactorDb: round(band.crestFactorDb, 2),
      centroidHz: round(band.centroidHz, 1),
      rolloffHz: round(band.rolloffHz, 1),
      flatness: round(band.flatness, 4),
      ...stereoFigures(band),
    })),
    clipping: { events: levels.clippingEvents, samples: levels.clippedSamples },
    dcOffset: roundTo(levels.dcOffset, 6),
    harmonicDistortion: {
      thdPercent: round(harmonicDistortion.thdPercent, 3),
      thdDb: round(harmonicDistortion.thdDb, 2),
      fundamentalHz: round(harmonicDistortion.fundamentalHz, 1),
    },
    transients: {
      onsetCount: transients.onsetCount,
      densityPerSecond: round(transients.densityPerSecond, 3),
      attackTimeMs: round(transients.attackTimeMs, 2),
    },
    spectralBalance: {
      bandsPerOctave: spectralBalance.bandsPerOctave,
      nominalHz: [...spectralBalance.nominalHz],
      levelsDb: spectralBalance.levelsDb.map((value) => round(value, 2)),
    },
    notes: metrics.notes.map((note) => ({ code: note.code, message: note.message })),
  };
}

export const masteringAnalysis = defineAnalysis({
  name: "mastering",
  description:
    "per-band energy, RMS, peak, crest, spectral shape and stereo image; loudness, PLR, DR, stereo, clipping, DC, distortion, transients, 1/3-octave balance",
  schema: MasteringSchema,
  cost: 6,
  passes: ["loudness", "mastering"],
  includedByDefault: false,
  run: (context): Mastering => {
    const outcome = context.loudness();
    const measured = outcome.measured ? loudnessReport(outcome.result) : null;
    return masteringReport(context.mastering(), {
      integratedLufs: measured?.integratedLufs ?? null,
      loudnessRangeLu: measured?.loudnessRangeLu ?? null,
      truePeakDbtp: measured?.truePeakDbtp ?? null,
      peakToLoudnessRatioDb: measured?.peakToLoudnessRatioDb ?? null,
      maxShortTermLufs: measured?.maxShortTermLufs ?? null,
    });
  },
});
