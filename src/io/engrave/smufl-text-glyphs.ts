/**
 * Verovio writes the note of a metronome mark (♩ = 120) as text in its SMuFL font
 * (Leipzig, embedded in the SVG as a WOFF2 @font-face), which a PDF cannot use as it
 * is. These are the outlines of such text glyphs, drawn as paths instead, so the PDF shows
 * them without any font. Outlines: the Leipzig font (Etienne Darbellay, Jean-François
 * Marti, Laurent Pugin; SIL Open Font License 1.1), as embedded by Verovio 6.3, in font
 * units (1000 per em, y up). Code points: SMuFL 1.4, "Metronome marks" (U+ECA0–U+ECBF).
 */

export interface GlyphOutline {
  /** Horizontal advance, font units. */
  readonly advance: number;
  /** SVG path data, font units, y up. */
  readonly path: string;
}

const GLYPHS: ReadonlyMap<number, GlyphOutline> = new Map([
  [
    0xeca3, // metNoteHalfUp
    {
      advance: 310,
      path: "M233 90Q199 90 125 49Q28 -7 28 -47Q28 -53 36 -69Q48 -94 79 -94Q117 -94 183 -50Q238 -14 259 7Q280 28 280 46Q280 55 272 67Q261 90 233 90ZM102 -130Q58 -130 30 -107.5Q2 -85 2 -45Q2 -22 12.5 5.5Q23 33 45 62Q67 91 109.5 110.5Q152 130 207 130Q253 130 281 105L286 101L286 668L308 668L308 43Q308 30 303.5 11.5Q299 -7 284.5 -32.5Q270 -58 248.5 -79Q227 -100 188.5 -115Q150 -130 102 -130Z",
    },
  ],
  [
    0xeca5, // metNoteQuarterUp
    {
      advance: 302,
      path: "M203 126Q246 126 273 102L277 98L280 668L302 668L300 43Q300 -19 234 -72.5Q168 -126 99 -126Q57 -126 29.5 -103.5Q2 -81 2 -44Q2 23 61.5 74.5Q121 126 203 126Z",
    },
  ],
  [
    0xeca7, // metNote8thUp
    {
      advance: 502,
      path: "M290 672Q304 672 307 657Q328 562 401 460Q496 326 500 198L500 191Q500 160 492 119Q484 78 479 66Q471 52 463 52L458 52Q446 58 446 72Q446 79 448 83Q468 130 468 190Q468 252 448 306Q404 429 303 449L300 450L300 45Q300 -17 234.5 -69.5Q169 -122 99 -122Q57 -122 29.5 -99.5Q2 -77 2 -40Q2 26 61.5 77Q121 128 203 128Q247 128 273 105L278 101L278 666Q278 672 279 672L284 672Z",
    },
  ],
  [
    0xecb7, // metAugmentationDot
    {
      advance: 97,
      path: "M14.5 -34.5Q14.5 -34.5 7.25 -27.25Q0 -20 0 0Q0 20 14.5 34.5Q29 49 48 49Q68 49 82.5 34.5Q97 20 97 0Q97 -20 82.5 -34.5Q68 -49 48 -49Q29 -49 14.5 -34.5Z",
    },
  ],
]);

/** Advance of a space in a run of SMuFL text (Verovio writes "note space dot"), font units. */
export const SMUFL_SPACE_ADVANCE = 100;

/** Font units per em of the outlines. */
export const SMUFL_UNITS_PER_EM = 1000;

/** The outline of a SMuFL text glyph, or undefined when it is not one tonearm draws. */
export function smuflTextGlyph(codePoint: number): GlyphOutline | undefined {
  return GLYPHS.get(codePoint);
}

/** Whether a font family names a SMuFL music font (Verovio's text runs of music symbols). */
export function isSmuflFontFamily(fontFamily: string): boolean {
  return /\b(?:Leipzig|Bravura|Petaluma|Leland|Gootville)\b/i.test(fontFamily);
}
