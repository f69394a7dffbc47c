import { describe, expect, it } from "vitest";
import { fractionalOctaveBands } from "./fractional-octave-bands.js";
import { binSpan, checkBands, MASTERING_BANDS, spanSum, spanWeight } from "./frequency-bands.js";

describe("binSpan", () => {
  it("weights edge bins by the fraction inside the band, so adjacent bands share them exactly", () => {
    const binHz = 44_100 / 4096;
    const bins = 2049;
    const ones = new Float64Array(bins).fill(1);
    // With a flat spectrum a band's sum is its width in bins.
    for (const band of MASTERING_BANDS) {
      expect(spanSum(ones, binSpan(band.lowHz, band.highHz, binHz, bins))).toBeCloseTo(
        (band.highHz - band.lowHz) / binHz,
        9,
      );
    }
    const below = binSpan(100, 200, binHz, bins);
    const above = binSpan(200, 300, binHz, bins);
    expect(spanWeight(below, below.last) + spanWeight(above, above.first)).toBeCloseTo(1, 12);
  });

  it("covers half bins at 0 Hz and Nyquist and nothing above Nyquist", () => {
    const ones = new Float64Array(5).fill(1);
    expect(spanSum(ones, binSpan(0, 4, 1, 5))).toBeCloseTo(5, 12);
    expect(spanSum(ones, binSpan(0, 0.25, 1, 5))).toBeCloseTo(0.5, 12);
    expect(spanSum(ones, binSpan(3.75, 10, 1, 5))).toBeCloseTo(0.5, 12);
    expect(spanSum(ones, binSpan(5, 10, 1, 5))).toBe(0);
  });
});

describe("checkBands", () => {
  it("accepts the defaults and gaps, rejects overlaps, bad edges and repeated names", () => {
    expect(() => checkBands("f", MASTERING_BANDS)).not.toThrow();
    expect(() =>
      checkBands("f", [
        { name: "a", lowHz: 20, highHz: 100 },
        { name: "b", lowHz: 200, highHz: 400 },
      ]),
    ).not.toThrow();
    expect(() => checkBands("f", [])).toThrow(/empty/);
    expect(() => checkBands("f", [{ name: "a", lowHz: 300, highHz: 200 }])).toThrow(/lowHz < highHz/);
    expect(() =>
      checkBands("f", [
        { name: "a", lowHz: 20, highHz: 300 },
        { name: "a", lowHz: 300, highHz: 400 },
      ]),
    ).toThrow(/unique/);
  });
});

describe("fractionalOctaveBands", () => {
  it("gives the 31 IEC 61260 one-third-octave bands from 20 Hz to 20 kHz with nominal labels", () => {
    const bands = fractionalOctaveBands(3);
    expect(bands.map((band) => band.nominalHz)).toEqual([
      20, 25, 31.5, 40, 50, 63, 80, 100, 125, 160, 200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600, 2000, 2500,
      3150, 4000, 5000, 6300, 8000, 10_000, 12_500, 16_000, 20_000,
    ]);
    const kHz = bands[17]!;
    expect(kHz.centreHz).toBe(1000);
    expect(kHz.lowHz).toBeCloseTo(1000 / 10 ** 0.05, 9);
    // Bands tile: each upper edge is the next lower edge.
    for (let i = 1; i < bands.length; i++) expect(bands[i]!.lowHz).toBeCloseTo(bands[i - 1]!.highHz, 9);
  });

  it("gives octave and even-fraction bands (offset by half a band)", () => {
    expect(fractionalOctaveBands(1).map((band) => band.nominalHz)).toEqual([
      31.5, 63, 125, 250, 500, 1000, 2000, 4000, 8000, 16_000,
    ]);
    const sixths = fractionalOctaveBands(6);
    expect(sixths).toHaveLength(60);
    expect(sixths.some((band) => band.centreHz === 1000)).toBe(false);
    expect(() => fractionalOctaveBands(5)).toThrow(/bandsPerOctave/);
  });
});
