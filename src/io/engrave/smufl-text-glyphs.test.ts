import { describe, expect, it } from "vitest";
import { outlineSmuflTextGlyphs } from "./smufl-text-glyphs.js";

/** A metronome mark as Verovio 6.3 writes it. */
const tempoText = (glyphs: string, anchor = "") =>
  `<g class="tempo"><text x="2384" y="1753"${anchor} font-size="0px"><tspan class="rend"><tspan class="text">` +
  `<tspan font-family="Leipzig" font-size="720px">${glyphs}</tspan></tspan></tspan>` +
  `<tspan class="text"><tspan font-size="405px">\u00a0=\u00a0</tspan></tspan>` +
  `<tspan class="text"><tspan font-size="405px">120</tspan></tspan></text></g>`;

describe("outlineSmuflTextGlyphs", () => {
  it("draws a quarter-note glyph as a path at the text origin and moves the text after it", () => {
    const out = outlineSmuflTextGlyphs(tempoText("\ueca5"));
    expect(out).not.toContain("Leipzig");
    expect(out).toContain(`<path stroke="none" transform="translate(2384 1753) scale(0.72 -0.72)" d="M203 126Q246`);
    // 302 font units × 0.72.
    expect(out).toContain(`<tspan dx="217.44" font-size="405px">\u00a0=\u00a0</tspan>`);
    expect(out).toContain(">120</tspan>");
  });

  it("draws a dotted note (note, space, dot) with the dot after the space", () => {
    const out = outlineSmuflTextGlyphs(tempoText("\ueca5 \uecb7"));
    const paths = [...out.matchAll(/<path stroke="none" transform="translate\(([\d.]+) /g)].map((match) =>
      Number(match[1]),
    );
    expect(paths).toEqual([2384, 2384 + (302 + 100) * 0.72]);
    expect(out).toContain(`dx="${(302 + 100 + 97) * 0.72}"`);
  });

  it("leaves other text alone: centred text, unknown glyphs, self-closing and plain text", () => {
    const centred = tempoText("\ueca5", ` text-anchor="middle"`);
    expect(outlineSmuflTextGlyphs(centred)).toBe(centred);
    const unknown = tempoText("\ue050");
    expect(outlineSmuflTextGlyphs(unknown)).toBe(unknown);
    const plain = `<text x="1" y="2" font-size="0px" /><g><text x="5" y="6"><tspan>Title</tspan></text></g>`;
    expect(outlineSmuflTextGlyphs(plain)).toBe(plain);
  });
});
