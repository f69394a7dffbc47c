/**
 * The 31 one-third-octave bands of the feature vector's spectral-balance curve (IEC 61260-1,
 * base-ten system: mid-band frequencies 1000·10^(n/10) Hz for n = −17 … 13, nominally 20 Hz …
 * 20 kHz; each band spans ±1/20 decade around its centre), and `thirdOctaveLevels`, which
 * re-bins a fractional-octave balance curve of any resolution onto them.
 *
 * Re-binning: in units of u = 10·log10(f / 1 kHz) a third-octave band n covers [n − ½, n + ½]
 * and a 1/b-octave band centred at u_c covers u_c ± 1.5/b (one octave = 10·log10(2) ≈ 3.01 u,
 * taken here as the base-ten 3). Each input band's energy is shared among the third-octave
 * bands in proportion to the overlap, i.e. as if spread evenly over log frequency. For
 * b = 6, 12, 24 the input bands nest exactly inside third-octave bands (IEC 61260-1 edges), so
 * the result is their exact energy sum; b = 1 or 2 gives a smoothed curve. A third-octave band
 * the input covers only in part (the 20 Hz and 20 kHz bands of a sixth-octave curve cut at
 * 20 Hz–20 kHz by centre frequency) is estimated from the covered part, as if its density
 * continued.
 * Levels come back in dB relative to the total of the 31 bands. A band without energy —
 * including one above the Nyquist frequency, which the file cannot carry — gets
 * BALANCE_FLOOR_DB: "nothing there" is a fact about the track, not a missing value. A band
 * below the curve's lowest band is null (unknown): an octave-band curve starting at 31.5 Hz
 * says nothing about 20 Hz. Resolutions of three or more bands per octave cover all 31.
 * Reference: IEC 61260-1:2014, Electroacoustics — Octave-band and fractional-octave-band filters.
 */
import type { Hz } from "../types.js";

/** The level given to a third-octave band without energy, dB relative to the total. */
export const BALANCE_FLOOR_DB = -100;

/** Index n of the first band (20 Hz) in 1000·10^(n/10). */
const FIRST_BAND_EXPONENT = -17;
export const THIRD_OCTAVE_BAND_COUNT = 31;

/** Exact mid-band frequencies, 19.95 Hz … 19,953 Hz. */
export const THIRD_OCTAVE_CENTRES_HZ: readonly Hz[] = Array.from(
  { length: THIRD_OCTAVE_BAND_COUNT },
  (_, band) => 1000 * 10 ** ((band + FIRST_BAND_EXPONENT) / 10),
);

/** Nominal labels (ISO 266 R10 series): 20, 25, 31.5 … 16 000, 20 000 Hz. */
export const THIRD_OCTAVE_NOMINAL_HZ: readonly Hz[] = [
  20, 25, 31.5, 40, 50, 63, 80, 100, 125, 160, 200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600, 2000, 2500, 3150,
  4000, 5000, 6300, 8000, 10_000, 12_500, 16_000, 20_000,
];

/**
 * A balance curve of `bandsPerOctave` bands per octave (centres in Hz, levels in dB, null for a
 * band without energy) re-binned onto the 31 third-octave bands, in dB relative to their total
 * (≥ BALANCE_FLOOR_DB; null below the curve's lowest band). Null when the curve holds no
 * energy at all (silence, or no bands).
 */
export function thirdOctaveLevels(
  centresHz: readonly Hz[],
  levelsDb: readonly (number | null)[],
  bandsPerOctave: number,
): (number | null)[] | null {
  if (centresHz.length !== levelsDb.length) {
    throw new RangeError(
      `thirdOctaveLevels: centresHz and levelsDb must have equal lengths, got ${centresHz.length} and ${levelsDb.length}`,
    );
  }
  if (!(Number.isFinite(bandsPerOctave) && bandsPerOctave > 0)) {
    throw new RangeError(`thirdOctaveLevels: bandsPerOctave must be a finite number > 0, got ${bandsPerOctave}`);
  }
  const energies = new Float64Array(THIRD_OCTAVE_BAND_COUNT);
  /** Covered part of each third-octave band, in u (1 = whole band). */
  const coverage = new Float64Array(THIRD_OCTAVE_BAND_COUNT);
  const halfWidth = 1.5 / bandsPerOctave;
  let lowestEdge = Number.POSITIVE_INFINITY;
  for (let input = 0; input < centresHz.length; input++) {
    if (centresHz[input]! > 0) lowestEdge = Math.min(lowestEdge, 10 * Math.log10(centresHz[input]! / 1000) - halfWidth);
  }
  for (let input = 0; input < centresHz.length; input++) {
    const level = levelsDb[input];
    const centreHz = centresHz[input]!;
    if (level === null || level === undefined || !Number.isFinite(level) || !(centreHz > 0)) continue;
    const energy = 10 ** (level / 10);
    const centre = 10 * Math.log10(centreHz / 1000);
    const low = centre - halfWidth;
    const high = centre + halfWidth;
    const first = Math.max(0, Math.round(low) - FIRST_BAND_EXPONENT);
    const last = Math.min(THIRD_OCTAVE_BAND_COUNT - 1, Math.round(high) - FIRST_BAND_EXPONENT);
    for (let band = first; band <= last; band++) {
      const exponent = band + FIRST_BAND_EXPONENT;
      const overlap = Math.min(high, exponent + 0.5) - Math.max(low, exponent - 0.5);
      if (overlap <= 0) continue;
      energies[band] = energies[band]! + (energy * overlap) / (2 * halfWidth);
      coverage[band] = coverage[band]! + overlap;
    }
  }
  let total = 0;
  for (let band = 0; band < THIRD_OCTAVE_BAND_COUNT; band++) {
    if (coverage[band]! > 0 && coverage[band]! < 1) energies[band] = energies[band]! / coverage[band]!;
    total += energies[band]!;
  }
  if (!(total > 0)) return null;
  return Array.from(energies, (energy, band) => {
    if (energy > 0) return Math.max(BALANCE_FLOOR_DB, 10 * Math.log10(energy / total));
    return coverage[band] === 0 && band + FIRST_BAND_EXPONENT + 0.5 <= lowestEdge ? null : BALANCE_FLOOR_DB;
  });
}
