import { describe, expect, it } from "vitest";
import { firstBitDifference } from "../test-helpers/bit-difference.js";
import { createGaussianRandom, createSeededRandom } from "../test-helpers/seeded-random.js";
import { ReferenceCatalogueError, type ReferenceSource, type SerializedCatalogue } from "./catalogue-format.js";
import { FEATURE_VECTOR_VERSION } from "./feature-dimensions.js";
import { featureVector } from "./feature-vector.js";
import { float32ToBase64 } from "./float32-base64.js";
import { ReferenceCatalogue, type ReferenceInput } from "./reference-catalogue.js";
import { syntheticTrackInput } from "./test-helpers/synthetic-track-input.js";
import { cosineSimilarity, vectorLength } from "./vector-math.js";

const SOURCE: ReferenceSource = { kind: "audio", fileName: "track.flac", durationSeconds: 200, addedAt: null };

function unitRandom(seed: number): Float32Array {
  const random = createGaussianRandom(seed);
  const vector = Float32Array.from({ length: 128 }, () => random());
  const length = vectorLength(vector);
  return vector.map((value) => value / length);
}

/** The unit vector along axis `axis`. */
function axis(index: number): Float32Array {
  const vector = new Float32Array(128);
  vector[index] = 1;
  return vector;
}

function reference(id: string, vector: ArrayLike<number>, genre: string | null = null): ReferenceInput {
  return { id, name: `Song ${id}`, artist: "Artist", genre, year: 2020, source: SOURCE, vector };
}

