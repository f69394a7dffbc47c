/**
 * The spectral dimensions of the feature vector: the third-octave balance curve (31), eight
 * figures for each of the five mastering bands (40) and the shape statistics of the balance
 * curve (15). Centres of the balance levels, band shares, centroid and rolloff positions and
 * shape statistics are the values of the reference spectrum (reference-spectrum.ts), so a track
 * shaped like it sits at 0; the other centres and all scales are typical values and spreads of
 * music, chosen by hand and documented here. See feature-dimensions.ts for the normalisation.
 */
import { balanceShape } from "./balance-shape.js";
import type { DimensionSpec, FeatureContext } from "./feature-context.js";
import { REFERENCE_BALANCE_DB, referenceBandFigures } from "./reference-spectrum.js";
import { THIRD_OCTAVE_NOMINAL_HZ } from "./third-octave-bands.js";
import { FEATURE_BANDS, FEATURE_ROLLOFF_FRACTION, type FeatureBand } from "./track-feature-input.js";

/** Level given to a band share of 0 (no energy in the band), dB. */
const SHARE_FLOOR_DB = -60;
/** Flatness below this (a pure tone) is read as this, dB. */
const FLATNESS_FLOOR_DB = -60;

/** "20_hz", "31_5_hz", "1_khz", "12_5_khz". */
function bandLabel(nominalHz: number): string {
  const text = nominalHz >= 1000 ? `${nominalHz / 1000}_khz` : `${nominalHz}_hz`;
  return text.replace(".", "_");
}

export const BALANCE_DIMENSIONS: readonly DimensionSpec[] = THIRD_OCTAVE_NOMINAL_HZ.map((nominalHz, band) => ({
  name: `balance_${bandLabel(nominalHz)}`,
  unit: "dB",
  description: `Long-term energy of the ${nominalHz} Hz third-octave band relative to the 20 Hz–20 kHz total`,
  centre: REFERENCE_BALANCE_DB[band]!,
  scale: 5,
  value: (context: FeatureContext) => context.balanceDb?.[band] ?? null,
}));

/** Hand-chosen centres per band, low … high. */
const CREST_CENTRES_DB = [10, 12, 13, 14, 16];
const PEAK_CENTRES_DB = [-3, -6, -5, -8, -12];
const FLATNESS_CENTRES_DB = [-8, -5, -4, -3, -3];
const WIDTH_CENTRES = [0.03, 0.1, 0.15, 0.2, 0.25];
const CORRELATION_CENTRES = [0.95, 0.8, 0.7, 0.6, 0.5];

function logPosition(frequencyHz: number | null, band: FeatureBand): number | null {
  if (frequencyHz === null || !(frequencyHz > 0)) return null;
  return Math.log(frequencyHz / band.lowHz) / Math.log(band.highHz / band.lowHz);
}

function bandDimensions(band: FeatureBand, index: number): DimensionSpec[] {
  const reference = referenceBandFigures(band.lowHz, band.highHz, FEATURE_ROLLOFF_FRACTION);
  const range = `${band.lowHz}–${band.highHz} Hz`;
  const of = (context: FeatureContext) => context.input.bands[index];
  return [
    {
      name: `${band.name}_share_db`,
      unit: "dB",
      description: `Share of the 20 Hz–20 kHz energy in the ${range} band, 10·log10 (floor ${SHARE_FLOOR_DB} dB)`,
      centre: reference.shareDb,
      scale: 3,
      value: (context) => {
        const share = of(context)?.energyShare ?? null;
        return share === null ? null : Math.max(SHARE_FLOOR_DB, 10 * Math.log10(share));
      },
    },
    {
      name: `${band.name}_crest_db`,
      unit: "dB",
      description: `Crest factor (peak / RMS) of the ${range} crossover band signal`,
      centre: CREST_CENTRES_DB[index]!,
      scale: 3,
      value: (context) => of(context)?.crestFactorDb ?? null,
    },
    {
      name: `${band.name}_peak_re_track_db`,
      unit: "dB",
      description: `Sample peak of the ${range} band signal relative to the track's sample peak`,
      centre: PEAK_CENTRES_DB[index]!,
      scale: 3,
      value: (context) => {
        const peak = of(context)?.peakDbfs ?? null;
        const trackPeak = context.input.samplePeakDbfs;
        return peak === null || trackPeak === null ? null : peak - trackPeak;
      },
    },
    {
      name: `${band.name}_centroid_position`,
      unit: "fraction of band (log frequency)",
      description: `Spectral centroid of the ${range} band as log(f/low)/log(high/low)`,
      centre: reference.centroidPosition,
      scale: 0.08,
      value: (context) => logPosition(of(context)?.centroidHz ?? null, band),
    },
    {
      name: `${band.name}_rolloff_position`,
      unit: "fraction of band (log frequency)",
      description: `Frequency below which ${FEATURE_ROLLOFF_FRACTION * 100} % of the ${range} band's energy lies, as log(f/low)/log(high/low)`,
      centre: reference.rolloffPosition,
      scale: 0.06,
      value: (context) => logPosition(of(context)?.rolloffHz ?? null, band),
    },
    {
      name: `${band.name}_flatness_db`,
      unit: "dB",
      description: `Spectral flatness of the ${range} band's long-term spectrum, 10·log10 (0 white noise, very negative for tones)`,
      centre: FLATNESS_CENTRES_DB[index]!,
      scale: 3,
      value: (context) => {
        const flatness = of(context)?.flatness ?? null;
        return flatness === null ? null : Math.max(FLATNESS_FLOOR_DB, 10 * Math.log10(flatness));
      },
    },
    {
      name: `${band.name}_width`,
      unit: "ratio",
      description: `Stereo width of the ${range} band: side / (mid + side) energy (0 mono, 0.5 unrelated channels)`,
      centre: WIDTH_CENTRES[index]!,
      scale: 0.1,
      value: (context) => of(context)?.width ?? null,
    },
    {
      name: `${band.name}_correlation`,
      unit: "correlation",
      description: `Phase correlation of left and right in the ${range} band (1 mono, 0 unrelated, −1 out of phase)`,
      centre: CORRELATION_CENTRES[index]!,
      scale: 0.25,
      value: (context) => of(context)?.correlation ?? null,
    },
  ];
}

