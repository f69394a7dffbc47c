/**
 * Fractional-octave bands by IEC 61260-1:2014, base-ten system: octave ratio G = 10^(3/10),
 * reference frequency 1 kHz, b bands per octave. Exact mid-band frequencies
 * f_m = 1000·G^(x/b) for odd b and 1000·G^((2x+1)/(2b)) for even b (x integer); band edges
 * f_m·G^(−1/(2b)) and f_m·G^(1/(2b)). Nominal labels (the ISO 266 / IEC 61260-1 Annex E
 * R10 series 1, 1.25, 1.6, 2, 2.5, 3.15, 4, 5, 6.3, 8 × 10^n) for octave and one-third-octave
 * bands; other fractions are labelled with the exact frequency to three significant digits.
 * One-third-octave bands from 20 Hz to 20 kHz: the 31 bands 20, 25, 31.5 … 16k, 20k.
 */
import type { Hz } from "../types.js";

export interface FractionalOctaveBand {
  /** Exact mid-band frequency. */
  readonly centreHz: Hz;
  /** Nominal label (e.g. 31.5 for 31.62 Hz). */
  readonly nominalHz: Hz;
  readonly lowHz: Hz;
  readonly highHz: Hz;
}

/** The b values IEC 61260-1 allows. */
export const BANDS_PER_OCTAVE_CHOICES: readonly number[] = [1, 2, 3, 6, 12, 24];

const OCTAVE_RATIO = 10 ** (3 / 10);
const R10_SERIES = [1, 1.25, 1.6, 2, 2.5, 3.15, 4, 5, 6.3, 8];

/**
 * The bands with mid-band frequencies from `minHz` to `maxHz` (each bound with a 3 %
 * tolerance, so that 19.95 Hz counts as the 20 Hz band), ascending.
 */
export function fractionalOctaveBands(
  bandsPerOctave: number,
  minHz: Hz = 20,
  maxHz: Hz = 20_000,
): FractionalOctaveBand[] {
  if (!BANDS_PER_OCTAVE_CHOICES.includes(bandsPerOctave)) {
    throw new RangeError(
      `fractionalOctaveBands: bandsPerOctave must be one of ${BANDS_PER_OCTAVE_CHOICES.join(", ")}, got ${bandsPerOctave}`,
    );
  }
  if (!(minHz > 0 && maxHz >= minHz)) {
    throw new RangeError(`fractionalOctaveBands: need 0 < minHz ≤ maxHz, got ${minHz}, ${maxHz}`);
  }
  const b = bandsPerOctave;
  const even = b % 2 === 0;
  // Exponent of G in units of 1/(2b): 2x for odd b, 2x + 1 for even b.
  const exponentOf = (x: number) => (even ? 2 * x + 1 : 2 * x) / (2 * b);
  const xFrom = Math.floor((b * Math.log(minHz / 1000)) / Math.log(OCTAVE_RATIO)) - 2;
  const xTo = Math.ceil((b * Math.log(maxHz / 1000)) / Math.log(OCTAVE_RATIO)) + 2;
  const bands: FractionalOctaveBand[] = [];
  const halfWidth = OCTAVE_RATIO ** (1 / (2 * b));
  for (let x = xFrom; x <= xTo; x++) {
    const centreHz = 1000 * OCTAVE_RATIO ** exponentOf(x);
    if (centreHz < minHz * 0.97 || centreHz > maxHz * 1.03) continue;
    bands.push({
      centreHz,
      nominalHz: nominalLabel(centreHz, b),
      lowHz: centreHz / halfWidth,
      highHz: centreHz * halfWidth,
    });
  }
  return bands;
}

function nominalLabel(centreHz: Hz, bandsPerOctave: number): Hz {
  if (bandsPerOctave === 1 || bandsPerOctave === 3) {
    // One-third-octave centres are 10^(n/10) kHz: the R10 series exactly.
    const tenths = Math.round(10 * Math.log10(centreHz));
    const decade = Math.floor(tenths / 10);
    return roundSignificant(R10_SERIES[tenths - 10 * decade]! * 10 ** decade, 3);
  }
  return roundSignificant(centreHz, 3);
}

function roundSignificant(value: number, digits: number): number {
  const scale = 10 ** (digits - 1 - Math.floor(Math.log10(value)));
  return Math.round(value * scale) / scale;
}
