import { describe, expect, it } from "vitest";
import { parseSvg } from "./parse-svg.js";
import { layoutSvgText, type TextLayoutContext } from "./svg-text-layout.js";
import { INITIAL_STYLE, styleOf } from "./verovio-svg-style.js";

/** Each character is half the font size wide. */
function layout(markup: string) {
  const unsupported: string[] = [];
  const context: TextLayoutContext = {
    styleOf: (element, parent) => styleOf(element, parent, new Set()),
    measure: (text, style) => (text.length * style.fontSize) / 2,
    unsupported: (description) => unsupported.push(description),
  };
  const text = parseSvg(markup).root;
  const runs = layoutSvgText(text, styleOf(text, INITIAL_STYLE, new Set()), context);
  return { runs: runs.map(({ text, x, y, style }) => ({ text, x, y, size: style.fontSize })), unsupported };
}

describe("layoutSvgText", () => {
  it("lays out a metronome mark as Verovio writes it: indentation takes no room, no-break spaces stay", () => {
    const { runs } = layout(
      `<text x="2485" y="1024" font-size="0px">\n  <tspan class="rend">\n    <tspan class="text">` +
        `<tspan font-family="Leipzig" font-size="720px">\ueca5</tspan></tspan>\n  </tspan>\n  <tspan class="text">` +
        `<tspan font-size="405px">\u00a0=\u00a0</tspan></tspan>\n  <tspan class="text"><tspan font-size="405px">120</tspan>` +
        `</tspan>\n</text>`,
    );
    // The white space between the tspans collapses to single spaces of size 0.
    expect(runs.filter((run) => run.size > 0)).toEqual([
      { text: "\ueca5", x: 2485, y: 1024, size: 720 },
      { text: "\u00a0=\u00a0", x: 2485 + 360, y: 1024, size: 405 },
      { text: "120", x: 2485 + 360 + 607.5, y: 1024, size: 405 },
    ]);
    expect(runs.filter((run) => run.size === 0).every((run) => run.text === " ")).toBe(true);
  });

  it("shifts each chunk by its text-anchor, the title's on its tspan", () => {
    const centred = layout(
      `<text font-size="0px"><tspan x="7155" y="274" text-anchor="middle"><tspan font-size="400px">Busy</tspan></tspan></text>`,
    );
    expect(centred.runs).toEqual([{ text: "Busy", x: 7155 - 400, y: 274, size: 400 }]);
    const label = layout(`<text x="1727" y="2284" text-anchor="end"><tspan font-size="100px">Dr.</tspan></text>`);
    expect(label.runs).toEqual([{ text: "Dr.", x: 1727 - 150, y: 2284, size: 100 }]);
    // A new absolute position starts a new chunk, anchored on its own.
    const two = layout(
      `<text text-anchor="end" font-size="10"><tspan x="100" y="0">ab</tspan><tspan x="100" y="20">abcd</tspan></text>`,
    );
    expect(two.runs.map((run) => [run.x, run.y])).toEqual([
      [90, 0],
      [80, 20],
    ]);
  });

  it("collapses white space across runs and trims the element's ends; dx and dy move the position", () => {
    const { runs } = layout(`<text x="0" y="0" font-size="10">  a \t <tspan dx="5" dy="-2"> b</tspan>\n c  </text>`);
    expect(runs).toEqual([
      { text: "a ", x: 0, y: 0, size: 10 },
      { text: "b", x: 15, y: -2, size: 10 },
      { text: " c", x: 20, y: -2, size: 10 },
    ]);
  });

  it("reports children it does not lay out and skips display none", () => {
    const { runs, unsupported } = layout(
      `<text font-size="10">a<textPath href="#p">b</textPath><tspan display="none">c</tspan></text>`,
    );
    expect(runs.map((run) => run.text)).toEqual(["a"]);
    expect(unsupported).toEqual(["<textPath> in <text>"]);
  });
});
