import { describe, expect, it } from "vitest";
import { pdfNumber, svgPathToPdf } from "./svg-path-data.js";

/** Every number of the operators, in order. */
const numbers = (operators: string) => operators.split(/\s+/).map(Number).filter(Number.isFinite);
const operatorsOf = (operators: string) => operators.split("\n").map((line) => line.split(" ").pop());

describe("svgPathToPdf", () => {
  it("makes relative commands absolute and draws H and V as lines (Verovio's glyph outlines)", () => {
    const { operators, bounds } = svgPathToPdf("M200 250h125v-500h-125v500zM0 250h125");
    expect(operators).toBe(
      ["200 250 m", "325 250 l", "325 -250 l", "200 -250 l", "200 250 l", "h", "0 250 m", "125 250 l"].join("\n"),
    );
    expect(bounds).toEqual([0, -250, 325, 250]);
  });

  it("treats pairs after a moveto as linetos, with or without separators", () => {
    expect(svgPathToPdf("M3237,1159 4611,1159 4611,1249Z").operators).toBe("3237 1159 m\n4611 1159 l\n4611 1249 l\nh");
    expect(svgPathToPdf("m1-2-3.5.5").operators).toBe("1 -2 m\n-2.5 -1.5 l");
  });

  it("reflects the previous control point for S and raises quadratics to cubics", () => {
    // c then s: the first control point of s mirrors (20, 0) about (30, 10).
    expect(svgPathToPdf("M0 0c10 0 20 0 30 10s30 20 30 20").operators.split("\n")[2]).toBe("40 20 60 30 60 30 c");
    // Q (0,0)→(30,0) with control (15,30): cubic controls at 2/3 of the way to the control point.
    expect(numbers(svgPathToPdf("M0 0Q15 30 30 0").operators)).toEqual([0, 0, 10, 20, 20, 20, 30, 0]);
    // T after Q mirrors the quadratic control point: (45, -30).
    expect(numbers(svgPathToPdf("M0 0Q15 30 30 0T60 0").operators.split("\n")[2]!)).toEqual([40, -20, 50, -20, 60, 0]);
  });

  it("draws an elliptical arc as cubic segments of at most 90° that stay on the ellipse", () => {
    // Half a circle of radius 50 around (50, 0): two segments.
    const { operators, bounds } = svgPathToPdf("M0 0A50 50 0 0 1 100 0");
    expect(operatorsOf(operators)).toEqual(["m", "c", "c"]);
    const [, , , , , , midX, midY, , , , , endX, endY] = numbers(operators);
    expect(Math.hypot(midX! - 50, midY!)).toBeCloseTo(50, 6);
    expect([endX, endY]).toEqual([100, 0]);
    // Sweep 1 goes through y < 0 (clockwise on screen, y down).
    expect(midY).toBeCloseTo(-50, 6);
    expect(bounds![1]).toBeCloseTo(-50, 6);
    // Radii too small are scaled up to reach the end point; a zero radius is a line.
    expect(operatorsOf(svgPathToPdf("M0 0A1 1 0 0 0 10 0").operators)).toEqual(["m", "c", "c"]);
    expect(svgPathToPdf("M0 0A0 5 0 0 0 10 0").operators).toBe("0 0 m\n10 0 l");
    // Flags may be written without separators.
    expect(svgPathToPdf("M0 0a5 5 0 1010 0").operators).toBe(svgPathToPdf("M0 0a5 5 0 1 0 10 0").operators);
  });

  it("returns nothing for empty data and throws on malformed data, naming the offset", () => {
    expect(svgPathToPdf("")).toEqual({ operators: "", bounds: null });
    expect(() => svgPathToPdf("M0 0 L10")).toThrow(/expected a number at offset/);
    expect(() => svgPathToPdf("M0 0 X5 5")).toThrow(/unexpected "X" at offset 5/);
    expect(() => svgPathToPdf("M0 0A5 5 0 2 0 10 0")).toThrow(/arc flag/);
  });
});

describe("pdfNumber", () => {
  it("writes integers as they are and others with at most the given decimals, never -0 or exponents", () => {
    expect([
      pdfNumber(12),
      pdfNumber(0.1 + 0.2),
      pdfNumber(-0.0001),
      pdfNumber(1e-7, 6),
      pdfNumber(0.2833704, 6),
    ]).toEqual(["12", "0.3", "0", "0", "0.28337"]);
  });
});
