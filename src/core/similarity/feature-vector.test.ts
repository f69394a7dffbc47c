import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import {
  FEATURE_CLAMP,
  FEATURE_DIMENSION_COUNT,
  FEATURE_DIMENSIONS,
  FEATURE_GROUPS,
  FEATURE_VECTOR_VERSION,
} from "./feature-dimensions.js";
import { featureVector, standardiseFeature } from "./feature-vector.js";
import { syntheticTrackInput } from "./test-helpers/synthetic-track-input.js";
import { type TrackFeatureInput, UNKNOWN_BAND } from "./track-feature-input.js";
import { cosineSimilarity, vectorLength } from "./vector-math.js";

const indexOf = (name: string) => FEATURE_DIMENSIONS.findIndex((dimension) => dimension.name === name);

/** Every figure unknown: nothing measured. */
const UNKNOWN_TRACK: TrackFeatureInput = {
  durationSeconds: null,
  integratedLufs: null,
  loudnessRangeLu: null,
  loudnessRangeHighLufs: null,
  truePeakDbtp: null,
  samplePeakDbfs: null,
  maxMomentaryLufs: null,
  maxShortTermLufs: null,
  momentaryLufs: [],
  shortTermLufs: [],
  rmsDbfs: null,
  crestFactorDb: null,
  dynamicRangeDb: null,
  clippingEvents: null,
  clippedSampleFraction: null,
  stereoWidth: null,
  stereoCorrelation: null,
  sideToMidDb: null,
  monoLossDb: null,
  channelBalanceDb: null,
  correlationSeries: [],
  bands: [UNKNOWN_BAND, UNKNOWN_BAND, UNKNOWN_BAND, UNKNOWN_BAND, UNKNOWN_BAND],
  thirdOctaveLevelsDb: null,
  thdDb: null,
  harmonic2Db: null,
  harmonic3Db: null,
  transientDensityPerSecond: null,
  attackTimeMs: null,
  attackTimeQ1Ms: null,
  attackTimeQ3Ms: null,
};

/** Thirty tracks of varied character (brightness, loudness, range, width, low-pass, transients). */
function variedTracks(): TrackFeatureInput[] {
  const random = createSeededRandom(2024);
  return Array.from({ length: 30 }, (_, seed) =>
    syntheticTrackInput({
      seed: seed + 1,
      tiltDbPerOctave: -3 + 6 * random(),
      integratedLufs: -26 + 20 * random(),
      loudnessRangeLu: 2 + 14 * random(),
      width: seed % 7 === 0 ? 0 : 0.02 + 0.4 * random(),
      lowpassHz: seed % 4 === 0 ? 11_000 + 6000 * random() : null,
      transientsPerSecond: 0.5 + 8 * random(),
      attackMs: 2 + 40 * random(),
      durationSeconds: 60 + 240 * random(),
      jitter: 2,
    }),
  );
}

