/**
 * Reference tracks and similarity: a documented 128-dimension feature vector of a track's
 * spectral balance, per-band figures, loudness and dynamics, stereo image, harmonic and
 * transient character and spectral shape (each dimension normalised by a fixed affine map,
 * the whole scaled to unit length), an adapter from the loudness and mastering results, and an
 * in-memory reference catalogue with exact top-k cosine search, a genre filter and a
 * JSON-able serialized form. Storage and HTTP live in the outer layers.
 */
export { type BalanceShape, balanceShape } from "./balance-shape.js";
export {
  CATALOGUE_FORMAT,
  CATALOGUE_FORMAT_VERSION,
  REFERENCE_SOURCE_KINDS,
  type Reference,
  ReferenceCatalogueError,
  type ReferenceCatalogueErrorCode,
  type ReferenceMetadata,
  type ReferenceSource,
  type ReferenceSourceKind,
  type SerializedCatalogue,
  type SerializedReference,
} from "./catalogue-format.js";
export {
  FEATURE_CLAMP,
  FEATURE_DIMENSION_COUNT,
  FEATURE_DIMENSIONS,
  FEATURE_GROUPS,
  FEATURE_VECTOR_VERSION,
  type FeatureDimension,
  type FeatureGroup,
} from "./feature-dimensions.js";
export { featureInputFrom, SIDE_TO_MID_LIMIT_DB, trackFeatureVector } from "./feature-input.js";
export { type FeatureVector, featureVector, standardiseFeature } from "./feature-vector.js";
export { base64ToFloat32, decodeBase64, encodeBase64, float32ToBase64 } from "./float32-base64.js";
export {
  type GenreCount,
  genreKey,
  ReferenceCatalogue,
  type ReferenceInput,
  type SimilarReference,
  type TopKOptions,
} from "./reference-catalogue.js";
export { REFERENCE_BALANCE_DB } from "./reference-spectrum.js";
export {
  BALANCE_FLOOR_DB,
  THIRD_OCTAVE_BAND_COUNT,
  THIRD_OCTAVE_CENTRES_HZ,
  THIRD_OCTAVE_NOMINAL_HZ,
  thirdOctaveLevels,
} from "./third-octave-bands.js";
export {
  type BandFeatureInput,
  FEATURE_BANDS,
  FEATURE_ROLLOFF_FRACTION,
  type FeatureBand,
  type TrackFeatureInput,
  UNKNOWN_BAND,
} from "./track-feature-input.js";
export { cosineSimilarity, dotProduct, vectorLength } from "./vector-math.js";
