import { describe, expect, it } from "vitest";
import { fastLn } from "./fast-log.js";

describe("fastLn", () => {
  it("is within 2e-5 of Math.log over the range the mask features use", () => {
    let worst = 0;
    for (let i = 0; i <= 20_000; i++) {
      const x = Math.fround(Math.exp(-30 + i * 0.003));
      worst = Math.max(worst, Math.abs(fastLn(x) - Math.log(x)));
    }
    expect(worst).toBeLessThan(2e-5);
  });

  it("is exact at powers of two", () => {
    for (const exponent of [-20, -1, 0, 1, 10]) expect(fastLn(2 ** exponent)).toBeCloseTo(exponent * Math.LN2, 12);
  });
});
