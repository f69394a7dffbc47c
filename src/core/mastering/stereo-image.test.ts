import { describe, expect, it } from "vitest";
import { MONO_LOSS_CEILING_DB, SILENT_STEREO_FIGURES, stereoFigures } from "./stereo-image.js";

describe("stereoFigures", () => {
  it("derives correlation, width, side/mid and mono loss from energies", () => {
    // E_L = 2, E_R = 1, C = 1 over 1000 samples.
    const figures = stereoFigures(2, 1, 1, 1000);
    const mid = (2 + 1 + 2) / 4;
    const side = (2 + 1 - 2) / 4;
    expect(figures.correlation).toBeCloseTo(1 / Math.SQRT2, 12);
    expect(figures.width).toBeCloseTo(side / (mid + side), 12);
    expect(figures.sideToMidDb).toBeCloseTo(10 * Math.log10(side / mid), 12);
    expect(figures.monoLossDb).toBeCloseTo(-10 * Math.log10(mid / 1.5), 12);
  });

  it("covers the extremes: identical, opposite, one silent, both silent", () => {
    expect(stereoFigures(1, 1, 1, 10)).toEqual({ correlation: 1, width: 0, sideToMidDb: null, monoLossDb: 0 });
    expect(stereoFigures(1, 1, -1, 10)).toEqual({
      correlation: -1,
      width: 1,
      sideToMidDb: null,
      monoLossDb: MONO_LOSS_CEILING_DB,
    });
    const oneSided = stereoFigures(1, 0, 0, 10);
    expect(oneSided.correlation).toBeNull();
    expect(oneSided.width).toBeCloseTo(0.5, 12);
    expect(oneSided.monoLossDb).toBeCloseTo(10 * Math.log10(2), 12);
    expect(stereoFigures(0, 0, 0, 10)).toBe(SILENT_STEREO_FIGURES);
  });
});
