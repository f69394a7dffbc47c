import { describe, expect, it } from "vitest";
import { PdfContent } from "./pdf-content.js";
import { svgPathToPdf } from "./svg-path-data.js";
import { INITIAL_STYLE } from "./verovio-svg-style.js";

const line = svgPathToPdf("M0 0 L10 0");

describe("PdfContent", () => {
  it("writes colour and stroke state only when it changes, and restores its record of it with Q", () => {
    const content = new PdfContent(false);
    content.paint(line, null, "0", { ...INITIAL_STYLE, strokeWidth: 13 });
    content.paint(line, null, "0", { ...INITIAL_STYLE, strokeWidth: 13 });
    content.save([2, 0, 0, 2, 5, 5]);
    content.paint(line, "1 0 0", "0", { ...INITIAL_STYLE, strokeWidth: 18, lineCap: 1 });
    content.restore();
    content.paint(line, null, "0", { ...INITIAL_STYLE, strokeWidth: 18, lineCap: 1 });
    const operators = content.take().trimEnd().split("\n");
    expect(operators).toEqual([
      ...["0 G", "13 w", "0 J", "0 j", "4 M", "[] 0 d", "0 0 m", "10 0 l", "S"],
      ...["0 0 m", "10 0 l", "S"],
      ...["q", "2 0 0 2 5 5 cm", "1 0 0 rg", "18 w", "1 J", "0 0 m", "10 0 l", "B", "Q"],
      ...["18 w", "1 J", "0 0 m", "10 0 l", "S"],
    ]);
    expect(content.take()).toBe("");
  });

  it("paints nothing without fill or stroke, fills even-odd when asked, and refuses an unmatched restore", () => {
    const content = new PdfContent(false);
    content.paint(line, null, null, INITIAL_STYLE);
    content.paint(line, null, "0", { ...INITIAL_STYLE, strokeWidth: 0 });
    expect(content.take()).toBe("");
    content.paint(svgPathToPdf("M0 0h5v5z"), "0", null, { ...INITIAL_STYLE, evenOdd: true });
    expect(content.take()).toMatch(/\nf\*\n$/);
    expect(() => content.restore()).toThrow(/no matching save/);
  });

  it("bounds what it paints in its own coordinates, strokes included", () => {
    const content = new PdfContent(true);
    expect(content.bounds).toBeNull();
    content.save([1, 0, 0, -1, 100, 0]);
    content.paint(svgPathToPdf("M0 0h10v20h-10z"), "0", null, INITIAL_STYLE);
    content.restore();
    expect(content.bounds).toEqual([100, -20, 110, 0]);
    // A stroke of width 2 with miter joins (limit 4) may reach 4 units beyond the outline.
    content.paint(line, null, "0", { ...INITIAL_STYLE, strokeWidth: 2 });
    expect(content.bounds).toEqual([-4, -20, 110, 4]);
  });
});
