import { describe, expect, it } from "vitest";
import { IDENTITY, multiply, parseTransform, parseViewBox, viewBoxTransform } from "./svg-transform.js";

const apply = ([a, b, c, d, e, f]: readonly number[], x: number, y: number) => [
  a! * x + c! * y + e!,
  b! * x + d! * y + f!,
];

describe("parseTransform", () => {
  it("composes a list left to right, as Verovio writes a glyph's placement", () => {
    const matrix = parseTransform("translate(3047, 1744) scale(0.72, 0.72)");
    expect(matrix).toEqual([0.72, 0, 0, 0.72, 3047, 1744]);
    // The scale applies first: glyph point (100, 0) lands 72 units right of the origin.
    expect(apply(matrix, 100, 0)).toEqual([3119, 1744]);
  });

  it("reads every SVG 1.1 function, one-argument forms and separators", () => {
    expect(parseTransform("scale(1,-1)")).toEqual([1, 0, 0, -1, 0, 0]);
    expect(parseTransform("translate(5) scale(2)")).toEqual([2, 0, 0, 2, 5, 0]);
    expect(parseTransform("matrix(1 2 3 4 5 6)")).toEqual([1, 2, 3, 4, 5, 6]);
    const [x, y] = apply(parseTransform("rotate(90, 10, 10)"), 20, 10);
    expect(x).toBeCloseTo(10, 9);
    expect(y).toBeCloseTo(20, 9);
    expect(apply(parseTransform("skewX(45)"), 0, 10)[0]).toBeCloseTo(10, 9);
    expect(apply(parseTransform("skewY(45)"), 10, 0)[1]).toBeCloseTo(10, 9);
    expect(parseTransform("")).toEqual(IDENTITY);
  });

  it("throws on what it cannot read", () => {
    expect(() => parseTransform("translate(1, 2) perspective(3)")).toThrow(/cannot read/);
    expect(() => parseTransform("scale()")).toThrow(/bad arguments/);
  });
});

describe("viewBoxTransform", () => {
  it("fits Verovio's A4 viewBox into an A4 page in points, centred (xMidYMid meet)", () => {
    const matrix = viewBoxTransform(
      { x: 0, y: 0, width: 2100, height: 2971 },
      { x: 0, y: 0, width: 595.28, height: 841.89 },
    );
    // The height limits: 841.89 / 2971; the spare width is split on both sides.
    expect(matrix[0]).toBeCloseTo(841.89 / 2971, 12);
    expect(matrix[3]).toBe(matrix[0]);
    expect(apply(matrix, 1050, 0)[0]).toBeCloseTo(595.28 / 2, 9);
    expect(apply(matrix, 0, 2971)[1]).toBeCloseTo(841.89, 9);
  });

  it("aligns, slices or stretches as preserveAspectRatio says, and honours the viewBox origin", () => {
    const box = { x: 10, y: 10, width: 100, height: 100 };
    const wide = { x: 0, y: 0, width: 200, height: 100 };
    expect(viewBoxTransform(wide, box, "xMinYMax meet")).toEqual([0.5, 0, 0, 0.5, 10, 60]);
    expect(viewBoxTransform(wide, box, "xMidYMid slice")).toEqual([1, 0, 0, 1, -40, 10]);
    expect(viewBoxTransform(wide, box, "none")).toEqual([0.5, 0, 0, 1, 10, 10]);
    expect(viewBoxTransform({ x: 50, y: 50, width: 100, height: 100 }, box)).toEqual([1, 0, 0, 1, -40, -40]);
  });
});

describe("parseViewBox and multiply", () => {
  it("reads four numbers, refusing empty or degenerate boxes", () => {
    expect(parseViewBox("0 0 16150 22850")).toEqual({ x: 0, y: 0, width: 16150, height: 22850 });
    expect(parseViewBox("0,0,10,5")).toEqual({ x: 0, y: 0, width: 10, height: 5 });
    expect([parseViewBox(undefined), parseViewBox("0 0 0 10"), parseViewBox("0 0 ten 10")]).toEqual([null, null, null]);
  });

  it("applies the inner matrix first", () => {
    const translate = [1, 0, 0, 1, 10, 0] as const;
    const scale = [2, 0, 0, 2, 0, 0] as const;
    expect(apply(multiply(translate, scale), 1, 1)).toEqual([12, 2]);
    expect(apply(multiply(scale, translate), 1, 1)).toEqual([22, 2]);
  });
});
