/**
 * Dot product, length and cosine similarity of dense vectors, and the dot product of a query
 * with one row of a flat row-major Float32 matrix (the catalogue's inner loop). Sums run in
 * Float64 over four independent accumulators (an unrolled loop the JIT keeps in registers), so
 * Float32 inputs lose no precision in the products (24 + 24 bits < 53).
 * cos(a, b) = a·b / (‖a‖·‖b‖), clamped to [−1, 1] against rounding; 0 when either vector is zero
 * (a zero vector has no direction), never NaN.
 */

/** Σ a_i·b_i over equal-length vectors. */
export function dotProduct(first: ArrayLike<number>, second: ArrayLike<number>): number {
  if (first.length !== second.length) {
    throw new RangeError(`dotProduct: vectors must have equal lengths, got ${first.length} and ${second.length}`);
  }
  const length = first.length;
  const unrolled = length - (length % 4);
  let sum0 = 0;
  let sum1 = 0;
  let sum2 = 0;
  let sum3 = 0;
  for (let index = 0; index < unrolled; index += 4) {
    sum0 += first[index]! * second[index]!;
    sum1 += first[index + 1]! * second[index + 1]!;
    sum2 += first[index + 2]! * second[index + 2]!;
    sum3 += first[index + 3]! * second[index + 3]!;
  }
  for (let index = unrolled; index < length; index++) sum0 += first[index]! * second[index]!;
  return sum0 + sum1 + (sum2 + sum3);
}

/** Euclidean length ‖v‖. */
export function vectorLength(values: ArrayLike<number>): number {
  return Math.sqrt(dotProduct(values, values));
}

/** Cosine of the angle between two vectors in [−1, 1]; 0 when either is zero. */
export function cosineSimilarity(first: ArrayLike<number>, second: ArrayLike<number>): number {
  const product = dotProduct(first, second);
  const lengths = vectorLength(first) * vectorLength(second);
  if (!(lengths > 0)) return 0;
  return Math.min(1, Math.max(-1, product / lengths));
}

/**
 * query · matrix[row] for a row starting at `offset` of a row-major matrix whose rows are
 * `query.length` long, a multiple of 8 (the caller guarantees both; no checks in the hot loop).
 */
export function dotRow(query: Float64Array, matrix: Float32Array, offset: number): number {
  let sum0 = 0;
  let sum1 = 0;
  let sum2 = 0;
  let sum3 = 0;
  const length = query.length;
  for (let index = 0; index < length; index += 8) {
    const base = offset + index;
    sum0 += query[index]! * matrix[base]! + query[index + 4]! * matrix[base + 4]!;
    sum1 += query[index + 1]! * matrix[base + 1]! + query[index + 5]! * matrix[base + 5]!;
    sum2 += query[index + 2]! * matrix[base + 2]! + query[index + 6]! * matrix[base + 6]!;
    sum3 += query[index + 3]! * matrix[base + 3]! + query[index + 7]! * matrix[base + 7]!;
  }
  return sum0 + sum1 + (sum2 + sum3);
}
