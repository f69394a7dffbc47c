/**
 * `MasteringFigures` from the core results: the one file that depends on the exact shapes of
 * `LoudnessResult` (loudness/loudness-meter.ts) and `MasteringMetrics` (mastering-metrics.ts).
 * The low-end correlation is that of the band named "low" (else the lowest band); the DC offset
 * is the largest of the channels' (their mean could cancel opposite offsets).
 */
import type { LoudnessResult } from "../../loudness/loudness-meter.js";
import type { MasteringMetrics } from "../mastering-metrics.js";
import { finiteOrNull, type MasteringFigures } from "./mastering-figures.js";

export function figuresFrom(loudness: LoudnessResult, mastering: MasteringMetrics): MasteringFigures {
  const { bands, levels } = mastering;
  const lowBand = bands.find((band) => band.name === "low") ?? bands[0];
  const channelOffsets = levels.channels.map((channel) => Math.abs(channel.dcOffset));
  const dcOffset = channelOffsets.length > 0 ? Math.max(...channelOffsets) : Math.abs(levels.dcOffset);
  return {
    integratedLufs: finiteOrNull(loudness.integratedLufs),
    loudnessRangeLu: finiteOrNull(loudness.loudnessRangeLu),
    truePeakDbtp: finiteOrNull(loudness.truePeakDbtp),
    channelCount: mastering.channelCount,
    stereoWidth: finiteOrNull(mastering.stereo.width),
    lowEndCorrelation: finiteOrNull(lowBand?.correlation),
    bands: bands.map((band) => ({
      name: band.name,
      lowHz: band.lowHz,
      highHz: band.highHz,
      energyShare: finiteOrNull(band.energyShare),
    })),
    clippingEvents: levels.clippingEvents,
    clippedSamples: levels.clippedSamples,
    dcOffset: finiteOrNull(dcOffset),
  };
}
