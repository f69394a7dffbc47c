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
    let squares = 0;
    for (let d = 0; d < width; d++) squares += features[i * width + d]! ** 2;
    norms[i] = squares > 1e-20 ? 1 / Math.sqrt(squares) : 0;
  }
  const out = new Float32Array(units * units);
  for (let i = 0; i < units; i++) similarityRow(features, units, width, norms, i, out);
  return out;
}

/**
 * Row i of `cosineSelfSimilarity` from the diagonal on (mirrored below it). Four columns at a
 * time share each load of row i and keep four independent sums in flight; every dot product
 * still adds in the same order, so values are unchanged.
 */
function similarityRow(
  features: Float32Array,
  units: number,
  width: number,
  norms: Float64Array,
  i: number,
  out: Float32Array,
): void {
  const rowI = i * width;
  let j = i;
  for (; j + 4 <= units; j += 4) {
    const row0 = j * width;
    const row1 = row0 + width;
    const row2 = row1 + width;
    const row3 = row2 + width;
    let dot0 = 0;
    let dot1 = 0;
    let dot2 = 0;
    let dot3 = 0;
    for (let d = 0; d < width; d++) {
      const value = features[rowI + d]!;
      dot0 += value * features[row0 + d]!;
      dot1 += value * features[row1 + d]!;
      dot2 += value * features[row2 + d]!;
      dot3 += value * features[row3 + d]!;
    }
    setSymmetric(out, units, i, j, dot0 * norms[i]! * norms[j]!);
    setSymmetric(out, units, i, j + 1, dot1 * norms[i]! * norms[j + 1]!);
    setSymmetric(out, units, i, j + 2, dot2 * norms[i]! * norms[j + 2]!);
    setSymmetric(out, units, i, j + 3, dot3 * norms[i]! * norms[j + 3]!);
  }
  for (; j < units; j++) {
    const rowJ = j * width;
    let dot = 0;
    for (let d = 0; d < width; d++) dot += features[rowI + d]! * features[rowJ + d]!;
    setSymmetric(out, units, i, j, dot * norms[i]! * norms[j]!);
  }
}

function setSymmetric(out: Float32Array, units: number, i: number, j: number, value: number): void {
  out[i * units + j] = value;
  out[j * units + i] = value;
}

/**
 * Weighted mean of similarity matrices of the same size: each value the Float32 running sum
 * of weight·matrix over the matrices in order. Two matrices (the common case) in one pass.
 */
export function mixSimilarities(matrices: readonly Float32Array[], weights: readonly number[]): Float32Array {
  const out = new Float32Array(matrices[0]?.length ?? 0);
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
  const k = Math.max(1, Math.min(units - 1, Math.round(neighbours)));
  const threshold = new Float32Array(units);
  const scratch = new Float32Array(units);
  for (let i = 0; i < units; i++) {
    let count = 0;
    for (let j = 0; j < units; j++) {
      if (Math.abs(i - j) > exclusion) scratch[count++] = similarity[i * units + j]!;
    }
    if (count === 0) {
      threshold[i] = Number.POSITIVE_INFINITY;
      continue;
    }
    const values = scratch.subarray(0, count).sort();
    threshold[i] = values[Math.max(0, count - k)]!;
  }
  const out = new Float32Array(units * units);
  for (let i = 0; i < units; i++) {
    for (let j = 0; j < units; j++) {
      if (Math.abs(i - j) <= exclusion) continue;
      const value = similarity[i * units + j]!;
      if (value > 0 && value >= threshold[i]! && value >= threshold[j]!) out[i * units + j] = 1;
    }
  }
  return out;
}
