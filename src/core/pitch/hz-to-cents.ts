/**
 * Frequency to cents relative to a reference (the tonic): 1200·log2(f / tonicHz).
 * NaN (pYIN's unvoiced frames), zero and negative frequencies map to NaN, so a pitch
 * track converts frame by frame without a separate voicing mask.
 * Reference: Ellis (1885), the cent as 1/1200 octave; Mauch & Dixon (2014) report f0 in Hz.
 */
import type { Hz } from "../types.js";

/** Cents of `f0` above `tonicHz` (negative below); NaN for f0 ≤ 0 or NaN. */
export function hzToCents(f0: Hz, tonicHz: Hz): number;
export function hzToCents(f0: Float32Array, tonicHz: Hz): Float32Array;
export function hzToCents(f0: Hz | Float32Array, tonicHz: Hz): number | Float32Array {
  if (!(tonicHz > 0 && Number.isFinite(tonicHz))) {
    throw new RangeError(`hzToCents: tonicHz must be a finite value > 0, got ${tonicHz}`);
  }
  if (typeof f0 === "number") return centsOf(f0, tonicHz);
  const out = new Float32Array(f0.length);
  for (let i = 0; i < f0.length; i++) out[i] = centsOf(f0[i]!, tonicHz);
  return out;
}

function centsOf(f0: number, tonicHz: number): number {
  return f0 > 0 ? 1200 * Math.log2(f0 / tonicHz) : Number.NaN;
}
