/**
 * Self-similarity of a feature sequence (units × width): time-delay embedding (each unit
 * described by itself and the `delays` units after it, so that a repeated chord
 * progression matches as a whole, not chord by chord), per-row standardisation, the
 * cosine self-similarity matrix, and the mutual k-nearest-neighbour recurrence plot.
 * All matrices are n × n, row-major, Float32Array; zero rows (silence) are similar to
 * nothing (cosine 0).
 * References: Foote (1999), "Visualizing music and audio using self-similarity", ACM
 *   Multimedia; Serrà, Serra & Andrzejak (2009), "Cross recurrence quantification for
 *   cover song identification", New J. Physics 11 (delay embedding, mutual kNN
 *   recurrence); McFee & Ellis (2014), "Analyzing song structure with spectral
 *   clustering", ISMIR.
 */

/**
 * Stack each unit with the `before` units preceding it and the `after` units following it
 * (clamped at the track's ends): output units × (width·(before + 1 + after)). A centred
 * window (before = after) keeps a change at unit n centred on n in the similarity matrix.
 */
export function delayEmbed(
  features: Float32Array,
  units: number,
  width: number,
  before: number,
  after: number,
): Float32Array {
  for (const [name, value] of [
    ["before", before],
    ["after", after],
  ] as const) {
    if (!(Number.isInteger(value) && value >= 0)) {
      throw new RangeError(`delayEmbed: ${name} must be an integer ≥ 0, got ${value}`);
    }
  }
  const stacked = width * (before + 1 + after);
  const out = new Float32Array(units * stacked);
  for (let i = 0; i < units; i++) {
    for (let d = -before; d <= after; d++) {
      const source = Math.min(units - 1, Math.max(0, i + d)) * width;
      out.set(features.subarray(source, source + width), i * stacked + (d + before) * width);
    }
  }
  return out;
}

/**
 * Standardise each column over the units (z-score), in place; constant columns become 0.
 * Used for timbre coefficients whose scales differ by orders of magnitude.
 */
export function standardizeColumns(features: Float32Array, units: number, width: number): Float32Array {
  for (let d = 0; d < width; d++) {
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < units; i++) {
      const value = features[i * width + d]!;
      sum += value;
      squares += value * value;
    }
    const mean = units > 0 ? sum / units : 0;
    const variance = units > 0 ? squares / units - mean * mean : 0;
    const scale = variance > 1e-12 ? 1 / Math.sqrt(variance) : 0;
    for (let i = 0; i < units; i++) features[i * width + d] = (features[i * width + d]! - mean) * scale;
  }
  return features;
}

/** Cosine similarity of every pair of rows: n × n in [−1, 1]; a zero row has similarity 0. */
export function cosineSelfSimilarity(features: Float32Array, units: number, width: number): Float32Array {
  const norms = new Float64Array(units);
  for (let i = 0; i < units; i++) {
    const squares = squaresOf(features, i * width, width);
    norms[i] = squares > 1e-20 ? 1 / Math.sqrt(squares) : 0;
  }
  const out = new Float32Array(units * units);
  // Rows i and i + 1 from the diagonal on (mirrored below it), by blocks of two rows and four
  // columns. Every dot product adds its terms in the same order as one at a time, and the
  // value of pair (i, j), i ≤ j, is always dot·norm(i)·norm(j), so values are unchanged. The
  // inner loops live in small functions called many times: the JIT compiles each once, with
  // complete type feedback (a cold run is mostly compilation).
  let i = 0;
  for (; i + 2 <= units; i += 2) {
    let j = i + 2;
    for (; j + 4 <= units; j += 4) similarityBlock(features, units, width, norms, i, j, out);
    similarityEdges(features, units, width, norms, i, j, out);
  }
  if (i < units) similarityTail(features, units, width, norms, i, i, units, out);
  return out;
}

function squaresOf(features: Float32Array, row: number, width: number): number {
  let squares = 0;
  for (let d = 0; d < width; d++) squares += features[row + d]! ** 2;
  return squares;
}