/** Brute-force ranking: cosine of the query with every reference, best first, ties by insertion. */
function bruteForce(
  entries: readonly { id: string; vector: Float32Array }[],
  query: Float32Array,
  k: number,
): string[] {
  return entries
    .map((entry, order) => ({ id: entry.id, order, score: cosineSimilarity(entry.vector, query) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, k)
    .map(({ id }) => id);
}

describe("ReferenceCatalogue search", () => {
  it("scores an identical vector 1 and an orthogonal one 0", () => {
    const catalogue = new ReferenceCatalogue();
    const vector = unitRandom(1);
    catalogue.add(reference("same", vector));
    catalogue.add(reference("x", axis(0)));
    catalogue.add(reference("y", axis(1)));
    const [best] = catalogue.topK(vector, 1);
    expect(best!.reference.id).toBe("same");
    expect(best!.score).toBeCloseTo(1, 6);
    const scores = Object.fromEntries(catalogue.topK(axis(0), 3).map((hit) => [hit.reference.id, hit.score]));
    expect(scores.x).toBe(1);
    expect(scores.y).toBe(0);
  });

  it("ranks like a brute-force cosine over every reference", () => {
    const catalogue = new ReferenceCatalogue();
    const entries = Array.from({ length: 300 }, (_, index) => ({ id: `r${index}`, vector: unitRandom(100 + index) }));
    for (const entry of entries) catalogue.add(reference(entry.id, entry.vector));
    for (const seed of [1, 2, 3]) {
      const query = unitRandom(seed);
      const hits = catalogue.topK(query, 10);
      expect(hits.map((hit) => hit.reference.id)).toEqual(bruteForce(entries, query, 10));
      for (let index = 1; index < hits.length; index++)
        expect(hits[index - 1]!.score).toBeGreaterThanOrEqual(hits[index]!.score);
    }
  });

  it("orders equal scores by insertion, also after removals moved rows", () => {
    const catalogue = new ReferenceCatalogue();
    for (const id of ["a", "b", "c", "d", "e"]) catalogue.add(reference(id, axis(3)));
    catalogue.remove("a"); // "e" moves into row 0
    expect(catalogue.topK(axis(3), 3).map((hit) => hit.reference.id)).toEqual(["b", "c", "d"]);
    expect(catalogue.list().map((entry) => entry.id)).toEqual(["b", "c", "d", "e"]);
  });

  it("handles k = 0, k beyond the size, a zero query and an empty catalogue", () => {
    const catalogue = new ReferenceCatalogue();
    expect(catalogue.topK(axis(0), 5)).toEqual([]);
    catalogue.add(reference("a", axis(0)));
    catalogue.add(reference("b", axis(1)));
    expect(catalogue.topK(axis(0), 0)).toEqual([]);
    expect(catalogue.topK(axis(0), 10)).toHaveLength(2);
    const zero = catalogue.topK(new Float32Array(128), 2);
    expect(zero.map((hit) => [hit.reference.id, hit.score])).toEqual([
      ["a", 0],
      ["b", 0],
    ]);
  });

  it("filters by genre, case-insensitively", () => {
    const catalogue = new ReferenceCatalogue();
    catalogue.add(reference("rock1", unitRandom(1), "Rock"));
    catalogue.add(reference("jazz1", unitRandom(2), "Jazz"));
    catalogue.add(reference("rock2", unitRandom(3), " rock "));
    catalogue.add(reference("none", unitRandom(4), null));
    const query = unitRandom(2);
    expect(
      catalogue
        .topK(query, 10, { genre: "ROCK" })
        .map((hit) => hit.reference.id)
        .sort(),
    ).toEqual(["rock1", "rock2"]);
    expect(catalogue.topK(query, 10, { genre: "jazz" }).map((hit) => hit.reference.id)).toEqual(["jazz1"]);
    expect(catalogue.topK(query, 10, { genre: "Polka" })).toEqual([]);
    expect(catalogue.topK(query, 10, { genre: null })).toHaveLength(4);
    expect(catalogue.genres()).toEqual([
      { genre: "Rock", count: 2 },
      { genre: "Jazz", count: 1 },
    ]);
  });

  it("keeps every other reference findable after removals, genre index included", () => {
    const catalogue = new ReferenceCatalogue();
    const random = createSeededRandom(5);
    const genres = ["Pop", "Rock", "Jazz"];
    let entries = Array.from({ length: 200 }, (_, index) => ({
      id: `r${index}`,
      vector: unitRandom(500 + index),
      genre: genres[index % 3]!,
    }));
    for (const entry of entries) catalogue.add(reference(entry.id, entry.vector, entry.genre));
    const removed = entries.filter(() => random() < 0.4);
    for (const entry of removed) expect(catalogue.remove(entry.id)).toBe(true);
    expect(catalogue.remove(removed[0]!.id)).toBe(false);
    entries = entries.filter((entry) => !removed.includes(entry));
    expect(catalogue.size).toBe(entries.length);
    for (const entry of entries) {
      expect(catalogue.topK(entry.vector, 1)[0]!.reference.id).toBe(entry.id);
      expect(catalogue.topK(entry.vector, 1, { genre: entry.genre })[0]!.reference.id).toBe(entry.id);
      expect(firstBitDifference(catalogue.get(entry.id)!.vector, entry.vector)).toBe(-1);
    }
    for (const genre of genres) {
      const query = unitRandom(9);
      const expected = bruteForce(
        entries.filter((entry) => entry.genre === genre),
        query,
        5,
      );
      expect(catalogue.topK(query, 5, { genre }).map((hit) => hit.reference.id)).toEqual(expected);
    }
    expect(catalogue.get(removed[0]!.id)).toBeNull();
  });

  it("finds the feature vector of a similar track first", () => {
    const catalogue = new ReferenceCatalogue();
    const brightLoud = { tiltDbPerOctave: 2, integratedLufs: -8, loudnessRangeLu: 4, width: 0.25 };
    const darkQuiet = { tiltDbPerOctave: -2.5, integratedLufs: -23, loudnessRangeLu: 14, width: 0.05 };
    catalogue.add(reference("dark", featureVector(syntheticTrackInput({ seed: 1, ...darkQuiet })).values, "Folk"));
    catalogue.add(reference("bright", featureVector(syntheticTrackInput({ seed: 2, ...brightLoud })).values, "EDM"));
    const query = featureVector(syntheticTrackInput({ seed: 3, ...brightLoud })).values;
    expect(catalogue.topK(query, 2).map((hit) => hit.reference.id)).toEqual(["bright", "dark"]);
  });
});

describe("ReferenceCatalogue add, remove and get", () => {
  it("stores vectors at unit length and returns copies", () => {
    const catalogue = new ReferenceCatalogue();
    const vector = unitRandom(1).map((value) => 5 * value);
    catalogue.add(reference("a", vector));
    const stored = catalogue.get("a")!;
    expect(vectorLength(stored.vector)).toBeCloseTo(1, 6);
    stored.vector[0] = 99;
    expect(catalogue.get("a")!.vector[0]).not.toBe(99);
    expect(catalogue.get("a")!).toMatchObject({ id: "a", name: "Song a", genre: null, year: 2020, source: SOURCE });
  });

  it("keeps an already unit-length vector bit for bit", () => {
    const catalogue = new ReferenceCatalogue();
    const vector = featureVector(syntheticTrackInput({ seed: 4 })).values;
    catalogue.add(reference("a", vector));
    expect(firstBitDifference(catalogue.get("a")!.vector, vector)).toBe(-1);
  });

  it("grows past its initial capacity", () => {
    const catalogue = new ReferenceCatalogue();
    for (let index = 0; index < 1000; index++) catalogue.add(reference(`r${index}`, unitRandom(index)));
    expect(catalogue.size).toBe(1000);
    expect(catalogue.topK(unitRandom(777), 1)[0]!.reference.id).toBe("r777");
  });

  it("rejects bad references with the field, the expectation and the value", () => {
    const catalogue = new ReferenceCatalogue();
    catalogue.add(reference("a", axis(0)));
    expect(() => catalogue.add(reference("a", axis(1)))).toThrow(/id "a" is already in the catalogue/);
    expect(() => catalogue.add(reference("b", new Float32Array(127)))).toThrow(/vector must hold 128 values, got 127/);
    const withNaN = axis(0);
    withNaN[7] = Number.NaN;
    expect(() => catalogue.add(reference("b", withNaN))).toThrow(/vector value 7 must be finite, got NaN/);
    expect(() => catalogue.add({ ...reference("b", axis(0)), year: 2020.5 })).toThrow(
      /year must be an integer or null/,
    );
    expect(() => catalogue.add({ ...reference("", axis(0)) })).toThrow(/id must be a non-empty string/);
    expect(() => catalogue.topK(axis(0), -1)).toThrow(/k must be an integer ≥ 0, got -1/);
    expect(() => catalogue.topK([1, 2], 1)).toThrow(/query must hold 128 values, got 2/);
    expect(catalogue.size).toBe(1);
  });
});

describe("ReferenceCatalogue serialization", () => {
  function filledCatalogue(): ReferenceCatalogue {
    const catalogue = new ReferenceCatalogue();
    for (let index = 0; index < 20; index++) {
      catalogue.add({
        ...reference(`r${index}`, unitRandom(index), index % 2 === 0 ? "Rock" : null),
        artist: index % 3 === 0 ? null : `Artist ${index}`,
        year: index % 5 === 0 ? null : 1990 + index,
      });
    }
    catalogue.remove("r3");
    catalogue.remove("r10");
    return catalogue;
  }

  it("round-trips through JSON bit for bit, order and genres included", () => {
    const catalogue = filledCatalogue();
    const serialized = catalogue.serialize();
    expect(serialized).toMatchObject({
      format: "tonearm-reference-catalogue",
      formatVersion: 1,
      featureVectorVersion: FEATURE_VECTOR_VERSION,
      dimension: 128,
    });
    const restored = ReferenceCatalogue.deserialize(JSON.parse(JSON.stringify(serialized)));
    expect(restored.list()).toEqual(catalogue.list());
    for (const { id } of catalogue.list()) {
      expect(firstBitDifference(restored.get(id)!.vector, catalogue.get(id)!.vector)).toBe(-1);
    }
    expect(restored.serialize()).toEqual(serialized);
    const query = unitRandom(99);
    expect(restored.topK(query, 5, { genre: "rock" })).toEqual(catalogue.topK(query, 5, { genre: "rock" }));
  });

  function corrupt(change: (data: Record<string, unknown>) => void): unknown {
    const data = JSON.parse(JSON.stringify(filledCatalogue().serialize())) as Record<string, unknown>;
    change(data);
    return data;
  }

  function rejection(data: unknown): ReferenceCatalogueError {
    try {
      ReferenceCatalogue.deserialize(data);
    } catch (error) {
      if (error instanceof ReferenceCatalogueError) return error;
      throw error;
    }
    throw new Error("expected ReferenceCatalogueError");
  }

  const firstReference = (data: Record<string, unknown>) => (data.references as Record<string, unknown>[])[0]!;

  it("rejects other versions with CATALOGUE_VERSION", () => {
    const format = rejection(corrupt((data) => (data.formatVersion = 2)));
    expect(format.code).toBe("CATALOGUE_VERSION");
    expect(format.message).toMatch(/formatVersion: this build reads format version 1, got 2/);
    const features = rejection(corrupt((data) => (data.featureVectorVersion = FEATURE_VECTOR_VERSION + 1)));
    expect(features).toMatchObject({ code: "CATALOGUE_VERSION", path: "featureVectorVersion" });
    expect(features.message).toMatch(/measure the references again/);
  });

  it("rejects a wrong dimension, a wrong vector length, NaN and malformed fields with CATALOGUE_INVALID", () => {
    const cases: [unknown, string, RegExp][] = [
      [null, "(root)", /must be an object, got null/],
      [corrupt((data) => (data.format = "other")), "format", /must be "tonearm-reference-catalogue"/],
      [corrupt((data) => (data.dimension = 64)), "dimension", /must be 128, got 64/],
      [
        corrupt((data) => (firstReference(data).vector = float32ToBase64(new Float32Array(127)))),
        "references[0].vector",
        /must hold 128 values, got 127/,
      ],
      [
        corrupt((data) => {
          const vector = axis(0);
          vector[5] = Number.NaN;
          firstReference(data).vector = float32ToBase64(vector);
        }),
        "references[0].vector",
        /value 5 must be finite, got NaN/,
      ],
      [
        corrupt((data) => (firstReference(data).vector = float32ToBase64(axis(0).map((value) => 2 * value)))),
        "references[0].vector",
        /must have unit length \(or be zero\), got length 2/,
      ],
      [corrupt((data) => (firstReference(data).vector = "not base64!")), "references[0].vector", /is not base64/],
      [corrupt((data) => (firstReference(data).genre = 7)), "references[0].genre", /must be a string or null, got 7/],
      [
        corrupt((data) => ((firstReference(data).source as Record<string, unknown>).kind = "radio")),
        "references[0].source.kind",
        /must be one of audio, builtin, import, got "radio"/,
      ],
      [
        corrupt((data) => {
          const references = data.references as Record<string, unknown>[];
          references[1]!.id = references[0]!.id;
        }),
        "references[1].id",
        /repeats "r0"/,
      ],
    ];
    for (const [data, path, message] of cases) {
      const error = rejection(data);
      expect(error.code).toBe("CATALOGUE_INVALID");
      expect(error.path).toBe(path);
      expect(error.message).toMatch(message);
    }
  });

  it("serializes to a plain object that survives JSON unchanged", () => {
    const serialized: SerializedCatalogue = filledCatalogue().serialize();
    expect(JSON.parse(JSON.stringify(serialized))).toEqual(serialized);
    expect(typeof serialized.references[0]!.vector).toBe("string");
    expect(serialized.references[0]!.vector).toHaveLength(684);
  });
});
