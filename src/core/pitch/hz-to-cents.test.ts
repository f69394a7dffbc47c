import { describe, expect, it } from "vitest";
import { hzToCents } from "./hz-to-cents.js";

describe("hzToCents", () => {
  it("measures octaves, semitones and unvoiced frames", () => {
    expect(hzToCents(440, 220)).toBeCloseTo(1200, 9);
    expect(hzToCents(220, 440)).toBeCloseTo(-1200, 9);
    expect(hzToCents(440 * 2 ** (1 / 12), 440)).toBeCloseTo(100, 9);
    const track = hzToCents(new Float32Array([261.6256, Number.NaN, 0, 392]), 261.6256);
    expect(track[0]).toBeCloseTo(0, 3);
    expect(track[1]).toBeNaN();
    expect(track[2]).toBeNaN();
    expect(track[3]).toBeCloseTo(700, 0);
    expect(() => hzToCents(440, 0)).toThrow(RangeError);
  });
});
