/**
 * Power to decibels as librosa.power_to_db: 10·log10(max(amin, value)) − 10·log10(max(amin, ref)),
 * then, when topDb is set, every value is raised to at least (largest value − topDb), the
 * largest taken over the whole matrix (so the clamp needs every frame first: two passes).
 * Used by the MFCC (on mel power) and by spectral contrast (on band means), as librosa does.
 * Reference: McFee et al. (2015), librosa 0.10 `power_to_db` (amin 1e-10, ref 1, top_db 80).
 */

export interface PowerToDbOptions {
  /** Floor applied before the logarithm; > 0. */
  readonly amin: number;
  /** Reference power that maps to 0 dB; > 0. */
  readonly reference: number;
  /** Dynamic range kept below the largest value in dB; null keeps everything. */
  readonly topDb: number | null;
}

export const POWER_TO_DB_DEFAULTS: PowerToDbOptions = { amin: 1e-10, reference: 1, topDb: 80 };

/**
 * Converts `values` (power, ≥ 0) to dB in place, or into `out` (same length) when given,
 * and returns it. NaN stays NaN and is ignored when finding the largest value.
 */
export function powerToDb(
  values: Float32Array,
  options: Partial<PowerToDbOptions> = {},
  out: Float32Array = values,
): Float32Array {
  const { amin, reference, topDb } = { ...POWER_TO_DB_DEFAULTS, ...options };
  if (!(amin > 0)) throw new RangeError(`powerToDb: amin must be > 0, got ${amin}`);
  if (!(reference > 0)) throw new RangeError(`powerToDb: reference must be > 0, got ${reference}`);
  if (topDb !== null && !(topDb >= 0)) throw new RangeError(`powerToDb: topDb must be ≥ 0 or null, got ${topDb}`);
  if (out.length !== values.length) {
    throw new RangeError(`powerToDb: out length must equal ${values.length}, got ${out.length}`);
  }
  const offset = 10 * Math.log10(Math.max(amin, reference));
  let largest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    const db = 10 * Math.log10(value > amin ? value : amin) - offset;
    out[i] = Number.isNaN(value) ? Number.NaN : db;
    if (db > largest && !Number.isNaN(value)) largest = db;
  }
  if (topDb !== null && largest > Number.NEGATIVE_INFINITY) clampBelow(out, largest - topDb);
  return out;
}

/** Raises every value of `values` below `floor` to `floor` (NaN stays NaN). */
export function clampBelow(values: Float32Array, floor: number): void {
  for (let i = 0; i < values.length; i++) if (values[i]! < floor) values[i] = floor;
}
