import { describe, expect, it } from "vitest";
import type { Classifier } from "./chromaprint-constants.js";
import { createSubfingerprintCalculator } from "./subfingerprint-classifier.js";

/** A row with `value` in bin `bin` and zeros elsewhere. */
function row(bin: number, value: number): Float64Array {
  const out = new Float64Array(12);
  out[bin] = value;
  return out;
}

const thresholds: [number, number, number] = [-0.5, 0, 0.5];

describe("createSubfingerprintCalculator", () => {
  it("answers −1 until the widest classifier fits, then one value per row", () => {
    const calculator = createSubfingerprintCalculator([
      { type: 0, column: 0, bins: 1, frames: 3, thresholds },
      { type: 0, column: 0, bins: 1, frames: 1, thresholds },
    ]);
    expect(calculator.span).toBe(3);
    const answers = [0, 1, 2, 3].map(() => calculator.addRow(row(0, 1)));
    expect(answers.slice(0, 2)).toEqual([-1, -1]);
    expect(answers[2]).toBeGreaterThanOrEqual(0);
    expect(answers[3]).toBe(answers[2]);
  });

  it("quantises log(1 + A) − log(1 + B) by the thresholds and Gray-codes the level", () => {
    // Type 0 over one cell: response log(1 + v). Levels 0…3 → Gray codes 0, 1, 3, 2.
    const classifier: Classifier = { type: 0, column: 5, bins: 1, frames: 1, thresholds: [0.1, 0.2, 0.3] };
    const calculator = createSubfingerprintCalculator([classifier]);
    const codes = [0.05, 0.15, 0.25, 0.35].map((response) => calculator.addRow(row(5, Math.expm1(response))));
    expect(codes).toEqual([0, 1, 3, 2]);
  });

  it("compares later against earlier frames (type 2) and upper against lower bins (type 1)", () => {
    const later: Classifier = { type: 2, column: 0, bins: 2, frames: 2, thresholds };
    const upper: Classifier = { type: 1, column: 0, bins: 2, frames: 2, thresholds };
    const calculator = createSubfingerprintCalculator([later, upper]);
    calculator.addRow(row(0, 1)); // earlier frame: energy in the lower bin
    // later frame: energy in the upper bin → type 2 response 0 (equal sums) → level 2 → code 3;
    // type 1: upper half sum 1, lower half 1 → level 2 → code 3.
    expect(calculator.addRow(row(1, 1))).toBe((3 << 2) | 3);
    // Next position: frames [row(1), row(1) + more] → later > earlier (code 2); all in the upper bin (code 2).
    expect(calculator.addRow(row(1, 3))).toBe((2 << 2) | 2);
  });

  it("puts classifier 0 in the most significant bits of a full 16-classifier value", () => {
    const high: Classifier = { type: 0, column: 0, bins: 1, frames: 1, thresholds: [-2, -1, -0.5] };
    const low: Classifier = { type: 0, column: 0, bins: 1, frames: 1, thresholds };
    const calculator = createSubfingerprintCalculator([high, ...new Array<Classifier>(15).fill(low)]);
    // Response 0: level 3 (code 2) for `high`, level 2 (code 3) for the others.
    expect(calculator.addRow(new Float64Array(12))).toBe(0x80000000 + 0x3fffffff);
  });

  it("rejects rectangles outside the 12 bins and empty classifier lists", () => {
    expect(() => createSubfingerprintCalculator([])).toThrow(RangeError);
    expect(() => createSubfingerprintCalculator([{ type: 0, column: 10, bins: 3, frames: 1, thresholds }])).toThrow(
      /leaves the chroma/,
    );
  });
});
