import { describe, expect, it } from "vitest";
import { isSmuflFontFamily, SMUFL_SPACE_ADVANCE, smuflTextGlyph } from "./smufl-text-glyphs.js";
import { svgPathToPdf } from "./svg-path-data.js";

describe("smuflTextGlyph", () => {
  it("has the metronome-mark notes and the augmentation dot, with advances and outlines in font units", () => {
    const quarter = smuflTextGlyph(0xeca5)!;
    expect(quarter.advance).toBe(302);
    // Stem to 668 units above the baseline, notehead below it, within the advance.
    expect(svgPathToPdf(quarter.path).bounds).toEqual([2, -126, 302, 668]);
    for (const codePoint of [0xeca3, 0xeca7, 0xecb7]) {
      const glyph = smuflTextGlyph(codePoint)!;
      const [minX, , maxX] = svgPathToPdf(glyph.path).bounds!;
      expect(minX, codePoint.toString(16)).toBeGreaterThanOrEqual(0);
      expect(maxX, codePoint.toString(16)).toBeLessThanOrEqual(glyph.advance);
    }
    expect(SMUFL_SPACE_ADVANCE).toBeGreaterThan(0);
  });

  it("has nothing for other code points", () => {
    expect([smuflTextGlyph(0xe050), smuflTextGlyph(0x41)]).toEqual([undefined, undefined]);
  });
});

describe("isSmuflFontFamily", () => {
  it("recognises SMuFL music fonts, not text fonts", () => {
    expect(["Leipzig", "'Bravura', serif", "Leland"].map(isSmuflFontFamily)).toEqual([true, true, true]);
    expect(["Times, serif", "Leipzigish"].map(isSmuflFontFamily)).toEqual([false, false]);
  });
});
