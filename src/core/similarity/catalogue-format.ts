/**
 * The reference catalogue's data: reference metadata, the JSON-able serialized form (vectors as
 * base64 of Float32 little-endian bytes, with the format and feature-vector versions and the
 * dimension) and the checks both `add` and `deserialize` apply, each naming the field, what it
 * expects and what it got. Storage adapters persist the serialized object as it is (or one
 * SerializedReference per row); nothing here touches a disk.
 */
import { FEATURE_DIMENSION_COUNT, FEATURE_VECTOR_VERSION } from "./feature-dimensions.js";
import { base64ToFloat32 } from "./float32-base64.js";
import { dotProduct } from "./vector-math.js";

export const CATALOGUE_FORMAT = "tonearm-reference-catalogue";
export const CATALOGUE_FORMAT_VERSION = 1;
/** Largest |‖v‖² − 1| accepted for a stored vector (Float32 rounding of a unit vector is ~1e-7). */
export const UNIT_LENGTH_TOLERANCE = 1e-4;

export const REFERENCE_SOURCE_KINDS = ["audio", "builtin", "import"] as const;
export type ReferenceSourceKind = (typeof REFERENCE_SOURCE_KINDS)[number];

export interface ReferenceSource {
  /** "audio": measured from a file (`tonearm reference add FILE`); "builtin": shipped; "import": from elsewhere. */
  readonly kind: ReferenceSourceKind;
  /** The audio file's name (not its path); null when not from a file. */
  readonly fileName: string | null;
  readonly durationSeconds: number | null;
  /** When it was added, ISO 8601; null when unknown. */
  readonly addedAt: string | null;
}

export interface ReferenceMetadata {
  /** Unique, non-empty (the store's key). */
  readonly id: string;
  readonly name: string;
  readonly artist: string | null;
  /** Free text; matched case-insensitively by the genre filter. */
  readonly genre: string | null;
  readonly year: number | null;
  readonly source: ReferenceSource;
}

export interface Reference extends ReferenceMetadata {
  /** Unit length, FEATURE_DIMENSION_COUNT values (a copy). */
  readonly vector: Float32Array;
}

export interface SerializedReference extends ReferenceMetadata {
  /** Base64 of the vector's Float32 little-endian bytes. */
  readonly vector: string;
}

export interface SerializedCatalogue {
  readonly format: typeof CATALOGUE_FORMAT;
  readonly formatVersion: number;
  readonly featureVectorVersion: number;
  readonly dimension: number;
  /** In insertion order. */
  readonly references: readonly SerializedReference[];
}

export type ReferenceCatalogueErrorCode = "CATALOGUE_INVALID" | "CATALOGUE_VERSION";

/** A serialized catalogue that cannot be read: malformed (CATALOGUE_INVALID) or of another version. */
export class ReferenceCatalogueError extends Error {
  readonly code: ReferenceCatalogueErrorCode;
  /** Where in the object, e.g. "references[3].vector". */
  readonly path: string;

  constructor(code: ReferenceCatalogueErrorCode, path: string, message: string, options?: { cause?: unknown }) {
    super(`ReferenceCatalogue.deserialize: ${path}: ${message}`, options);
    this.name = "ReferenceCatalogueError";
    this.code = code;
    this.path = path;
  }
}

/** A field problem: which field (relative path) and what is wrong. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) {
    return String(value);
  }
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nullableString(record: Record<string, unknown>, key: string): FieldProblem | null {
  const value = record[key];
  return value === null || typeof value === "string"
    ? null
    : { path: key, message: `must be a string or null, got ${describeValue(value)}` };
}

function sourceProblem(value: unknown): FieldProblem | null {
  if (!isRecord(value)) return { path: "source", message: `must be an object, got ${describeValue(value)}` };
  if (!(REFERENCE_SOURCE_KINDS as readonly unknown[]).includes(value.kind)) {
    return {
      path: "source.kind",
      message: `must be one of ${REFERENCE_SOURCE_KINDS.join(", ")}, got ${describeValue(value.kind)}`,
    };
  }
  for (const key of ["fileName", "addedAt"]) {
    const problem = nullableString(value, key);
    if (problem !== null) return { path: `source.${problem.path}`, message: problem.message };
  }
  const duration = value.durationSeconds;
  if (!(duration === null || (typeof duration === "number" && Number.isFinite(duration) && duration >= 0))) {
    return {
      path: "source.durationSeconds",
      message: `must be a finite number ≥ 0 or null, got ${describeValue(duration)}`,
    };
  }
  return null;
}

/** The first problem of a metadata record, or null. */
export function metadataProblem(value: unknown): FieldProblem | null {
  if (!isRecord(value)) return { path: "", message: `must be an object, got ${describeValue(value)}` };
  for (const key of ["id", "name"]) {
    const field = value[key];
    if (typeof field !== "string" || field.trim() === "") {
      return { path: key, message: `must be a non-empty string, got ${describeValue(field)}` };
    }
  }
  for (const key of ["artist", "genre"]) {
    const problem = nullableString(value, key);
    if (problem !== null) return problem;
  }
  const year = value.year;
  if (!(year === null || Number.isSafeInteger(year))) {
    return { path: "year", message: `must be an integer or null, got ${describeValue(year)}` };
  }
  return sourceProblem(value.source);
}

