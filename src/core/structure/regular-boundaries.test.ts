import { describe, expect, it } from "vitest";
import { heightAboveMedian } from "./pick-section-boundaries.js";
import { regularSectionBoundaries } from "./regular-boundaries.js";

const UNITS_PER_BAR = 4;
const BARS = 32;
const UNITS = BARS * UNITS_PER_BAR;

/** A novelty curve over UNITS + 1 grid times: bumps of the given heights at the given bars. */
function novelty(
  bumps: readonly (readonly [bar: number, height: number])[],
  widthUnits = 1.5,
  units = UNITS,
): Float32Array {
  const curve = new Float32Array(units + 1);
  for (let g = 0; g <= units; g++) {
    curve[g] = 0.05;
    for (const [bar, height] of bumps) {
      curve[g]! += height * Math.exp(-0.5 * ((g - bar * UNITS_PER_BAR) / widthUnits) ** 2);
    }
  }
  return curve;
}

const everyBar = (units = UNITS) => {
  const marks = new Uint8Array(units + 1);
  for (let g = 0; g <= units; g += UNITS_PER_BAR) marks[g] = 1;
  return marks;
};

function boundaryBars(curve: Float32Array, options: { threshold?: number; irregularityCost?: number } = {}) {
  return regularSectionBoundaries(curve, heightAboveMedian(curve, 16), everyBar(curve.length - 1), {
    minSectionUnits: 4,
    unitsPerBar: UNITS_PER_BAR,
    peakRadius: UNITS_PER_BAR,
    snapUnits: 2,
    threshold: 0.1,
    irregularityCost: 0.2,
    ...options,
  }).map((boundary) => boundary.index / UNITS_PER_BAR);
}

describe("regularSectionBoundaries", () => {
  it("lets the last section carry a final chord's bar after its last phrase", () => {
    // 8 | 8 | 8 | 8 + the final bar (33 bars): the last, broad peak sits just before bar 25;
    // bar 24 leaves a last section of 8 + 1 bars, bar 25 an inner section of 9.
    const curve = novelty(
      [
        [8, 1],
        [16, 1],
        [24.9, 1],
      ],
      4,
      33 * UNITS_PER_BAR,
    );
    expect(boundaryBars(curve)).toEqual([8, 16, 24]);
  });

  it("keeps strong boundaries wherever they fall", () => {
    expect(
      boundaryBars(
        novelty([
          [8, 1],
          [13, 1],
          [24, 1],
        ]),
      ),
    ).toEqual([8, 13, 24]);
  });

  it("accepts a weak boundary that makes the sections whole powers of two bars", () => {
    // 8 | 8 | 8 | 8: the weak peak at bar 16 turns a 16-bar section into two of 8.
    expect(
      boundaryBars(
        novelty([
          [8, 1],
          [16, 0.12],
          [24, 1],
        ]),
      ),
    ).toEqual([8, 16, 24]);
  });

  it("rejects the same weak peak where it would make irregular sections", () => {
    // 8 | 5 | 11 | 8 costs two irregular sections; 8 | 16 | 8 costs none.
    expect(
      boundaryBars(
        novelty([
          [8, 1],
          [13, 0.12],
          [24, 1],
        ]),
      ),
    ).toEqual([8, 24]);
  });

  it("without a regularity cost behaves as a plain threshold on the heights", () => {
    expect(
      boundaryBars(
        novelty([
          [8, 1],
          [16, 0.12],
          [24, 1],
        ]),
        { irregularityCost: 0, threshold: 0.2 },
      ),
    ).toEqual([8, 24]);
  });

  it("moves a peak between bar lines onto the nearest bar line", () => {
    const curve = novelty([
      [8, 1],
      [24, 1],
    ]);
    const shifted = new Float32Array(curve.length);
    shifted.set(curve.subarray(0, curve.length - 1), 1); // every peak one unit late
    expect(boundaryBars(shifted)).toEqual([8, 24]);
  });

  it("moves a broad peak that leans a bar late to the bar line that keeps the sections regular", () => {
    // The middle peak is highest at bar 16.8 (it snaps to 17: 8 | 9 | 7 | 8 bars), but the
    // novelty at bar 16 is nearly as high, and 8 | 8 | 8 | 8 is regular.
    expect(
      boundaryBars(
        novelty(
          [
            [8, 1],
            [16.8, 0.6],
            [24, 1],
          ],
          4,
        ),
      ),
    ).toEqual([8, 16, 24]);
  });

  it("gives one boundary per peak even when its neighbouring bar lines are almost as high", () => {
    expect(
      boundaryBars(
        novelty(
          [
            [8, 1],
            [16, 1],
            [24, 1],
          ],
          6,
        ),
      ),
    ).toEqual([8, 16, 24]);
  });

  it("finds nothing in a flat curve", () => {
    expect(boundaryBars(new Float32Array(UNITS + 1).fill(0.3))).toEqual([]);
  });
});
