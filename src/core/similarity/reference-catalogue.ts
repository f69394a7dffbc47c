/**
 * An in-memory catalogue of reference tracks and exact top-k cosine search over their feature
 * vectors, independent of any store (adapters persist `serialize()` and rebuild with
 * `ReferenceCatalogue.deserialize`).
 * Layout: every vector is one row of a single row-major Float32Array (FEATURE_DIMENSION_COUNT
 * floats, 512 bytes a row; capacity doubles when full), so a search streams through memory
 * once; metadata sits in parallel arrays. `remove` moves the last row into the freed one
 * (swap-remove), keeping the matrix dense; insertion order survives in a sequence number per
 * row, which breaks ties in score (earlier first) and orders `list` and `serialize`.
 * Genres: a per-genre list of rows (keys compared case-insensitively, after Unicode NFKC and
 * trimming), so a filtered search visits only that genre's rows; each row remembers its place
 * in its list so that removal is O(1) too.
 * Search: vectors are stored with unit length (made so on `add` unless already within 1e-5),
 * the query is scaled to unit length, and the score is the dot product — the cosine — of
 * Float32 values summed in Float64 (vector-math.ts); the best k are kept in a fixed-size heap
 * (top-k-heap.ts). Cost: n·128 multiply-adds and O(k) memory, no per-row allocation.
 */
import {
  CATALOGUE_FORMAT,
  CATALOGUE_FORMAT_VERSION,
  copyMetadata,
  metadataProblem,
  type Reference,
  type ReferenceMetadata,
  readSerializedCatalogue,
  type SerializedCatalogue,
  vectorProblem,
} from "./catalogue-format.js";
import { FEATURE_DIMENSION_COUNT, FEATURE_VECTOR_VERSION } from "./feature-dimensions.js";
import { float32ToBase64 } from "./float32-base64.js";
import { TopKHeap } from "./top-k-heap.js";
import { dotRow } from "./vector-math.js";

const DIMENSION = FEATURE_DIMENSION_COUNT;
const INITIAL_CAPACITY = 64;
/** Squared lengths within this of 1 are kept as they are (so stored unit vectors round-trip bit for bit). */
const UNIT_TOLERANCE = 1e-5;

/** A reference to add: its metadata and any FEATURE_DIMENSION_COUNT finite values. */
export interface ReferenceInput extends ReferenceMetadata {
  readonly vector: ArrayLike<number>;
}

export interface SimilarReference {
  readonly reference: ReferenceMetadata;
  /** Cosine similarity with the query, [−1, 1]. */
  readonly score: number;
}

export interface TopKOptions {
  /** Only references of this genre (case-insensitive); null or absent: all. */
  readonly genre?: string | null;
}

export interface GenreCount {
  /** The spelling of the genre's earliest-added remaining reference. */
  readonly genre: string;
  readonly count: number;
}

interface GenreRows {
  rows: Int32Array;
  count: number;
}

/** The key a genre is indexed and compared by. */
export function genreKey(genre: string): string {
  return genre.normalize("NFKC").trim().toLowerCase();
}

export class ReferenceCatalogue {
  private matrix = new Float32Array(INITIAL_CAPACITY * DIMENSION);
  private sequences = new Float64Array(INITIAL_CAPACITY);
  private genrePositions = new Int32Array(INITIAL_CAPACITY);
  private readonly metadata: ReferenceMetadata[] = [];
  private readonly genreKeys: (string | null)[] = [];
  private readonly rowsById = new Map<string, number>();
  private readonly rowsByGenre = new Map<string, GenreRows>();
  private readonly heap = new TopKHeap();
  private readonly query = new Float64Array(DIMENSION);
  private nextSequence = 0;

  /** Rebuilds a catalogue from `serialize()` output; throws ReferenceCatalogueError naming the bad field. */
  static deserialize(data: unknown): ReferenceCatalogue {
    const catalogue = new ReferenceCatalogue();
    for (const { metadata, vector } of readSerializedCatalogue(data)) catalogue.insert(metadata, vector);
    return catalogue;
  }

  get size(): number {
    return this.metadata.length;
  }

