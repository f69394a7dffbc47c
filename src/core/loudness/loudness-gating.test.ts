import { describe, expect, it } from "vitest";
import {
  integratedLoudness,
  LOUDNESS_FLOOR_LUFS,
  loudnessRange,
  loudnessSeries,
  lufsToMeanSquare,
  meanSquareToLufs,
  windowMeanSquares,
} from "./loudness-gating.js";

const blocks = (...loudness: number[]): Float64Array => Float64Array.from(loudness, lufsToMeanSquare);

describe("meanSquareToLufs", () => {
  it("is −0.691 + 10·log10(z) and inverts lufsToMeanSquare", () => {
    expect(meanSquareToLufs(1)).toBeCloseTo(-0.691, 12);
    expect(meanSquareToLufs(lufsToMeanSquare(-23))).toBeCloseTo(-23, 12);
  });
});

describe("windowMeanSquares", () => {
  it("averages each run of whole sub-blocks, one window per sub-block", () => {
    const sums = Float64Array.of(4, 8, 12, 16, 20);
    // windows of 2 sub-blocks of 4 samples: (4+8)/8, (8+12)/8, …
    expect([...windowMeanSquares(sums, 5, 2, 4)]).toEqual([1.5, 2.5, 3.5, 4.5]);
    expect(windowMeanSquares(sums, 3, 4, 4).length).toBe(0);
  });
});

describe("integratedLoudness", () => {
  it("ignores blocks at or below −70 LUFS and more than 10 LU below the gated mean", () => {
    // −80 fails the absolute gate; −40 is below the relative gate (mean of the other four ≈ −24.2, gate ≈ −34.2).
    const result = integratedLoudness(blocks(-80, -40, -23, -23, -23));
    expect(result?.loudnessLufs).toBeCloseTo(-23, 10);
    const meanAboveAbsolute = (3 * lufsToMeanSquare(-23) + lufsToMeanSquare(-40)) / 4;
    expect(result?.relativeGateLufs).toBeCloseTo(meanSquareToLufs(meanAboveAbsolute) - 10, 10);
  });

  it("is null when nothing passes the absolute gate", () => {
    expect(integratedLoudness(blocks(-75, -90))).toBeNull();
    expect(integratedLoudness(new Float64Array(4))).toBeNull();
    expect(integratedLoudness(new Float64Array(0))).toBeNull();
  });
});

describe("loudnessRange", () => {
  it("is the 95th minus the 10th percentile of the gated short-term loudness (nearest rank, rounded)", () => {
    // 21 values −40 … −20: index round(20·0.10) = 2 → −38, round(20·0.95) = 19 → −21.
    const values = Array.from({ length: 21 }, (_, i) => -40 + i);
    const result = loudnessRange(blocks(...values));
    expect(result?.lowLufs).toBeCloseTo(-38, 10);
    expect(result?.highLufs).toBeCloseTo(-21, 10);
    expect(result?.rangeLu).toBeCloseTo(17, 10);
  });

  it("drops windows more than 20 LU below the mean of those above −70 LUFS", () => {
    const result = loudnessRange(blocks(-60, -60, -20, -20, -20, -20));
    expect(result?.rangeLu).toBeCloseTo(0, 10);
  });

  it("is null for silence and 0 for a single window", () => {
    expect(loudnessRange(new Float64Array(10))).toBeNull();
    expect(loudnessRange(blocks(-30))?.rangeLu).toBe(0);
  });
});

describe("loudnessSeries", () => {
  it("clamps silent windows to the floor instead of −∞", () => {
    const series = loudnessSeries(Float64Array.of(0, lufsToMeanSquare(-23), 1e-300));
    expect([...series]).toEqual([LOUDNESS_FLOOR_LUFS, Math.fround(-23), LOUDNESS_FLOOR_LUFS]);
  });
});
