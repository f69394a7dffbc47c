import { describe, expect, it } from "vitest";
import {
  BALANCE_FLOOR_DB,
  THIRD_OCTAVE_BAND_COUNT,
  THIRD_OCTAVE_CENTRES_HZ,
  THIRD_OCTAVE_NOMINAL_HZ,
  thirdOctaveLevels,
} from "./third-octave-bands.js";

/** Centres of the 1/b-octave IEC 61260-1 base-ten bands whose centres lie within 20 Hz–20 kHz. */
function fractionalCentres(bandsPerOctave: number): number[] {
  const ratio = 10 ** 0.3;
  const even = bandsPerOctave % 2 === 0;
  const centres: number[] = [];
  for (let x = -60 * bandsPerOctave; x <= 60 * bandsPerOctave; x++) {
    const exponent = (even ? 2 * x + 1 : 2 * x) / (2 * bandsPerOctave);
    const centre = 1000 * ratio ** exponent;
    if (centre >= 20 * 0.97 && centre <= 20_000 * 1.03) centres.push(centre);
  }
  return centres;
}

const energyOf = (levels: readonly number[]) => levels.reduce((sum, level) => sum + 10 ** (level / 10), 0);

describe("third-octave bands", () => {
  it("has 31 bands from 20 Hz to 20 kHz whose nominal labels round the exact centres", () => {
    expect(THIRD_OCTAVE_BAND_COUNT).toBe(31);
    expect(THIRD_OCTAVE_CENTRES_HZ[0]).toBeCloseTo(19.95, 2);
    expect(THIRD_OCTAVE_CENTRES_HZ[17]).toBe(1000);
    expect(THIRD_OCTAVE_CENTRES_HZ[30]).toBeCloseTo(19_952.6, 1);
    THIRD_OCTAVE_CENTRES_HZ.forEach((centre, band) => {
      expect(Math.abs(centre / THIRD_OCTAVE_NOMINAL_HZ[band]! - 1)).toBeLessThan(0.03);
    });
  });
});

describe("thirdOctaveLevels", () => {
  it("returns a third-octave curve re-referenced to its total", () => {
    const levels = THIRD_OCTAVE_CENTRES_HZ.map((_, band) => -band / 2);
    const result = thirdOctaveLevels(THIRD_OCTAVE_CENTRES_HZ, levels, 3)!.map((level) => level!);
    expect(energyOf(result)).toBeCloseTo(1, 12);
    const offset = result[0]! - levels[0]!;
    result.forEach((level, band) => {
      expect(level - levels[band]!).toBeCloseTo(offset, 9);
    });
  });

  it("sums nested sixth- and twelfth-octave bands exactly", () => {
    for (const bandsPerOctave of [6, 12, 24]) {
      const centres = fractionalCentres(bandsPerOctave);
      const flat = thirdOctaveLevels(centres, new Array(centres.length).fill(-20), bandsPerOctave)!;
      expect(flat.every((level) => level !== null)).toBe(true);
      // Equal energy per 1/b band, b/3 of them per third: a flat third-octave curve.
      for (const level of flat) expect(level).toBeCloseTo(-10 * Math.log10(31), 6);
    }
  });

  it("spreads an octave band evenly over its three thirds", () => {
    const centres = fractionalCentres(1);
    const levels = centres.map((centre) => (Math.abs(centre - 1000) < 1 ? 0 : null));
    const result = thirdOctaveLevels(centres, levels, 1)!;
    for (const band of [16, 17, 18]) expect(result[band]).toBeCloseTo(-10 * Math.log10(3), 9);
    expect(result[15]).toBe(BALANCE_FLOOR_DB);
    expect(result[19]).toBe(BALANCE_FLOOR_DB);
  });

  it("leaves bands below the curve's lowest band unknown", () => {
    const centres = fractionalCentres(1).filter((centre) => centre > 30);
    const result = thirdOctaveLevels(centres, new Array(centres.length).fill(-10), 1)!;
    expect(result[0]).toBeNull();
    expect(result.slice(2).every((level) => level !== null)).toBe(true);
  });

  it("gives bands without energy (or above Nyquist) the floor, and silence null", () => {
    const centres = THIRD_OCTAVE_CENTRES_HZ.slice(0, 29);
    const levels = centres.map((_, band) => (band === 5 ? null : -15));
    const result = thirdOctaveLevels(centres, levels, 3)!;
    expect(result[5]).toBe(BALANCE_FLOOR_DB);
    expect(result[29]).toBe(BALANCE_FLOOR_DB);
    expect(result[30]).toBe(BALANCE_FLOOR_DB);
    expect(thirdOctaveLevels(centres, new Array(29).fill(null), 3)).toBeNull();
    expect(thirdOctaveLevels([], [], 3)).toBeNull();
  });

  it("ignores bands outside 20 Hz–20 kHz and non-finite levels", () => {
    const result = thirdOctaveLevels([10, 1000, 40_000], [0, -3, 0], 3)!;
    expect(result[17]).toBeCloseTo(0, 12);
    expect(thirdOctaveLevels([1000], [Number.NaN], 3)).toBeNull();
  });

  it("rejects mismatched lengths and a bad resolution", () => {
    expect(() => thirdOctaveLevels([1000], [], 3)).toThrow(/equal lengths, got 1 and 0/);
    expect(() => thirdOctaveLevels([1000], [0], 0)).toThrow(/bandsPerOctave must be a finite number > 0, got 0/);
  });
});
