import { describe, expect, it } from "vitest";
import { tatumGrouping } from "./tatum-grouping.js";

const EIGHTH = 12;
const EIGHTHS = 96;
const frames = 20 + EIGHTHS * EIGHTH + 20;

/** Envelope with an onset on every eighth, of height `height(n)` for eighth n. */
const eighths = (height: (n: number) => number) => {
  const envelope = new Float32Array(frames);
  for (let n = 0; n < EIGHTHS; n++) envelope[20 + n * EIGHTH] = height(n);
  return envelope;
};
/** Beats every `per` eighths from eighth `from`. */
const beatsEvery = (per: number, from = 0) =>
  Int32Array.from({ length: Math.floor((EIGHTHS - from) / per) }, (_, i) => 20 + (from + i * per) * EIGHTH);

describe("tatumGrouping", () => {
  // 4/4 rock: beats on every other eighth (kick, snare) louder than the off-beat hi-hats.
  const simple = eighths((n) => (n % 2 === 0 ? 1 : 0.6));
  // 6/8: dotted-quarter beats on every third eighth, louder than the eighths between.
  const compound = eighths((n) => (n % 3 === 0 ? 1 : 0.6));

  it("finds twos in the eighths of a simple meter tracked at three eighths per beat (2:3 error)", () => {
    const { ternaryContrast, binaryContrast } = tatumGrouping(beatsEvery(3, 1), [simple]);
    expect(binaryContrast).toBeGreaterThan(0.3);
    expect(Math.abs(ternaryContrast)).toBeLessThan(0.1);
    expect(binaryContrast).toBeGreaterThan(ternaryContrast);
  });

  it("finds threes in the eighths of a compound meter tracked at its dotted quarters", () => {
    const { ternaryContrast, binaryContrast } = tatumGrouping(beatsEvery(3), [compound]);
    expect(ternaryContrast).toBeGreaterThan(0.3);
    expect(binaryContrast).toBeLessThan(0.1);
  });

  it("takes the median over envelopes", () => {
    const flat = eighths(() => 1);
    const result = tatumGrouping(beatsEvery(3), [compound, compound, flat]);
    expect(result.ternaryContrast).toBeGreaterThan(0.3);
  });

  it("gives zeros with too few beats or silent envelopes", () => {
    expect(tatumGrouping(beatsEvery(3).slice(0, 3), [simple])).toEqual({ ternaryContrast: 0, binaryContrast: 0 });
    expect(tatumGrouping(beatsEvery(3), [new Float32Array(frames)])).toEqual({
      ternaryContrast: 0,
      binaryContrast: 0,
    });
    expect(tatumGrouping(beatsEvery(3), [])).toEqual({ ternaryContrast: 0, binaryContrast: 0 });
  });
});
