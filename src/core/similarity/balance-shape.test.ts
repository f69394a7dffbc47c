import { describe, expect, it } from "vitest";
import { balanceShape } from "./balance-shape.js";
import { THIRD_OCTAVE_CENTRES_HZ } from "./third-octave-bands.js";

const octaves = THIRD_OCTAVE_CENTRES_HZ.map((centre) => Math.log2(centre / 1000));
/** Base-ten third octaves are 1/10 decade apart: log2(10)/10 ≈ 0.332 octave. */
const SPACING = Math.log2(10) / 10;
const PINK = new Array(31).fill(-10 * Math.log10(31));
/** White noise: energy per third octave ∝ bandwidth ∝ f, +3.01 dB per octave. */
const WHITE = THIRD_OCTAVE_CENTRES_HZ.map((centre) => 10 * Math.log10(centre / 1000));

describe("balanceShape", () => {
  it("reads pink noise (equal energy per band) as flat", () => {
    const shape = balanceShape(PINK);
    expect(shape.tiltDbPerOctave).toBeCloseTo(0, 12);
    expect(shape.lowSlopeDbPerOctave).toBeCloseTo(0, 12);
    expect(shape.highSlopeDbPerOctave).toBeCloseTo(0, 12);
    expect(shape.curvatureDbPerOctave2).toBeCloseTo(0, 12);
    expect(shape.flatnessDb).toBeCloseTo(0, 12);
    expect(shape.roughnessDb).toBeCloseTo(0, 12);
    expect(shape.skewness).toBeCloseTo(0, 9);
    // Uniform over 31 equally spaced points: variance (31² − 1)/12 · spacing².
    expect(shape.spreadOctaves).toBeCloseTo(Math.sqrt((31 * 31 - 1) / 12) * SPACING, 9);
    expect(shape.highExtensionOctaves).toBeCloseTo(octaves[30]!, 12);
    expect(shape.bassToTrebleDb).toBeCloseTo(10 * Math.log10(11 / 8), 9);
  });

  it("reads white noise as a +3 dB/octave tilt", () => {
    const shape = balanceShape(WHITE);
    expect(shape.tiltDbPerOctave).toBeCloseTo(10 * Math.log10(2), 9);
    expect(shape.lowSlopeDbPerOctave).toBeCloseTo(10 * Math.log10(2), 9);
    expect(shape.curvatureDbPerOctave2).toBeCloseTo(0, 9);
    expect(shape.centroidOctaves).toBeGreaterThan(3);
    expect(shape.flatnessDb).toBeLessThan(-5);
  });

  it("places energy quantiles inside the band that holds them", () => {
    const shape = balanceShape(PINK);
    // 85 % of 31 equal bands: 26.35 bands in, i.e. inside band 26 (8 kHz).
    expect(shape.rolloff85Octaves).toBeCloseTo(octaves[26]! + (0.35 - 0.5) * SPACING, 9);
    // 5 %: 1.55 bands in, inside band 1 (25 Hz).
    expect(shape.lowExtensionOctaves).toBeCloseTo(octaves[1]! + (0.55 - 0.5) * SPACING, 9);
  });

  it("finds a low-pass limit and a bass peak", () => {
    const lowPassed = PINK.map((level, band) => (THIRD_OCTAVE_CENTRES_HZ[band]! > 11_000 ? -120 : level));
    const shape = balanceShape(lowPassed);
    expect(shape.highExtensionOctaves).toBeGreaterThan(octaves[27]!);
    expect(shape.highExtensionOctaves).toBeLessThan(octaves[28]!);
    const bassPeak = PINK.map((level, band) => level - 3 * Math.abs(band - 7.3));
    // The parabola through a symmetric "tent" lands near, not on, its apex.
    expect(Math.abs(balanceShape(bassPeak).peakBandOctaves - (octaves[7]! + 0.3 * SPACING))).toBeLessThan(0.1);
  });

  it("measures peaks and notches as roughness and a mid bump as negative curvature", () => {
    const rippled = PINK.map((level, band) => level + (band % 2 === 0 ? 2 : -2));
    expect(balanceShape(rippled).roughnessDb).toBeCloseTo(8, 9);
    const bump = PINK.map((level, band) => level - 0.5 * octaves[band]! ** 2);
    expect(balanceShape(bump).curvatureDbPerOctave2).toBeCloseTo(-0.5, 9);
  });

  it("rejects a curve of the wrong length", () => {
    expect(() => balanceShape([0, 0])).toThrow(/levelsDb must hold 31 levels, got 2/);
  });
});