/** The pairs of rows i and i + 1 that no block covers: (i, i), (i, i + 1), (i + 1, i + 1) and columns from `from` on. */
function similarityEdges(
  features: Float32Array,
  units: number,
  width: number,
  norms: Float64Array,
  i: number,
  from: number,
  out: Float32Array,
): void {
  similarityTail(features, units, width, norms, i, i, i + 2, out);
  similarityTail(features, units, width, norms, i + 1, i + 1, i + 2, out);
  similarityTail(features, units, width, norms, i, from, units, out);
  similarityTail(features, units, width, norms, i + 1, from, units, out);
}

/** Pairs (i, j), (i + 1, j) … (i, j + 3), (i + 1, j + 3), i + 1 < j: eight sums in flight, each load shared. */
function similarityBlock(
  features: Float32Array,
  units: number,
  width: number,
  norms: Float64Array,
  i: number,
  j: number,
  out: Float32Array,
): void {
  const rowA = i * width;
  const rowB = rowA + width;
  const row0 = j * width;
  const row1 = row0 + width;
  const row2 = row1 + width;
  const row3 = row2 + width;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  let b3 = 0;
  for (let d = 0; d < width; d++) {
    const valueA = features[rowA + d]!;
    const valueB = features[rowB + d]!;
    const value0 = features[row0 + d]!;
    const value1 = features[row1 + d]!;
    const value2 = features[row2 + d]!;
    const value3 = features[row3 + d]!;
    a0 += valueA * value0;
    a1 += valueA * value1;
    a2 += valueA * value2;
    a3 += valueA * value3;
    b0 += valueB * value0;
    b1 += valueB * value1;
    b2 += valueB * value2;
    b3 += valueB * value3;
  }
  const normA = norms[i]!;
  const normB = norms[i + 1]!;
  setSymmetric(out, units, i, j, a0 * normA * norms[j]!);
  setSymmetric(out, units, i, j + 1, a1 * normA * norms[j + 1]!);
  setSymmetric(out, units, i, j + 2, a2 * normA * norms[j + 2]!);
  setSymmetric(out, units, i, j + 3, a3 * normA * norms[j + 3]!);
  setSymmetric(out, units, i + 1, j, b0 * normB * norms[j]!);
  setSymmetric(out, units, i + 1, j + 1, b1 * normB * norms[j + 1]!);
  setSymmetric(out, units, i + 1, j + 2, b2 * normB * norms[j + 2]!);
  setSymmetric(out, units, i + 1, j + 3, b3 * normB * norms[j + 3]!);
}

/** Pairs (i, j) for j = from … to − 1, one at a time. */
function similarityTail(
  features: Float32Array,
  units: number,
  width: number,
  norms: Float64Array,
  i: number,
  from: number,
  to: number,
  out: Float32Array,
): void {
  for (let j = from; j < to; j++) {
    setSymmetric(out, units, i, j, dotOf(features, i * width, j * width, width) * norms[i]! * norms[j]!);
  }
}

function dotOf(features: Float32Array, rowA: number, rowB: number, width: number): number {
  let dot = 0;
  for (let d = 0; d < width; d++) dot += features[rowA + d]! * features[rowB + d]!;
  return dot;
}

function setSymmetric(out: Float32Array, units: number, i: number, j: number, value: number): void {
  out[i * units + j] = value;
  out[j * units + i] = value;
}

/**
 * Weighted mean of similarity matrices of the same size: each value the Float32 running sum
 * of weight·matrix over the matrices in order. Two matrices (the common case) in one pass,
 * which may write over the first (`out` = matrices[0]); otherwise `out` must hold zeros.
 */
export function mixSimilarities(
  matrices: readonly Float32Array[],
  weights: readonly number[],
  out: Float32Array = new Float32Array(matrices[0]?.length ?? 0),
): Float32Array {
  let total = 0;
  for (let m = 0; m < matrices.length; m++) total += weights[m]!;
  if (matrices.length === 2) {
    const [first, second] = matrices as [Float32Array, Float32Array];
    const firstWeight = weights[0]! / total;
    const secondWeight = weights[1]! / total;
    const f32 = Math.fround;
    // 0 + …: the sum starts from +0 as the array's value does.
    for (let i = 0; i < out.length; i++) out[i] = f32(0 + firstWeight * first[i]!) + secondWeight * second[i]!;
    return out;
  }
  for (let m = 0; m < matrices.length; m++) {
    const matrix = matrices[m]!;
    const weight = weights[m]! / total;
    for (let i = 0; i < out.length; i++) out[i]! += weight * matrix[i]!;
  }
  return out;
}

