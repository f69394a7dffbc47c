/**
 * The measured figures recommendations read: a narrow set of plain numbers, each null when it
 * was not or could not be measured. A shell fills it from the core results (`figuresFrom`) or
 * from a stored, rounded JSON report, so recommendations do not depend on the exact shapes of
 * the loudness and mastering modules. `sanitizeFigures` turns anything non-finite into null.
 */

/** One band of the spectral split (frequency-bands.ts). */
export interface BandFigures {
  /** Band name, e.g. "low"; compared with a target's band of the same name and edges. */
  readonly name: string;
  readonly lowHz: number;
  readonly highHz: number;
  /** Fraction of the energy between the lowest and highest band edges, [0, 1]. */
  readonly energyShare: number | null;
}

export interface MasteringFigures {
  /** Integrated loudness (BS.1770), LUFS; null when nothing passes the −70 LUFS gate. */
  readonly integratedLufs: number | null;
  /** Loudness range (EBU Tech 3342), LU. */
  readonly loudnessRangeLu: number | null;
  /** Highest true peak over the channels, dBTP. */
  readonly truePeakDbtp: number | null;
  /** Channels in the file; 1 makes the stereo figures meaningless. */
  readonly channelCount: number | null;
  /** Stereo width E_S / (E_M + E_S) of the whole mix, [0, 1]. */
  readonly stereoWidth: number | null;
  /** Phase correlation of the low band (20–200 Hz), [−1, 1]. */
  readonly lowEndCorrelation: number | null;
  readonly bands: readonly BandFigures[];
  /** Clipped runs (consecutive full-scale samples) over all channels. */
  readonly clippingEvents: number | null;
  /** Samples inside clipped runs. */
  readonly clippedSamples: number | null;
  /** Largest |mean sample value| of any channel, full-scale units. */
  readonly dcOffset: number | null;
}

/** Figures of a silent or unmeasured track: every value null. */
export const UNMEASURED_FIGURES: MasteringFigures = {
  integratedLufs: null,
  loudnessRangeLu: null,
  truePeakDbtp: null,
  channelCount: null,
  stereoWidth: null,
  lowEndCorrelation: null,
  bands: [],
  clippingEvents: null,
  clippedSamples: null,
  dcOffset: null,
};

/** A finite number, or null for null, undefined, NaN and ±∞. */
export function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** The figures with every non-finite number replaced by null (bands with bad edges dropped). */
export function sanitizeFigures(figures: MasteringFigures): MasteringFigures {
  return {
    integratedLufs: finiteOrNull(figures.integratedLufs),
    loudnessRangeLu: finiteOrNull(figures.loudnessRangeLu),
    truePeakDbtp: finiteOrNull(figures.truePeakDbtp),
    channelCount: finiteOrNull(figures.channelCount),
    stereoWidth: finiteOrNull(figures.stereoWidth),
    lowEndCorrelation: finiteOrNull(figures.lowEndCorrelation),
    bands: (figures.bands ?? [])
      .filter((band) => Number.isFinite(band.lowHz) && Number.isFinite(band.highHz))
      .map((band) => ({ ...band, energyShare: finiteOrNull(band.energyShare) })),
    clippingEvents: finiteOrNull(figures.clippingEvents),
    clippedSamples: finiteOrNull(figures.clippedSamples),
    dcOffset: finiteOrNull(figures.dcOffset),
  };
}
