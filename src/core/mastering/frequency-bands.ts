/**
 * Frequency bands of the mastering metrics and how a band covers the bins of a real FFT.
 * Default: the five bands of a common mastering split (a multiband compressor's usual
 * crossovers): low 20–200, low_mid 200–500, mid 500–2k, high_mid 2k–6k, high 6k–20k Hz.
 * Bands are configurable: ascending, non-overlapping, 0 ≤ lowHz < highHz (gaps allowed).
 * Bin k of an N-point real FFT at rate fs (Δ = fs/N) stands for the interval
 * [kΔ − Δ/2, kΔ + Δ/2), bin 0 for [0, Δ/2) and bin N/2 for [fs/2 − Δ/2, fs/2]. A band takes
 * every bin with weight = the fraction of that interval inside the band, so the energy of
 * white noise splits between bands exactly in proportion to their widths (in expectation)
 * and two adjacent bands share their edge bin without counting it twice.
 */
import type { Hz } from "../types.js";

export interface FrequencyBand {
  /** Identifier in results (e.g. "low_mid"). */
  readonly name: string;
  /** Lower edge (Hz, ≥ 0, inclusive). */
  readonly lowHz: Hz;
  /** Upper edge (Hz, > lowHz, exclusive). */
  readonly highHz: Hz;
}

export const MASTERING_BANDS: readonly FrequencyBand[] = [
  { name: "low", lowHz: 20, highHz: 200 },
  { name: "low_mid", lowHz: 200, highHz: 500 },
  { name: "mid", lowHz: 500, highHz: 2000 },
  { name: "high_mid", lowHz: 2000, highHz: 6000 },
  { name: "high", lowHz: 6000, highHz: 20_000 },
];

/** Throws unless `bands` is a non-empty ascending list of non-overlapping bands with unique names. */
export function checkBands(name: string, bands: readonly FrequencyBand[]): void {
  if (bands.length === 0) throw new RangeError(`${name}: bands must not be empty`);
  const names = new Set<string>();
  let previousHigh = 0;
  for (const band of bands) {
    const { lowHz, highHz } = band;
    if (!(Number.isFinite(lowHz) && Number.isFinite(highHz) && lowHz >= 0 && highHz > lowHz)) {
      throw new RangeError(`${name}: band "${band.name}" needs 0 ≤ lowHz < highHz (finite), got ${lowHz}–${highHz} Hz`);
    }
    if (lowHz < previousHigh) {
      throw new RangeError(
        `${name}: bands must be ascending and non-overlapping, "${band.name}" starts at ${lowHz} Hz below ${previousHigh} Hz`,
      );
    }
    if (names.has(band.name)) throw new RangeError(`${name}: band names must be unique, "${band.name}" repeats`);
    names.add(band.name);
    previousHigh = highHz;
  }
}

/** The bins a band covers: first…last, the end bins with fractional weights, the inner ones with weight 1. */
export interface BinSpan {
  readonly first: number;
  /** < first when the band covers no bin (it lies above the Nyquist frequency). */
  readonly last: number;
  readonly firstWeight: number;
  readonly lastWeight: number;
}

const EMPTY_SPAN: BinSpan = { first: 1, last: 0, firstWeight: 0, lastWeight: 0 };

/** The span of [lowHz, highHz) over `binCount` = N/2 + 1 bins spaced `binHz` apart. */
export function binSpan(lowHz: Hz, highHz: Hz, binHz: Hz, binCount: number): BinSpan {
  const nyquistHz = (binCount - 1) * binHz;
  const low = Math.max(0, lowHz);
  const high = Math.min(highHz, nyquistHz);
  if (!(high > low)) return EMPTY_SPAN;
  const first = Math.min(binCount - 1, Math.floor(low / binHz + 0.5));
  const last = Math.max(first, Math.min(binCount - 1, Math.ceil(high / binHz + 0.5) - 1));
  const weight = (bin: number) => {
    const binLow = Math.max(0, (bin - 0.5) * binHz);
    const binHigh = Math.min(nyquistHz, (bin + 0.5) * binHz);
    return Math.max(0, Math.min(high, binHigh) - Math.max(low, binLow)) / (binHigh - binLow);
  };
  return { first, last, firstWeight: weight(first), lastWeight: weight(last) };
}

/** Σ weight(k)·values[k] over the span. */
export function spanSum(values: Float64Array, span: BinSpan): number {
  const { first, last } = span;
  if (last < first) return 0;
  if (last === first) return span.firstWeight * values[first]!;
  let sum = span.firstWeight * values[first]!;
  for (let k = first + 1; k < last; k++) sum += values[k]!;
  return sum + span.lastWeight * values[last]!;
}

/** The weight of bin k in the span (0 outside it). */
export function spanWeight(span: BinSpan, bin: number): number {
  if (bin < span.first || bin > span.last) return 0;
  if (bin === span.first) return span.firstWeight;
  return bin === span.last ? span.lastWeight : 1;
}