  has(id: string): boolean {
    return this.rowsById.has(id);
  }

  /** Adds a reference (its vector scaled to unit length); throws on a bad field or a repeated id. */
  add(reference: ReferenceInput): void {
    const problem = metadataProblem(reference);
    if (problem !== null) {
      throw new TypeError(`ReferenceCatalogue.add: ${problem.path || "reference"} ${problem.message}`);
    }
    const vectorIssue = vectorProblem(reference.vector);
    if (vectorIssue !== null) throw new RangeError(`ReferenceCatalogue.add: vector ${vectorIssue}`);
    if (this.rowsById.has(reference.id)) {
      throw new RangeError(`ReferenceCatalogue.add: id ${JSON.stringify(reference.id)} is already in the catalogue`);
    }
    this.insert(copyMetadata(reference), unitVector(reference.vector));
  }

  /** Removes a reference; false when the id is not there. */
  remove(id: string): boolean {
    const row = this.rowsById.get(id);
    if (row === undefined) return false;
    this.unlinkGenre(row);
    this.rowsById.delete(id);
    const last = this.metadata.length - 1;
    if (row !== last) {
      this.matrix.copyWithin(row * DIMENSION, last * DIMENSION, (last + 1) * DIMENSION);
      this.metadata[row] = this.metadata[last]!;
      this.genreKeys[row] = this.genreKeys[last]!;
      this.sequences[row] = this.sequences[last]!;
      this.genrePositions[row] = this.genrePositions[last]!;
      this.rowsById.set(this.metadata[row]!.id, row);
      const key = this.genreKeys[row];
      if (key !== null && key !== undefined) this.rowsByGenre.get(key)!.rows[this.genrePositions[row]!] = row;
    }
    this.metadata.pop();
    this.genreKeys.pop();
    return true;
  }

  /** The reference with its vector (a copy), or null. */
  get(id: string): Reference | null {
    const row = this.rowsById.get(id);
    if (row === undefined) return null;
    return { ...this.metadata[row]!, vector: this.matrix.slice(row * DIMENSION, (row + 1) * DIMENSION) };
  }

  /** All references' metadata in insertion order. */
  list(): ReferenceMetadata[] {
    return this.rowsInInsertionOrder().map((row) => this.metadata[row]!);
  }

  /** The genres present with their reference counts, by count (then name). */
  genres(): GenreCount[] {
    const counts: GenreCount[] = [];
    for (const { rows, count } of this.rowsByGenre.values()) {
      let first = rows[0]!;
      for (let index = 1; index < count; index++) {
        if (this.sequences[rows[index]!]! < this.sequences[first]!) first = rows[index]!;
      }
      counts.push({ genre: this.metadata[first]!.genre!, count });
    }
    return counts.sort((a, b) => b.count - a.count || a.genre.localeCompare(b.genre));
  }

  /**
   * The k references most similar to `query` (FEATURE_DIMENSION_COUNT finite values, any
   * non-zero length; a zero query scores 0 against all), best first; equal scores in insertion order.
   */
  topK(query: ArrayLike<number>, k: number, options: TopKOptions = {}): SimilarReference[] {
    if (!(Number.isSafeInteger(k) && k >= 0)) {
      throw new RangeError(`ReferenceCatalogue.topK: k must be an integer ≥ 0, got ${k}`);
    }
    const vectorIssue = vectorProblem(query);
    if (vectorIssue !== null) throw new RangeError(`ReferenceCatalogue.topK: query ${vectorIssue}`);
    const { genre } = options;
    if (!(genre === undefined || genre === null || typeof genre === "string")) {
      throw new TypeError(`ReferenceCatalogue.topK: genre must be a string or null, got ${typeof genre}`);
    }
    const unit = this.query;
    unit.set(unitVector(query));
    const heap = this.heap;
    heap.reset(Math.min(k, this.metadata.length));
    const { matrix, sequences } = this;
    if (genre === undefined || genre === null) {
      const count = this.metadata.length;
      for (let row = 0; row < count; row++) {
        const score = dotRow(unit, matrix, row * DIMENSION);
        if (score >= heap.threshold()) heap.offer(score, sequences[row]!, row);
      }
    } else {
      const list = this.rowsByGenre.get(genreKey(genre));
      if (list === undefined) return [];
      const { rows, count } = list;
      for (let index = 0; index < count; index++) {
        const row = rows[index]!;
        const score = dotRow(unit, matrix, row * DIMENSION);
        if (score >= heap.threshold()) heap.offer(score, sequences[row]!, row);
      }
    }
    return heap.ranked().map(({ row, score }) => ({
      reference: this.metadata[row]!,
      score: Math.min(1, Math.max(-1, score)),
    }));
  }