/** A frozen copy of checked metadata (a blank genre or artist becomes null). */
export function copyMetadata(value: ReferenceMetadata): ReferenceMetadata {
  const blankToNull = (text: string | null) => (text === null || text.trim() === "" ? null : text);
  const { kind, fileName, durationSeconds, addedAt } = value.source;
  return Object.freeze({
    id: value.id,
    name: value.name,
    artist: blankToNull(value.artist),
    genre: blankToNull(value.genre),
    year: value.year,
    source: Object.freeze({ kind, fileName, durationSeconds, addedAt }),
  });
}

/** The first problem of a vector (length, finite values), or null. */
export function vectorProblem(values: ArrayLike<number>): string | null {
  if (values.length !== FEATURE_DIMENSION_COUNT) {
    return `must hold ${FEATURE_DIMENSION_COUNT} values, got ${values.length}`;
  }
  for (let index = 0; index < values.length; index++) {
    if (!Number.isFinite(values[index])) return `value ${index} must be finite, got ${values[index]}`;
  }
  return null;
}

/** Checks the header and every reference; returns metadata and decoded vectors in order. */
export function readSerializedCatalogue(data: unknown): { metadata: ReferenceMetadata; vector: Float32Array }[] {
  const invalid = (path: string, message: string, cause?: unknown) =>
    new ReferenceCatalogueError("CATALOGUE_INVALID", path, message, cause === undefined ? undefined : { cause });
  if (!isRecord(data)) throw invalid("(root)", `must be an object, got ${describeValue(data)}`);
  if (data.format !== CATALOGUE_FORMAT) {
    throw invalid("format", `must be "${CATALOGUE_FORMAT}", got ${describeValue(data.format)}`);
  }
  if (data.formatVersion !== CATALOGUE_FORMAT_VERSION) {
    throw new ReferenceCatalogueError(
      "CATALOGUE_VERSION",
      "formatVersion",
      `this build reads format version ${CATALOGUE_FORMAT_VERSION}, got ${describeValue(data.formatVersion)}`,
    );
  }
  if (data.featureVectorVersion !== FEATURE_VECTOR_VERSION) {
    throw new ReferenceCatalogueError(
      "CATALOGUE_VERSION",
      "featureVectorVersion",
      `the vectors were made with feature layout ${describeValue(data.featureVectorVersion)}, this build uses ` +
        `${FEATURE_VECTOR_VERSION}; measure the references again`,
    );
  }
  if (data.dimension !== FEATURE_DIMENSION_COUNT) {
    throw invalid("dimension", `must be ${FEATURE_DIMENSION_COUNT}, got ${describeValue(data.dimension)}`);
  }
  if (!Array.isArray(data.references)) {
    throw invalid("references", `must be an array, got ${describeValue(data.references)}`);
  }
  const seen = new Set<string>();
  return data.references.map((entry: unknown, index: number) => {
    const path = `references[${index}]`;
    const problem = metadataProblem(entry);
    if (problem !== null) throw invalid(problem.path === "" ? path : `${path}.${problem.path}`, problem.message);
    const record = entry as Record<string, unknown> & ReferenceMetadata;
    if (seen.has(record.id)) throw invalid(`${path}.id`, `repeats ${describeValue(record.id)}`);
    seen.add(record.id);
    if (typeof record.vector !== "string") {
      throw invalid(`${path}.vector`, `must be a base64 string, got ${describeValue(record.vector)}`);
    }
    let vector: Float32Array;
    try {
      vector = base64ToFloat32(record.vector);
    } catch (error) {
      throw invalid(`${path}.vector`, `is not base64 of Float32 values (${(error as Error).message})`, error);
    }
    const vectorIssue = vectorProblem(vector);
    if (vectorIssue !== null) throw invalid(`${path}.vector`, vectorIssue);
    const squaredLength = dotProduct(vector, vector);
    if (squaredLength !== 0 && Math.abs(squaredLength - 1) > UNIT_LENGTH_TOLERANCE) {
      throw invalid(`${path}.vector`, `must have unit length (or be zero), got length ${Math.sqrt(squaredLength)}`);
    }
    return { metadata: copyMetadata(record), vector };
  });
}
