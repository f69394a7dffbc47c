/**
 * Rounding to a number of decimals exactly as numpy's `np.round(x, decimals)`:
 * scale by 10^decimals, round half to even (IEEE `rint`), divide by 10^decimals.
 * mir_eval rounds boundary times to 5 decimals (`util.intervals_to_boundaries`) and
 * note onset/offset distances to 4 (`transcription.N_DECIMALS`); using the same
 * arithmetic keeps ties (a distance of exactly 50 ms) decided the same way.
 */

/** Round to the nearest integer, ties to even (C `rint` in the default rounding mode). */
export function roundHalfToEven(value: number): number {
  if (!Number.isFinite(value)) return value;
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction < 0.5) return floor;
  if (fraction > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** `np.round(value, decimals)` for one float64 value, `decimals` ≥ 0. */
export function roundHalfEven(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return roundHalfToEven(value * scale) / scale;
}