export const BAND_DIMENSIONS: readonly DimensionSpec[] = FEATURE_BANDS.flatMap(bandDimensions);

const REFERENCE_SHAPE = balanceShape(REFERENCE_BALANCE_DB);

type ShapeKey = keyof typeof REFERENCE_SHAPE;

function shapeDimension(
  name: string,
  key: ShapeKey,
  unit: string,
  scale: number,
  description: string,
  centre: number = REFERENCE_SHAPE[key],
): DimensionSpec {
  return { name, unit, description, centre, scale, value: (context) => context.shape?.[key] ?? null };
}

export const SHAPE_DIMENSIONS: readonly DimensionSpec[] = [
  shapeDimension(
    "spectral_centroid_octaves",
    "centroidOctaves",
    "octaves re 1 kHz",
    0.5,
    "Energy-weighted mean frequency of the balance curve",
  ),
  shapeDimension(
    "spectral_spread_octaves",
    "spreadOctaves",
    "octaves",
    0.3,
    "Energy-weighted standard deviation of log2 frequency",
  ),
  shapeDimension("spectral_skewness", "skewness", "ratio", 0.3, "Standardised third moment of log2 frequency"),
  shapeDimension(
    "rolloff_85_octaves",
    "rolloff85Octaves",
    "octaves re 1 kHz",
    0.5,
    "Frequency below which 85 % of the energy lies",
  ),
  shapeDimension(
    "rolloff_95_octaves",
    "rolloff95Octaves",
    "octaves re 1 kHz",
    0.5,
    "Frequency below which 95 % of the energy lies",
  ),
  shapeDimension(
    "low_extension_octaves",
    "lowExtensionOctaves",
    "octaves re 1 kHz",
    0.5,
    "Frequency below which 5 % of the energy lies (how deep the bass reaches)",
  ),
  shapeDimension(
    "high_extension_octaves",
    "highExtensionOctaves",
    "octaves re 1 kHz",
    0.5,
    "Highest frequency within 40 dB of the loudest band (low-pass limit of lossy encodes, old recordings)",
  ),
  shapeDimension(
    "balance_flatness_db",
    "flatnessDb",
    "dB",
    2,
    "Geometric over arithmetic mean of the 31 band energies (0 for pink noise)",
  ),
  shapeDimension(
    "spectral_tilt_db_per_octave",
    "tiltDbPerOctave",
    "dB/octave",
    1,
    "Least-squares slope of the balance curve over 50 Hz–10 kHz (0 for pink noise, +3 for white)",
  ),
  shapeDimension(
    "low_slope_db_per_octave",
    "lowSlopeDbPerOctave",
    "dB/octave",
    2,
    "Least-squares slope of the balance curve over 20–200 Hz",
  ),
  shapeDimension(
    "high_slope_db_per_octave",
    "highSlopeDbPerOctave",
    "dB/octave",
    2,
    "Least-squares slope of the balance curve over 2–20 kHz",
  ),
  shapeDimension(
    "spectral_curvature_db_per_octave2",
    "curvatureDbPerOctave2",
    "dB/octave²",
    0.3,
    "Quadratic coefficient of a least-squares fit over 50 Hz–10 kHz (negative: mid-heavy, positive: scooped)",
  ),
  shapeDimension(
    "peak_band_octaves",
    "peakBandOctaves",
    "octaves re 1 kHz",
    1,
    "Frequency of the loudest third-octave band, parabolically refined",
  ),
  shapeDimension("bass_to_treble_db", "bassToTrebleDb", "dB", 6, "Energy at ≤ 200 Hz over energy at ≥ 4 kHz"),
  // The reference curve is smooth, so its roughness is no typical value; 1.5 dB is.
  shapeDimension(
    "balance_roughness_db",
    "roughnessDb",
    "dB",
    1,
    "Mean absolute second difference of the balance curve over 50 Hz–10 kHz (peaks, notches)",
    1.5,
  ),
];
