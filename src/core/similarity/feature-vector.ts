/**
 * A track's feature vector for reference matching: 128 documented dimensions (layout and
 * normalisation in feature-dimensions.ts), each raw value mapped to
 * z = clamp((raw − centre) / scale, ±FEATURE_CLAMP), missing (null or non-finite) values to 0 —
 * the centre, "typical", so they pull towards no one — and counted in `missing`; the z-vector
 * is then scaled to unit length, so the cosine similarity of two vectors is their dot product.
 * A track sitting exactly at every centre has no direction: its vector is all zeros (cosine 0
 * with everything) rather than NaN.
 * Cosine on centred, scaled features is the usual choice for heterogeneous descriptors (it
 * compares the pattern of departures from typical, not their overall size).
 * Reference: Manning, Raghavan & Schütze (2008), "Introduction to Information Retrieval", ch. 6
 *   (length-normalised vectors, cosine as dot product).
 */

import { featureContext } from "./feature-context.js";
import {
  DIMENSION_SPECS,
  FEATURE_CLAMP,
  FEATURE_DIMENSION_COUNT,
  FEATURE_VECTOR_VERSION,
} from "./feature-dimensions.js";
import type { TrackFeatureInput } from "./track-feature-input.js";

export interface FeatureVector {
  readonly version: number;
  /** FEATURE_DIMENSION_COUNT values of unit length (or all 0, see above). */
  readonly values: Float32Array;
  /** The clamped z-values before length normalisation (0 where missing). */
  readonly standardised: Float64Array;
  /** The raw values in each dimension's unit; null where missing. */
  readonly raw: readonly (number | null)[];
  /** 1 where the raw value was missing. */
  readonly missing: Uint8Array;
  readonly missingCount: number;
}

/** z = clamp((raw − centre) / scale, ±FEATURE_CLAMP) of dimension `index`; 0 for a missing value. */
export function standardiseFeature(index: number, raw: number | null): number {
  const spec = DIMENSION_SPECS[index];
  if (spec === undefined) {
    throw new RangeError(
      `standardiseFeature: index must be an integer in [0, ${FEATURE_DIMENSION_COUNT}), got ${index}`,
    );
  }
  if (raw === null || !Number.isFinite(raw)) return 0;
  return Math.min(FEATURE_CLAMP, Math.max(-FEATURE_CLAMP, (raw - spec.centre) / spec.scale));
}

export function featureVector(input: TrackFeatureInput): FeatureVector {
  const context = featureContext(input);
  const raw: (number | null)[] = [];
  const standardised = new Float64Array(FEATURE_DIMENSION_COUNT);
  const missing = new Uint8Array(FEATURE_DIMENSION_COUNT);
  let missingCount = 0;
  let squares = 0;
  for (let index = 0; index < FEATURE_DIMENSION_COUNT; index++) {
    const value = DIMENSION_SPECS[index]!.value(context);
    const known = value !== null && Number.isFinite(value);
    raw.push(known ? value : null);
    if (!known) {
      missing[index] = 1;
      missingCount++;
    }
    const z = standardiseFeature(index, known ? value : null);
    standardised[index] = z;
    squares += z * z;
  }
  const values = new Float32Array(FEATURE_DIMENSION_COUNT);
  if (squares > 0) {
    const inverseNorm = 1 / Math.sqrt(squares);
    for (let index = 0; index < FEATURE_DIMENSION_COUNT; index++) values[index] = standardised[index]! * inverseNorm;
  }
  return { version: FEATURE_VECTOR_VERSION, values, standardised, raw, missing, missingCount };
}
