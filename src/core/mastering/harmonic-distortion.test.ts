import { describe, expect, it } from "vitest";
import { estimateHarmonicDistortion } from "./harmonic-distortion.js";

/** A long-term spectrum with a noise floor and main lobes (±1 bin) of given energies at given bins. */
function spectrum(peaks: readonly (readonly [number, number])[], floor = 1e-9, bins = 2049): Float64Array {
  const out = new Float64Array(bins).fill(floor);
  for (const [bin, energy] of peaks) {
    out[bin - 1]! += energy / 4;
    out[bin]! += energy / 2;
    out[bin + 1]! += energy / 4;
  }
  return out;
}

describe("estimateHarmonicDistortion", () => {
  it("compares the energy at 2f…5f with the fundamental's: THD = √(ΣE_h/E_1)", () => {
    const estimate = estimateHarmonicDistortion(
      spectrum([
        [100, 1],
        [200, 1e-4],
        [300, 2.5e-5],
      ]),
      10,
    );
    expect(estimate.fundamentalHz).toBeCloseTo(1000, 6);
    expect(estimate.thdPercent!).toBeCloseTo(100 * Math.sqrt(1e-4 + 2.5e-5), 2);
    expect(estimate.thdDb!).toBeCloseTo(10 * Math.log10(1.25e-4), 1);
    expect(estimate.harmonicsDb[0]!).toBeCloseTo(-40, 1);
    expect(estimate.harmonicsDb).toHaveLength(4);
  });

  it("gives no estimate without a prominent stationary tone", () => {
    const flat = estimateHarmonicDistortion(new Float64Array(2049).fill(1), 10);
    expect(flat).toEqual({ thdPercent: null, thdDb: null, fundamentalHz: null, harmonicsDb: [] });
    expect(estimateHarmonicDistortion(new Float64Array(2049), 10).thdPercent).toBeNull();
    expect(estimateHarmonicDistortion(spectrum([[100, 1e-8]]), 10).thdPercent).toBeNull();
  });

  it("stops at harmonics near Nyquist", () => {
    const estimate = estimateHarmonicDistortion(spectrum([[700, 1]]), 10);
    expect(estimate.harmonicsDb).toHaveLength(1);
  });
});
