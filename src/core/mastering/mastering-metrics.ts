/**
 * The mastering metrics' result: its types, and how the accumulator's parts (level
 * statistics, block levels, long-term spectra, crossover band levels, transients) become
 * one `MasteringMetrics` — band figures, stereo image with its correlation series, DR,
 * distortion estimate, balance curve and the notes that explain nulls and special values.
 * The spectra give spectral shape; they are scaled so the mix's spectral total equals its
 * exact time-domain energy before band RMS levels are read from them.
 */
import type { SignalStatistics } from "../signal/signal-statistics.js";
import type { Dbfs, Hz, Seconds } from "../types.js";
import { bandSpectralMetrics } from "./band-spectral-metrics.js";
import type { BandLevels } from "./crossover-filter-bank.js";
import type { BlockLevelSums, DynamicRange } from "./dynamic-range.js";
import { estimateHarmonicDistortion, type HarmonicDistortionEstimate } from "./harmonic-distortion.js";
import type { LongTermSpectrumResult } from "./long-term-spectrum.js";
import type { MasteringOptions } from "./mastering-options.js";
import { type SpectralBalance, spectralBalance } from "./spectral-balance.js";
import { correlationSeries, MONO_STEREO_FIGURES, type StereoFigures, stereoFigures } from "./stereo-image.js";
import { quantile, type TransientMetrics } from "./transient-detector.js";

export type MasteringNoteCode =
  | "EMPTY"
  | "SILENT"
  | "MONO_INPUT"
  | "SILENT_CHANNEL"
  | "FRONT_PAIR"
  | "NON_FINITE_SAMPLES"
  | "SHORT_FOR_DR"
  | "NO_TONAL_PEAK"
  | "BAND_ABOVE_NYQUIST"
  | "BAND_PEAKS_OFF";

/** Why some figures are null or have a special meaning. */
export interface MasteringNote {
  readonly code: MasteringNoteCode;
  readonly message: string;
}

export interface BandMetrics extends StereoFigures {
  readonly name: string;
  readonly lowHz: Hz;
  readonly highHz: Hz;
  /** Fraction of the energy between the lowest and highest band edges (long-term spectrum). */
  readonly energyShare: number | null;
  /** RMS of the brick-wall band-limited mix (long-term spectrum scaled to the exact energy), dBFS. */
  readonly rmsDbfs: Dbfs | null;
  /** Sample peak of the crossover band signal, dBFS. */
  readonly peakDbfs: Dbfs | null;
  /** Peak / RMS of the crossover band signal, dB (3.01 for a sine). */
  readonly crestFactorDb: number | null;
  readonly centroidHz: Hz | null;
  readonly rolloffHz: Hz | null;
  /** Spectral flatness of the band's long-term spectrum, [0, 1]. */
  readonly flatness: number | null;
}

export interface StereoImage extends StereoFigures {
  /** Correlation per block of ≈ blockSeconds (null where a channel is silent); null for mono. */
  readonly correlationSeries: { readonly blockSeconds: Seconds; readonly values: readonly (number | null)[] } | null;
  /** 5th, 50th and 95th percentiles of the non-null series values; null when there are none. */
  readonly correlationPercentiles: { readonly p5: number; readonly p50: number; readonly p95: number } | null;
}

export interface MasteringMetrics {
  readonly sampleRate: number;
  readonly channelCount: number;
  readonly durationSeconds: Seconds;
  /** Which channels the stereo figures describe. */
  readonly stereoSource: "mono" | "stereo" | "front-pair";
  /** Peak, RMS, DC offset, clipped runs (signal-statistics), over all channels and per channel. */
  readonly levels: SignalStatistics;
  /** 20·log10(sample peak / RMS) over all channels (3.01 dB for a sine, 0 for a square). */
  readonly crestFactorDb: number | null;
  readonly dynamicRange: DynamicRange;
  readonly stereo: StereoImage;
  readonly bands: readonly BandMetrics[];
  readonly spectralBalance: SpectralBalance;
  readonly harmonicDistortion: HarmonicDistortionEstimate;
  readonly transients: TransientMetrics;
  /** STFT frame size and bin spacing of the spectral figures. */
  readonly resolution: { readonly frameSize: number; readonly binHz: Hz };
  readonly notes: readonly MasteringNote[];
}

const NOT_MEASURED: BandLevels = { peak: null, rms: null, sampleRateHz: null };

/** What the accumulator's steps produced, for `assembleMasteringMetrics`. */
export interface MasteringParts {
  readonly sampleRate: number;
  readonly channelCount: number;
  readonly sampleCount: number;
  readonly nonFinite: boolean;
  readonly options: MasteringOptions;
  readonly levels: SignalStatistics;
  readonly blockSums: BlockLevelSums;
  readonly dynamicRange: DynamicRange;
  readonly spectrum: LongTermSpectrumResult;
  /** Exact Σx² of the mono mix. */
  readonly mixEnergy: number;
  /** Null when band peaks were not measured (bandPeaks: false). */
  readonly bandLevels: readonly BandLevels[] | null;
  readonly transients: TransientMetrics;
  readonly blockSeconds: Seconds;
}

