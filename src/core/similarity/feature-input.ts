/**
 * The adapter from the loudness and mastering results to TrackFeatureInput: the one file that
 * follows those modules' exact shapes, so a renamed field there is fixed here only.
 * Choices made on the way:
 * - the balance curve of any resolution (balanceBandsPerOctave) is re-binned to third octaves;
 * - bands are matched to FEATURE_BANDS by name and edges; a band that is not there is unknown;
 * - a side-to-mid ratio that the mastering module leaves null because side (or mid) is silent
 *   while the other is not — a mono or near-mono track — becomes −60 dB (or +60 dB): a fact,
 *   not a gap;
 * - a mono track's correlation series is [1] (correlation 1 throughout) and its channel
 *   balance 0 dB;
 * - the clipped-sample fraction is clipped samples over all samples of all channels.
 */
import type { LoudnessResult } from "../loudness/loudness-meter.js";
import type { MasteringMetrics } from "../mastering/mastering-metrics.js";
import { type FeatureVector, featureVector } from "./feature-vector.js";
import { thirdOctaveLevels } from "./third-octave-bands.js";
import { type BandFeatureInput, FEATURE_BANDS, type TrackFeatureInput, UNKNOWN_BAND } from "./track-feature-input.js";

/** Side-to-mid ratio standing for "no side at all" (and its negative for "no mid"), dB. */
export const SIDE_TO_MID_LIMIT_DB = 60;

export function featureInputFrom(loudness: LoudnessResult, mastering: MasteringMetrics): TrackFeatureInput {
  const { levels, stereo, transients, harmonicDistortion, spectralBalance } = mastering;
  const mono = mastering.stereoSource === "mono";
  const totalSamples = Math.round(mastering.durationSeconds * mastering.sampleRate) * mastering.channelCount;
  return {
    durationSeconds: mastering.durationSeconds,
    integratedLufs: loudness.integratedLufs,
    loudnessRangeLu: loudness.loudnessRangeLu,
    loudnessRangeHighLufs: loudness.loudnessRangeHighLufs,
    truePeakDbtp: loudness.truePeakDbtp,
    samplePeakDbfs: loudness.samplePeakDbfs,
    maxMomentaryLufs: loudness.maxMomentaryLufs,
    maxShortTermLufs: loudness.maxShortTermLufs,
    momentaryLufs: loudness.momentary.loudnessLufs,
    shortTermLufs: loudness.shortTerm.loudnessLufs,
    rmsDbfs: levels.rmsDbfs,
    crestFactorDb: mastering.crestFactorDb,
    dynamicRangeDb: mastering.dynamicRange.drDb,
    clippingEvents: levels.clippingEvents,
    clippedSampleFraction: totalSamples > 0 ? levels.clippedSamples / totalSamples : null,
    stereoWidth: stereo.width,
    stereoCorrelation: stereo.correlation,
    sideToMidDb: sideToMid(stereo.sideToMidDb, stereo.width),
    monoLossDb: stereo.monoLossDb,
    channelBalanceDb: mono ? 0 : channelBalance(levels.channels[0]?.rms, levels.channels[1]?.rms),
    correlationSeries: stereo.correlationSeries?.values ?? (mono ? [1] : []),
    bands: FEATURE_BANDS.map((wanted) => {
      const band = mastering.bands.find(
        (candidate) =>
          candidate.name === wanted.name &&
          Math.abs(candidate.lowHz - wanted.lowHz) < 1e-6 &&
          Math.abs(candidate.highHz - wanted.highHz) < 1e-6,
      );
      if (band === undefined) return UNKNOWN_BAND;
      const figures: BandFeatureInput = {
        energyShare: band.energyShare,
        crestFactorDb: band.crestFactorDb,
        peakDbfs: band.peakDbfs,
        centroidHz: band.centroidHz,
        rolloffHz: band.rolloffHz,
        flatness: band.flatness,
        width: band.width,
        correlation: band.correlation,
      };
      return figures;
    }),
    thirdOctaveLevelsDb: thirdOctaveLevels(
      spectralBalance.centresHz,
      spectralBalance.levelsDb,
      spectralBalance.bandsPerOctave,
    ),
    thdDb: harmonicDistortion.thdDb,
    harmonic2Db: harmonicDistortion.harmonicsDb[0] ?? null,
    harmonic3Db: harmonicDistortion.harmonicsDb[1] ?? null,
    transientDensityPerSecond: transients.densityPerSecond,
    attackTimeMs: transients.attackTimeMs,
    attackTimeQ1Ms: transients.attackTimeQuartilesMs?.[0] ?? null,
    attackTimeQ3Ms: transients.attackTimeQuartilesMs?.[1] ?? null,
  };
}

/** The feature vector of a measured track: featureVector(featureInputFrom(loudness, mastering)). */
export function trackFeatureVector(loudness: LoudnessResult, mastering: MasteringMetrics): FeatureVector {
  return featureVector(featureInputFrom(loudness, mastering));
}

function sideToMid(sideToMidDb: number | null, width: number | null): number | null {
  if (sideToMidDb !== null || width === null) return sideToMidDb;
  return width < 0.5 ? -SIDE_TO_MID_LIMIT_DB : SIDE_TO_MID_LIMIT_DB;
}

function channelBalance(leftRms: number | undefined, rightRms: number | undefined): number | null {
  if (leftRms === undefined || rightRms === undefined || !(leftRms > 0 && rightRms > 0)) return null;
  return 20 * Math.log10(leftRms / rightRms);
}
