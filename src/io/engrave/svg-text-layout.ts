/**
 * Lays out an SVG <text> element as runs of one style each: the text position follows
 * `x`/`y` (absolute, first value) and `dx`/`dy` (relative) on <text> and <tspan>, each run
 * advances it by its measured width, white space is collapsed as with xml:space="default"
 * (newlines removed, tabs to spaces, runs of spaces to one, none at the start or end of the
 * element; U+00A0 is not white space), and each text chunk (a run of text starting at an
 * absolute position) is shifted by its `text-anchor`. Verovio writes font-size="0px" on
 * <text> so that the indentation between its <tspan>s takes no room.
 * Reference: SVG 1.1 (Second Edition), §10.4 "The text element", §10.5 "The tspan element",
 *   §10.9.1 "Text alignment properties", §10.15 "White space handling".
 */
import type { SvgElement } from "./parse-svg.js";
import type { PaintStyle } from "./verovio-svg-style.js";

export interface TextRun {
  readonly text: string;
  readonly style: PaintStyle;
  /** Start of the run on its baseline, user units. */
  readonly x: number;
  readonly y: number;
  /** Advance, user units. */
  readonly width: number;
}

export interface TextLayoutContext {
  /** Style of a <tspan> under its parent's. */
  readonly styleOf: (element: SvgElement, parent: PaintStyle) => PaintStyle;
  /** Advance of `text` in `style`, user units. */
  readonly measure: (text: string, style: PaintStyle) => number;
  /** Called with each child element it does not lay out. */
  readonly unsupported: (description: string) => void;
}

type Piece =
  | { readonly kind: "move"; readonly x?: number; readonly y?: number; readonly dx: number; readonly dy: number }
  | { kind: "text"; text: string; readonly style: PaintStyle };

/** The runs of `text` (whose own style is `style`), in drawing order; empty runs are left out. */
export function layoutSvgText(text: SvgElement, style: PaintStyle, context: TextLayoutContext): TextRun[] {
  const pieces: Piece[] = [];
  collect(text, style, context, pieces);
  collapseWhiteSpace(pieces);
  const runs: TextRun[] = [];
  // The current chunk: where it starts, its anchor (that of its first run), its runs, where it ends.
  let chunkStart = 0;
  let chunkEnd = 0;
  let anchor: PaintStyle["textAnchor"] = "start";
  let chunk: TextRun[] = [];
  const finishChunk = () => {
    const width = chunkEnd - chunkStart;
    const shift = anchor === "middle" ? width / 2 : anchor === "end" ? width : 0;
    for (const run of chunk) runs.push(shift === 0 ? run : { ...run, x: run.x - shift });
    chunk = [];
  };
  let x = 0;
  let y = 0;
  for (const piece of pieces) {
    if (piece.kind === "move") {
      if (piece.x !== undefined || piece.y !== undefined) {
        finishChunk();
        x = piece.x ?? x;
        y = piece.y ?? y;
        chunkStart = x;
      }
      x += piece.dx;
      y += piece.dy;
    } else if (piece.text !== "") {
      const width = context.measure(piece.text, piece.style);
      if (chunk.length === 0) anchor = piece.style.textAnchor;
      chunk.push({ text: piece.text, style: piece.style, x, y, width });
      x += width;
      chunkEnd = x;
    }
  }
  finishChunk();
  return runs;
}

function collect(element: SvgElement, style: PaintStyle, context: TextLayoutContext, pieces: Piece[]): void {
  const first = (name: string) => {
    const value = element.attributes[name];
    if (value === undefined) return undefined;
    const number = Number.parseFloat(value.trim().split(/[\s,]+/)[0]!);
    return Number.isFinite(number) ? number : undefined;
  };
  const [x, y, dx, dy] = [first("x"), first("y"), first("dx") ?? 0, first("dy") ?? 0];
  if (x !== undefined || y !== undefined || dx !== 0 || dy !== 0) {
    pieces.push({ kind: "move", ...(x === undefined ? {} : { x }), ...(y === undefined ? {} : { y }), dx, dy });
  }
  for (const child of element.children) {
    if (typeof child === "string") pieces.push({ kind: "text", text: child, style });
    else if (child.name === "tspan" || child.name === "a") {
      if (child.attributes.display !== "none") collect(child, context.styleOf(child, style), context, pieces);
    } else context.unsupported(`<${child.name}> in <text>`);
  }
}

function collapseWhiteSpace(pieces: Piece[]): void {
  let afterSpace = true;
  let last: Piece | null = null;
  for (const piece of pieces) {
    if (piece.kind !== "text") continue;
    let text = piece.text
      .replace(/[\r\n]/g, "")
      .replace(/\t/g, " ")
      .replace(/ {2,}/g, " ");
    if (afterSpace && text.startsWith(" ")) text = text.slice(1);
    piece.text = text;
    if (text !== "") {
      afterSpace = text.endsWith(" ");
      last = piece;
    }
  }
  if (last !== null && last.kind === "text" && last.text.endsWith(" ")) last.text = last.text.slice(0, -1);
}