/**
 * A sparse n × n matrix, row by row: row i holds `values[p]` at column `columns[p]` for
 * p = starts[i] … starts[i + 1] − 1, columns ascending; all other cells are 0.
 */
export interface SparseRows {
  readonly starts: Int32Array;
  readonly columns: Int32Array;
  readonly values: Float32Array;
}

/**
 * Mutual k-nearest-neighbour recurrence plot of a similarity matrix: R[i, j] = 1 when j is
 * among the `neighbours` most similar units of i and i among those of j, with |i − j| >
 * `exclusion` (the trivial diagonal band is not a repetition). Output n × n of 0/1.
 */
export function recurrencePlot(
  similarity: Float32Array,
  units: number,
  neighbours: number,
  exclusion: number,
): Float32Array {
  const rows = recurrenceRows(similarity, units, neighbours, exclusion);
  const out = new Float32Array(units * units);
  for (let i = 0; i < units; i++) {
    for (let p = rows.starts[i]!; p < rows.starts[i + 1]!; p++) out[i * units + rows.columns[p]!] = 1;
  }
  return out;
}

/**
 * `recurrencePlot` as sparse rows (values 1): a few percent of the cells recur, so later
 * steps (structural-features.ts) need not visit the n² zeros.
 */
export function recurrenceRows(
  similarity: Float32Array,
  units: number,
  neighbours: number,
  exclusion: number,
): SparseRows {
  const k = Math.max(1, Math.min(units - 1, Math.round(neighbours)));
  const threshold = new Float32Array(units);
  const top = new Float64Array(k);
  // |i − j| ≤ exclusion ⇔ |i − j| ≤ reach for whole numbers (NaN excludes everything, as it did).
  const reach = Number.isNaN(exclusion) ? units : Math.floor(exclusion);
  for (let i = 0; i < units; i++) threshold[i] = neighbourThreshold(similarity, units, i, reach, k, top);
  const starts = new Int32Array(units + 1);
  const found: number[] = [];
  for (let i = 0; i < units; i++) {
    mutualNeighbours(similarity, units, i, reach, threshold, found);
    starts[i + 1] = found.length;
  }
  return { starts, columns: Int32Array.from(found), values: new Float32Array(found.length).fill(1) };
}

/** Appends the units j outside i's band that are among i's neighbours and i among theirs. */
function mutualNeighbours(
  similarity: Float32Array,
  units: number,
  i: number,
  reach: number,
  threshold: Float32Array,
  found: number[],
): void {
  const row = i * units;
  const limit = threshold[i]!;
  for (let j = 0; j < units; j++) {
    if (j >= i - reach && j <= i + reach) {
      j = i + reach;
      continue;
    }
    const value = similarity[row + j]!;
    if (value > 0 && value >= limit && value >= threshold[j]!) found.push(j);
  }
}

/**
 * The k-th largest similarity of unit i to the units outside its band (the smallest when
 * fewer), as the k-th from the top of the row sorted as a Float32Array sorts (NaN above
 * all numbers): kept by insertion into the running top k, not by sorting the row.
 * +∞ when the band covers the row.
 */
function neighbourThreshold(
  similarity: Float32Array,
  units: number,
  i: number,
  reach: number,
  k: number,
  top: Float64Array,
): number {
  const row = i * units;
  let count = 0;
  let filled = 0;
  let nans = 0;
  for (let j = 0; j < units; j++) {
    if (j >= i - reach && j <= i + reach) {
      j = i + reach;
      continue;
    }
    count++;
    const value = similarity[row + j]!;
    if (Number.isNaN(value)) {
      nans++;
      continue;
    }
    if (filled === k && !(value > top[k - 1]!)) continue;
    // Insert in descending order (dropping the smallest when full).
    let at = filled < k ? filled++ : k - 1;
    while (at > 0 && top[at - 1]! < value) {
      top[at] = top[at - 1]!;
      at--;
    }
    top[at] = value;
  }
  if (count === 0) return Number.POSITIVE_INFINITY;
  const rank = Math.min(k, count);
  return rank <= nans ? Number.NaN : top[rank - nans - 1]!;
}