export function assembleMasteringMetrics(parts: MasteringParts): MasteringMetrics {
  const { sampleRate, channelCount, sampleCount, options, levels, spectrum } = parts;
  const binHz = sampleRate / spectrum.frameSize;
  const notes: MasteringNote[] = [];
  const note = (code: MasteringNoteCode, message: string) => notes.push({ code, message });

  // The spectra give shape; their scale is set so the mix's total equals its exact energy.
  const spectralTotal = spectrum.mixEnergy.reduce((sum, value) => sum + value, 0);
  const scale = spectralTotal > 0 && parts.mixEnergy > 0 ? parts.mixEnergy / spectralTotal : 1;
  const scaled = scaleSpectrum(spectrum, scale);
  const spectral = bandSpectralMetrics(scaled, options.bands, sampleRate, sampleCount, options.rolloffFraction);
  const bands: BandMetrics[] = options.bands.map((band, b) => {
    const { peak, rms } = parts.bandLevels?.[b] ?? NOT_MEASURED;
    const shape = spectral[b]!;
    return {
      name: band.name,
      lowHz: band.lowHz,
      highHz: band.highHz,
      energyShare: shape.energyShare,
      rmsDbfs: shape.rmsDbfs,
      peakDbfs: peak !== null && peak > 0 ? 20 * Math.log10(peak) : null,
      crestFactorDb: peak !== null && rms !== null && rms > 0 && peak > 0 ? 20 * Math.log10(peak / rms) : null,
      centroidHz: shape.centroidHz,
      rolloffHz: shape.rolloffHz,
      flatness: shape.flatness,
      ...shape.stereo,
    };
  });

  const stereoSource = channelCount === 1 ? "mono" : channelCount === 2 ? "stereo" : "front-pair";
  let stereo: StereoImage;
  const { blockSums } = parts;
  if (spectrum.blocks === null || blockSums.cross === null) {
    stereo = { ...MONO_STEREO_FIGURES, correlationSeries: null, correlationPercentiles: null };
  } else {
    // Overall figures from the exact time-domain sums of channels 0 and 1.
    const total = (values: Float64Array) => values.reduce((sum, value) => sum + value, 0);
    const overall = stereoFigures(
      total(blockSums.sumSquares[0]!),
      total(blockSums.sumSquares[1]!),
      total(blockSums.cross),
      sampleCount,
    );
    const blockSamples = parts.blockSeconds * sampleRate;
    const values = correlationSeries(spectrum.blocks.left, spectrum.blocks.right, spectrum.blocks.cross, blockSamples);
    const defined = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
    stereo = {
      ...overall,
      correlationSeries: { blockSeconds: parts.blockSeconds, values },
      correlationPercentiles:
        defined.length > 0
          ? { p5: quantile(defined, 0.05), p50: quantile(defined, 0.5), p95: quantile(defined, 0.95) }
          : null,
    };
  }

  const harmonicDistortion = estimateHarmonicDistortion(spectrum.mixEnergy, binHz, options.harmonicDistortion);
  const rms = levels.rms;
  const crestFactorDb = rms > 0 && levels.samplePeak > 0 ? 20 * Math.log10(levels.samplePeak / rms) : null;

  if (sampleCount === 0) note("EMPTY", "No samples: every figure is null or empty.");
  else if (levels.silent) note("SILENT", "The signal is silent: level-relative figures are null.");
  if (channelCount === 1) {
    note("MONO_INPUT", "One channel: correlation is 1, width 0 and mono loss 0 dB by definition.");
  } else {
    if (channelCount > 2) {
      note("FRONT_PAIR", `Stereo figures use channels 0 and 1 of ${channelCount}; levels and DR use all channels.`);
    }
    const silentChannels = [0, 1].filter((c) => levels.channels[c]!.samplePeak === 0);
    if (sampleCount > 0 && silentChannels.length === 1) {
      note("SILENT_CHANNEL", `Channel ${silentChannels[0]} is silent: phase correlation is undefined (null).`);
    }
  }
  if (parts.nonFinite) note("NON_FINITE_SAMPLES", "NaN or infinite samples were counted and read as 0.");
  if (sampleCount > 0 && parts.dynamicRange.blockCount < 5) {
    note("SHORT_FOR_DR", `Only ${parts.dynamicRange.blockCount} DR block(s); the DR meter needs at least five.`);
  }
  if (sampleCount > 0 && !levels.silent && harmonicDistortion.thdPercent === null) {
    note("NO_TONAL_PEAK", "No stationary tonal peak: no harmonic-distortion estimate.");
  }
  if (parts.bandLevels === null) {
    note("BAND_PEAKS_OFF", "Band peaks were not measured (bandPeaks: false): band peak and crest are null.");
  }
  const aboveNyquist = bands.filter((band) => band.lowHz >= sampleRate / 2).map((band) => band.name);
  if (aboveNyquist.length > 0) {
    note("BAND_ABOVE_NYQUIST", `Band(s) ${aboveNyquist.join(", ")} lie above Nyquist (${sampleRate / 2} Hz): null.`);
  }

  return {
    sampleRate,
    channelCount,
    durationSeconds: sampleCount / sampleRate,
    stereoSource,
    levels,
    crestFactorDb,
    dynamicRange: parts.dynamicRange,
    stereo,
    bands,
    spectralBalance: spectralBalance(spectrum.mixEnergy, binHz, sampleCount, options.balanceBandsPerOctave),
    harmonicDistortion,
    transients: parts.transients,
    resolution: { frameSize: spectrum.frameSize, binHz },
    notes,
  };
}

/** The spectra multiplied by `scale` (the block series, used for ratios only, unchanged). */
function scaleSpectrum(spectrum: LongTermSpectrumResult, scale: number): LongTermSpectrumResult {
  if (scale === 1) return spectrum;
  const times = (values: Float64Array) => values.map((value) => value * scale);
  const { stereo } = spectrum;
  return {
    ...spectrum,
    mixEnergy: times(spectrum.mixEnergy),
    stereo:
      stereo === null ? null : { left: times(stereo.left), right: times(stereo.right), cross: times(stereo.cross) },
  };
}