/** FNV-1a (32 bit) of a string. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

describe("FEATURE_DIMENSIONS", () => {
  it("documents exactly 128 dimensions with unique snake_case names, in index order", () => {
    expect(FEATURE_DIMENSION_COUNT).toBe(128);
    expect(FEATURE_DIMENSIONS).toHaveLength(128);
    expect(new Set(FEATURE_DIMENSIONS.map((dimension) => dimension.name)).size).toBe(128);
    FEATURE_DIMENSIONS.forEach((dimension, index) => {
      expect(dimension.index).toBe(index);
      expect(dimension.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(dimension.unit.length).toBeGreaterThan(0);
      expect(dimension.description.length).toBeGreaterThan(10);
      expect(Number.isFinite(dimension.normalisation.centre)).toBe(true);
      expect(dimension.normalisation.scale).toBeGreaterThan(0);
    });
  });

  it("fills every group, in contiguous blocks of the documented sizes", () => {
    const counts = Object.fromEntries(
      FEATURE_GROUPS.map((group) => [group, FEATURE_DIMENSIONS.filter((d) => d.group === group).length]),
    );
    expect(counts).toEqual({
      "spectral-balance": 31,
      band: 40,
      "loudness-dynamics": 23,
      stereo: 10,
      "harmonic-transient": 9,
      "spectral-shape": 15,
    });
    const order = FEATURE_DIMENSIONS.map((dimension) => dimension.group).filter(
      (group, index, groups) => index === 0 || groups[index - 1] !== group,
    );
    expect(order).toEqual(FEATURE_GROUPS);
  });

  it("is pinned to FEATURE_VECTOR_VERSION: a changed layout needs a new version", () => {
    const layout = FEATURE_DIMENSIONS.map(
      (d) => `${d.name}|${d.group}|${d.unit}|${d.normalisation.centre.toFixed(6)}|${d.normalisation.scale}`,
    ).join("\n");
    // If this fails after an intended change: bump FEATURE_VECTOR_VERSION and record the new checksum.
    expect({ version: FEATURE_VECTOR_VERSION, checksum: fnv1a(layout) }).toEqual({ version: 1, checksum: "5b72f97e" });
  });
});

describe("featureVector", () => {
  it("has no dead padding: every dimension varies across varied tracks", () => {
    const vectors = variedTracks().map(featureVector);
    const constant = FEATURE_DIMENSIONS.filter((dimension) => {
      const values = new Set(vectors.map((vector) => vector.standardised[dimension.index]!.toFixed(9)));
      return values.size < 2;
    }).map((dimension) => dimension.name);
    expect(constant).toEqual([]);
  });

  it("gives finite unit-length vectors with nothing missing for complete inputs", () => {
    for (const input of variedTracks()) {
      const vector = featureVector(input);
      expect(vector.version).toBe(FEATURE_VECTOR_VERSION);
      expect(vector.values).toHaveLength(128);
      expect(vector.values.every(Number.isFinite)).toBe(true);
      expect(vectorLength(vector.values)).toBeCloseTo(1, 6);
      expect(vector.standardised.every((z) => Math.abs(z) <= FEATURE_CLAMP)).toBe(true);
      const missing = FEATURE_DIMENSIONS.filter((d) => vector.missing[d.index] === 1).map((d) => d.name);
      // Only the distortion estimate may be absent (no stationary tone), as on real music.
      expect(missing.filter((name) => name !== "thd_db")).toEqual([]);
    }
  });

  it("puts two bright loud tracks closer to each other than to a dark quiet one", () => {
    const brightLoud = {
      tiltDbPerOctave: 2,
      integratedLufs: -8,
      loudnessRangeLu: 4,
      width: 0.25,
      transientsPerSecond: 6,
    };
    const darkQuiet = { tiltDbPerOctave: -2.5, integratedLufs: -23, loudnessRangeLu: 14, width: 0.05, attackMs: 30 };
    const first = featureVector(syntheticTrackInput({ seed: 1, ...brightLoud })).values;
    const second = featureVector(syntheticTrackInput({ seed: 2, ...brightLoud })).values;
    const dark = featureVector(syntheticTrackInput({ seed: 3, ...darkQuiet })).values;
    const alike = cosineSimilarity(first, second);
    expect(alike).toBeGreaterThan(0.8);
    expect(alike).toBeGreaterThan(cosineSimilarity(first, dark) + 0.5);
    expect(alike).toBeGreaterThan(cosineSimilarity(second, dark) + 0.5);
  });

  it("maps missing figures to the centre (0), marks them and keeps the rest finite", () => {
    const input = { ...syntheticTrackInput({ seed: 5 }), integratedLufs: null, thirdOctaveLevelsDb: null };
    const vector = featureVector(input);
    const integrated = indexOf("integrated_lufs");
    expect(vector.raw[integrated]).toBeNull();
    expect(vector.standardised[integrated]).toBe(0);
    expect(vector.missing[integrated]).toBe(1);
    // Without integrated loudness the figures relative to it are unknown too; without the curve,
    // the balance and shape groups.
    expect(vector.missing[indexOf("plr_db")]).toBe(1);
    expect(vector.missing[indexOf("balance_1_khz")]).toBe(1);
    expect(vector.missing[indexOf("spectral_tilt_db_per_octave")]).toBe(1);
    expect(vector.missing[indexOf("loudness_range_lu")]).toBe(0);
    expect(vector.missingCount).toBe(vector.missing.reduce((sum, flag) => sum + flag, 0));
    expect(vector.values.every(Number.isFinite)).toBe(true);
    expect(vectorLength(vector.values)).toBeCloseTo(1, 6);
  });

  it("gives the zero vector, not NaN, when nothing is known", () => {
    const vector = featureVector(UNKNOWN_TRACK);
    expect(vector.missingCount).toBe(128);
    expect(Array.from(vector.values)).toEqual(new Array(128).fill(0));
    expect(vector.raw.every((value) => value === null)).toBe(true);
  });

  it("reads NaN and infinite inputs as missing", () => {
    const input: TrackFeatureInput = {
      ...syntheticTrackInput({ seed: 6 }),
      integratedLufs: Number.NaN,
      truePeakDbtp: Number.POSITIVE_INFINITY,
      shortTermLufs: new Float32Array([Number.NaN, -14, -13, Number.NaN]),
      correlationSeries: [Number.NaN, 0.5, null],
    };
    const vector = featureVector(input);
    expect(vector.missing[indexOf("integrated_lufs")]).toBe(1);
    expect(vector.missing[indexOf("true_peak_dbtp")]).toBe(1);
    expect(vector.raw[indexOf("correlation_p50")]).toBeCloseTo(0.5, 12);
    expect(vector.values.every(Number.isFinite)).toBe(true);
  });

  it("clamps extreme values at ±FEATURE_CLAMP", () => {
    const vector = featureVector({ ...syntheticTrackInput({ seed: 7 }), integratedLufs: 40, loudnessRangeLu: -1e9 });
    expect(vector.standardised[indexOf("integrated_lufs")]).toBe(FEATURE_CLAMP);
    expect(vector.standardised[indexOf("loudness_range_lu")]).toBe(-FEATURE_CLAMP);
  });

  it("is invariant to the balance curve's overall offset (levels are re-referenced to their total)", () => {
    const input = syntheticTrackInput({ seed: 8 });
    const shifted = { ...input, thirdOctaveLevelsDb: input.thirdOctaveLevelsDb!.map((level) => level! - 7) };
    const original = featureVector(input).standardised;
    const moved = featureVector(shifted).standardised;
    for (let index = 0; index < 128; index++) expect(moved[index]).toBeCloseTo(original[index]!, 9);
  });

  it("rejects a balance curve of the wrong length", () => {
    expect(() => featureVector({ ...UNKNOWN_TRACK, thirdOctaveLevelsDb: [0, 0, 0] })).toThrow(
      /thirdOctaveLevelsDb must hold 31 levels or be null, got 3/,
    );
  });
});

describe("standardiseFeature", () => {
  it("maps the centre to 0 and centre + scale to 1", () => {
    for (const dimension of FEATURE_DIMENSIONS) {
      const { centre, scale } = dimension.normalisation;
      expect(standardiseFeature(dimension.index, centre)).toBe(0);
      expect(standardiseFeature(dimension.index, centre + scale)).toBeCloseTo(1, 9);
    }
    expect(standardiseFeature(0, null)).toBe(0);
    expect(() => standardiseFeature(128, 0)).toThrow(/index must be an integer in \[0, 128\), got 128/);
  });
});
