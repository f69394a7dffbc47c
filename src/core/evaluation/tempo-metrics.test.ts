import { describe, expect, it } from "vitest";
import { tempoAccuracy, timeSignatureAccuracy } from "./tempo-metrics.js";

describe("tempoAccuracy (score.py Acc1/Acc2)", () => {
  it("accepts ±4 % for Acc1, edge included", () => {
    expect(tempoAccuracy(120, 124.8)).toMatchObject({ acc1: 1, acc2: 1 });
    expect(tempoAccuracy(120, 115.2)).toMatchObject({ acc1: 1, acc2: 1 });
    expect(tempoAccuracy(120, 125)).toMatchObject({ acc1: 0, acc2: 0 });
  });

  it("forgives double, half, triple and third tempo in Acc2 only", () => {
    for (const estimate of [240, 60, 360, 40, 245]) {
      expect(tempoAccuracy(120, estimate)).toMatchObject({ acc1: 0, acc2: 1 });
    }
    expect(tempoAccuracy(120, 180)).toMatchObject({ acc1: 0, acc2: 0 });
  });

  it("reports the absolute error in BPM", () => {
    expect(tempoAccuracy(120, 100).absoluteErrorBpm).toBe(20);
  });

  it("treats NaN as wrong, like score.py", () => {
    expect(tempoAccuracy(120, Number.NaN)).toMatchObject({ acc1: 0, acc2: 0 });
  });
});

describe("timeSignatureAccuracy", () => {
  it("matches exactly, ignoring surrounding whitespace", () => {
    expect(timeSignatureAccuracy("4/4", " 4/4 ")).toBe(1);
    expect(timeSignatureAccuracy("4/4", "3/4")).toBe(0);
    expect(timeSignatureAccuracy("3/4", "6/8")).toBe(0);
  });
});
