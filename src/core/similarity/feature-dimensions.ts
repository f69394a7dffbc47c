/**
 * The layout of the feature vector: 128 dimensions in six groups, every one a measured property
 * of the track (no padding), each with a fixed affine normalisation
 *   z = clamp((raw − centre) / scale, −FEATURE_CLAMP, +FEATURE_CLAMP),
 * centre and scale chosen from plausible ranges for music (so z ≈ ±1 is an ordinary departure
 * from typical, ±4 an extreme one; clamping keeps one outlier from swamping the rest).
 * Order and groups (indices):
 *   0–30    spectral-balance   (31) third-octave levels 20 Hz–20 kHz re total
 *   31–70   band               (40) 5 bands × share, crest, peak, centroid, rolloff, flatness, width, correlation
 *   71–93   loudness-dynamics  (23) integrated, LRA, PLR, peaks, DR, crest, loudness distribution
 *   94–103  stereo             (10) width, correlation, side/mid, mono loss, balance, correlation distribution
 *   104–112 harmonic-transient  (9) distortion, harmonics, clipping, transient density, attack times
 *   113–127 spectral-shape     (15) centroid, spread, skewness, rolloffs, extensions, flatness, slopes…
 * Any change of names, order, centres or scales changes what stored vectors mean: bump
 * FEATURE_VECTOR_VERSION (a test pins a checksum of this table to the version).
 */
import { DYNAMICS_DIMENSIONS } from "./dynamics-dimensions.js";
import type { DimensionSpec, FeatureGroup } from "./feature-context.js";
import { HARMONIC_TRANSIENT_DIMENSIONS } from "./harmonic-transient-dimensions.js";
import { BALANCE_DIMENSIONS, BAND_DIMENSIONS, SHAPE_DIMENSIONS } from "./spectral-dimensions.js";
import { STEREO_DIMENSIONS } from "./stereo-dimensions.js";

export type { FeatureGroup } from "./feature-context.js";

/** Version of the layout and normalisation; stored vectors of another version are not comparable. */
export const FEATURE_VECTOR_VERSION = 1;
export const FEATURE_DIMENSION_COUNT = 128;
/** Largest |z| of a normalised dimension. */
export const FEATURE_CLAMP = 4;

export interface FeatureDimension {
  readonly index: number;
  /** snake_case, unique. */
  readonly name: string;
  readonly group: FeatureGroup;
  readonly unit: string;
  readonly description: string;
  /** z = clamp((raw − centre) / scale, ±FEATURE_CLAMP). */
  readonly normalisation: { readonly centre: number; readonly scale: number };
}

const GROUPS: readonly (readonly [FeatureGroup, readonly DimensionSpec[]])[] = [
  ["spectral-balance", BALANCE_DIMENSIONS],
  ["band", BAND_DIMENSIONS],
  ["loudness-dynamics", DYNAMICS_DIMENSIONS],
  ["stereo", STEREO_DIMENSIONS],
  ["harmonic-transient", HARMONIC_TRANSIENT_DIMENSIONS],
  ["spectral-shape", SHAPE_DIMENSIONS],
];

export const FEATURE_GROUPS: readonly FeatureGroup[] = GROUPS.map(([group]) => group);

/** The specifications in vector order (with the functions that read the raw values). */
export const DIMENSION_SPECS: readonly DimensionSpec[] = GROUPS.flatMap(([, specs]) => specs);

export const FEATURE_DIMENSIONS: readonly FeatureDimension[] = Object.freeze(
  GROUPS.flatMap(([group, specs]) => specs.map((spec) => ({ spec, group }))).map(({ spec, group }, index) =>
    Object.freeze({
      index,
      name: spec.name,
      group,
      unit: spec.unit,
      description: spec.description,
      normalisation: Object.freeze({ centre: spec.centre, scale: spec.scale }),
    }),
  ),
);