  /** A plain JSON-able copy: metadata and base64 vectors in insertion order, with the versions. */
  serialize(): SerializedCatalogue {
    return {
      format: CATALOGUE_FORMAT,
      formatVersion: CATALOGUE_FORMAT_VERSION,
      featureVectorVersion: FEATURE_VECTOR_VERSION,
      dimension: DIMENSION,
      references: this.rowsInInsertionOrder().map((row) => {
        const { id, name, artist, genre, year, source } = this.metadata[row]!;
        const vector = float32ToBase64(this.matrix.subarray(row * DIMENSION, (row + 1) * DIMENSION));
        return { id, name, artist, genre, year, source: { ...source }, vector };
      }),
    };
  }

  /** Appends a checked reference whose vector is stored as given. */
  private insert(metadata: ReferenceMetadata, vector: Float32Array): void {
    const row = this.metadata.length;
    if (row === this.sequences.length) this.grow();
    this.matrix.set(vector, row * DIMENSION);
    this.metadata.push(metadata);
    this.sequences[row] = this.nextSequence++;
    this.rowsById.set(metadata.id, row);
    const key = metadata.genre === null ? null : genreKey(metadata.genre);
    this.genreKeys.push(key);
    this.genrePositions[row] = -1;
    if (key === null) return;
    let list = this.rowsByGenre.get(key);
    if (list === undefined) {
      list = { rows: new Int32Array(16), count: 0 };
      this.rowsByGenre.set(key, list);
    }
    if (list.count === list.rows.length) {
      const grown = new Int32Array(2 * list.rows.length);
      grown.set(list.rows);
      list.rows = grown;
    }
    this.genrePositions[row] = list.count;
    list.rows[list.count++] = row;
  }

  /** Takes `row` out of its genre list (the list's last row moves into its place). */
  private unlinkGenre(row: number): void {
    const key = this.genreKeys[row];
    if (key === null || key === undefined) return;
    const list = this.rowsByGenre.get(key)!;
    const position = this.genrePositions[row]!;
    const moved = list.rows[--list.count]!;
    list.rows[position] = moved;
    this.genrePositions[moved] = position;
    if (list.count === 0) this.rowsByGenre.delete(key);
  }

  private grow(): void {
    const capacity = 2 * this.sequences.length;
    const matrix = new Float32Array(capacity * DIMENSION);
    matrix.set(this.matrix);
    this.matrix = matrix;
    const sequences = new Float64Array(capacity);
    sequences.set(this.sequences);
    this.sequences = sequences;
    const positions = new Int32Array(capacity);
    positions.set(this.genrePositions);
    this.genrePositions = positions;
  }

  private rowsInInsertionOrder(): number[] {
    return Array.from(this.metadata, (_, row) => row).sort((a, b) => this.sequences[a]! - this.sequences[b]!);
  }
}

/** The values as a Float32 vector of unit length (unchanged if already within UNIT_TOLERANCE; zero stays zero). */
function unitVector(values: ArrayLike<number>): Float32Array {
  let squares = 0;
  for (let index = 0; index < values.length; index++) squares += values[index]! * values[index]!;
  const vector = Float32Array.from(values);
  if (squares === 0 || Math.abs(squares - 1) <= UNIT_TOLERANCE) return vector;
  const scale = 1 / Math.sqrt(squares);
  for (let index = 0; index < vector.length; index++) vector[index] = values[index]! * scale;
  return vector;
}
