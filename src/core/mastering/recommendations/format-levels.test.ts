import { describe, expect, it } from "vitest";
import { hertz, hertzRange, level, magnitude, percent, signed } from "./format-levels.js";
import { partialCorrectionDb } from "./recommendation.js";

describe("format-levels", () => {
  it("writes signed levels with a typographic minus and never -0.0", () => {
    expect(signed(-14.24)).toBe("−14.2");
    expect(signed(0.3)).toBe("+0.3");
    expect(signed(-0.01)).toBe("0.0");
    expect(level(-8, "LUFS")).toBe("−8.0 LUFS");
    expect(level(0.4, "dBTP")).toBe("0.4 dBTP");
    expect(magnitude(-3.14)).toBe("3.1");
    expect(percent(0.8169)).toBe("81.7 %");
  });

  it("prints n/a rather than NaN", () => {
    expect(signed(Number.NaN)).toBe("n/a");
    expect(level(Number.NEGATIVE_INFINITY, "dB")).toBe("n/a");
    expect(magnitude(Number.NaN)).toBe("n/a");
  });

  it("writes frequencies and ranges", () => {
    expect(hertz(120)).toBe("120 Hz");
    expect(hertz(3500)).toBe("3.5 kHz");
    expect(hertzRange(60, 120)).toBe("60–120 Hz");
    expect(hertzRange(500, 2000)).toBe("500 Hz–2 kHz");
    expect(hertzRange(2500, 5000)).toBe("2.5–5 kHz");
  });
});

describe("partialCorrectionDb", () => {
  it("moves about 60 % of a deviation in 0.5 dB steps, at least 0.5 dB", () => {
    expect(partialCorrectionDb(3.1)).toBe(2);
    expect(partialCorrectionDb(-4.5)).toBe(2.5);
    expect(partialCorrectionDb(0.2)).toBe(0.5);
    expect(partialCorrectionDb(10)).toBe(6);
  });
});
