/**
 * Draws Verovio's SVG onto a pdfkit page as PDF vector content, without a DOM. Verovio's
 * SVG is a small, regular subset: nested <svg> with viewBox, <g> with transform, <path>,
 * <polygon>, <polyline>, <rect>, <ellipse> (stroked per Verovio's stylesheet, see
 * verovio-svg-style.ts), <use href="#glyph"> of <defs>, and <text>/<tspan>. Each glyph a
 * page uses is written once per document as a form XObject and placed with `cm … Do`, so a
 * notehead costs about 40 bytes of content; text stays text (the PDF standard fonts, Times
 * for Verovio's "Times, serif"); SMuFL text glyphs (the note of a metronome mark) are drawn
 * as outlines (smufl-text-glyphs.ts). Not drawn, and reported: other elements, opacity,
 * gradients, clipping (no Verovio page needs it), text inside <defs>.
 * References: PDF 1.7 (ISO 32000-1), §8.4 "Graphics state", §8.5 "Path construction and
 *   painting", §8.10 "Form XObjects"; SVG 1.1 (Second Edition), §5.6 "The use element",
 *   §7 "Coordinate systems", §9 "Basic shapes".
 */
import type { ParsedSvg, SvgElement } from "./parse-svg.js";
import { parseSvg } from "./parse-svg.js";
import { PdfContent } from "./pdf-content.js";
import { isSmuflFontFamily, SMUFL_SPACE_ADVANCE, SMUFL_UNITS_PER_EM, smuflTextGlyph } from "./smufl-text-glyphs.js";
import { type PdfPath, svgPathToPdf } from "./svg-path-data.js";
import { layoutSvgText, type TextRun } from "./svg-text-layout.js";
import {
  IDENTITY,
  type Matrix,
  multiply,
  parseTransform,
  parseViewBox,
  type Viewport,
  viewBoxTransform,
} from "./svg-transform.js";
import {
  INITIAL_STYLE,
  type PaintStyle,
  standardFontOf,
  styleOf,
  VEROVIO_STROKED_SHAPES,
} from "./verovio-svg-style.js";

export interface VerovioSvgPainter {
  /**
   * Draws one SVG document on the document's current page, fitted into `box` (pdfkit's
   * page space: points, y down) keeping its proportions. Returns what it could not draw,
   * one description each ("<clipPath>", "path@fill-opacity=0.5"); empty when all was drawn.
   */
  drawSvg(svg: string, box: Viewport): string[];
}

/** Glyph form XObjects of a document by their content: resource name and object. */
type GlyphForms = Map<string, { readonly name: string; readonly ref: PDFKit.PDFKitReference }>;

/** Elements that draw nothing themselves. */
const SKIPPED = new Set(["defs", "symbol", "style", "desc", "title", "metadata"]);

/** A painter for one PDF document; glyph XObjects are shared by all its pages. */
export function createVerovioSvgPainter(document: PDFKit.PDFDocument): VerovioSvgPainter {
  const forms: GlyphForms = new Map();
  return {
    drawSvg(svg, box) {
      const parsed = parseSvg(svg);
      const page = new PagePainter(document, parsed, forms);
      const root = parsed.root;
      if (root.name !== "svg") page.unsupported.add(`root <${root.name}>`);
      const width = lengthOf(root.attributes.width, box.width);
      const height = lengthOf(root.attributes.height, box.height);
      const viewBox = parseViewBox(root.attributes.viewBox) ?? { x: 0, y: 0, width, height };
      page.content.save(viewBoxTransform(viewBox, box, root.attributes.preserveAspectRatio));
      page.drawChildren(root, styleOf(root, INITIAL_STYLE, page.unsupported), page.content, viewBox);
      page.content.restore();
      page.flush();
      return [...page.unsupported];
    },
  };
}

class PagePainter {
  readonly content = new PdfContent(false);
  readonly unsupported = new Set<string>();
  /** Form XObject names by referenced element and the style it is drawn in, for this page. */
  private readonly placed = new Map<SvgElement, Map<PaintStyle, string | null>>();
  /** Elements being drawn for a <use>, against reference cycles. */
  private readonly referencing = new Set<SvgElement>();
  private readonly styleOfElement = (element: SvgElement, parent: PaintStyle) =>
    styleOf(element, parent, this.unsupported);

  constructor(
    private readonly document: PDFKit.PDFDocument,
    private readonly svg: ParsedSvg,
    private readonly forms: GlyphForms,
  ) {}

  /** Writes the content drawn so far to the page. */
  flush(): void {
    const operators = this.content.take();
    if (operators !== "") this.document.addContent(operators);
  }

  drawChildren(element: SvgElement, style: PaintStyle, content: PdfContent, viewport: Viewport): void {
    for (const child of element.children) {
      if (typeof child !== "string") this.drawElement(child, style, content, viewport);
    }
  }

  private drawElement(element: SvgElement, parentStyle: PaintStyle, content: PdfContent, viewport: Viewport): void {
    const { name, attributes } = element;
    if (SKIPPED.has(name) || attributes.display === "none") return;
    const style = this.styleOfElement(element, parentStyle);
    let matrix: Matrix | null = null;
    try {
      if (attributes.transform !== undefined) matrix = parseTransform(attributes.transform);
      if (name === "use" && (attributes.x !== undefined || attributes.y !== undefined)) {
        const offset: Matrix = [1, 0, 0, 1, lengthOf(attributes.x, 0), lengthOf(attributes.y, 0)];
        matrix = multiply(matrix ?? IDENTITY, offset);
      }
    } catch (error) {
      this.unsupported.add(`${name}@transform: ${(error as Error).message}`);
      return;
    }
    if (matrix !== null) content.save(matrix);
    switch (name) {
      case "svg":
        this.drawNestedSvg(element, style, content, viewport);
        break;
      case "g":
      case "a":
        this.drawChildren(element, style, content, viewport);
        break;
      case "use":
        this.drawUse(element, style, content, viewport);
        break;
      case "text":
        if (content === this.content) this.drawText(element, style);
        else this.unsupported.add("<text> inside <defs>");
        break;
      default: {
        const data = shapePathData(element);
        if (data === null) this.unsupported.add(`<${name}>`);
        else this.drawShape(element, data, style, content);
      }
    }
    if (matrix !== null) content.restore();
  }

  private drawNestedSvg(element: SvgElement, style: PaintStyle, content: PdfContent, parent: Viewport): void {
    const { attributes } = element;
    const viewport = {
      x: lengthOf(attributes.x, parent.width, 0),
      y: lengthOf(attributes.y, parent.height, 0),
      width: lengthOf(attributes.width, parent.width, parent.width),
      height: lengthOf(attributes.height, parent.height, parent.height),
    };
    const viewBox = parseViewBox(attributes.viewBox);
    const matrix: Matrix = viewBox
      ? viewBoxTransform(viewBox, viewport, attributes.preserveAspectRatio)
      : [1, 0, 0, 1, viewport.x, viewport.y];
    content.save(matrix);
    this.drawChildren(element, style, content, viewBox ?? { ...viewport, x: 0, y: 0 });
    content.restore();
  }

  /** A <use>: on the page, a form XObject per referenced element and style; inside a form, drawn in place. */
  private drawUse(element: SvgElement, style: PaintStyle, content: PdfContent, viewport: Viewport): void {
    const href = element.attributes.href ?? element.attributes["xlink:href"] ?? "";
    const target = href.startsWith("#") ? this.svg.byId.get(href.slice(1)) : undefined;
    if (target === undefined) {
      this.unsupported.add(`<use> of "${href}"`);
      return;
    }
    if (content !== this.content) {
      this.drawReferenced(target, style, content, viewport);
      return;
    }
    let byStyle = this.placed.get(target);
    if (byStyle === undefined) {
      byStyle = new Map();
      this.placed.set(target, byStyle);
    }
    let name = byStyle.get(style);
    if (name === undefined) {
      name = this.formOf(target, style, viewport);
      byStyle.set(style, name);
    }
    if (name !== null) content.draw(`/${name} Do`);
  }

  private formOf(target: SvgElement, style: PaintStyle, viewport: Viewport): string | null {
    const form = new PdfContent(true);
    this.drawReferenced(target, style, form, viewport);
    const bounds = form.bounds;
    if (bounds === null) return null;
    const operators = form.take();
    const bbox = bounds.map((value, index) => (index < 2 ? Math.floor(value) : Math.ceil(value)));
    const key = `${bbox.join(" ")}\n${operators}`;
    let entry = this.forms.get(key);
    if (entry === undefined) {
      const ref = this.document.ref({ Type: "XObject", Subtype: "Form", BBox: bbox, Resources: { ProcSet: ["PDF"] } });
      ref.end(operators);
      entry = { name: `Glyph${this.forms.size + 1}`, ref };
      this.forms.set(key, entry);
    }
    this.document.page.xobjects[entry.name] = entry.ref;
    return entry.name;
  }

  private drawReferenced(target: SvgElement, style: PaintStyle, content: PdfContent, viewport: Viewport): void {
    if (this.referencing.has(target)) {
      this.unsupported.add(`<use> cycle through "#${target.attributes.id}"`);
      return;
    }
    this.referencing.add(target);
    if (target.name !== "symbol") this.drawElement(target, style, content, viewport);
    else {
      // A symbol's viewBox would need the <use>'s width and height; Verovio writes none.
      if (target.attributes.viewBox !== undefined) this.unsupported.add("symbol@viewBox");
      this.drawChildren(target, this.styleOfElement(target, style), content, viewport);
    }
    this.referencing.delete(target);
  }

  private drawShape(element: SvgElement, data: string, style: PaintStyle, content: PdfContent): void {
    if (!style.visible) return;
    let path: PdfPath;
    try {
      path = svgPathToPdf(data);
    } catch (error) {
      this.unsupported.add(`<${element.name}>: ${(error as Error).message}`);
      return;
    }
    const stroke = VEROVIO_STROKED_SHAPES.has(element.name) ? style.color : style.stroke;
    content.paint(path, element.name === "line" ? null : style.fill, stroke, style);
  }

  private drawText(element: SvgElement, style: PaintStyle): void {
    const runs = layoutSvgText(element, style, {
      styleOf: this.styleOfElement,
      measure: (text, runStyle) => this.measure(text, runStyle),
      unsupported: (description) => this.unsupported.add(description),
    });
    for (const run of runs) {
      if (!run.style.visible || run.style.fill === null || run.style.fontSize === 0) continue;
      if (isSmuflFontFamily(run.style.fontFamily)) this.drawSmuflRun(run);
      else {
        this.content.setFill(run.style.fill);
        this.flush();
        this.document
          .font(standardFontOf(run.style))
          .fontSize(run.style.fontSize)
          .text(run.text, run.x, run.y, { lineBreak: false, baseline: "alphabetic" });
      }
    }
  }

  private measure(text: string, style: PaintStyle): number {
    if (style.fontSize === 0) return 0;
    if (!isSmuflFontFamily(style.fontFamily)) {
      return this.document.font(standardFontOf(style)).fontSize(style.fontSize).widthOfString(text);
    }
    let advance = 0;
    for (const character of text) {
      const codePoint = character.codePointAt(0)!;
      advance += codePoint === 0x20 ? SMUFL_SPACE_ADVANCE : (smuflTextGlyph(codePoint)?.advance ?? 0);
    }
    return (advance * style.fontSize) / SMUFL_UNITS_PER_EM;
  }

  private drawSmuflRun(run: TextRun): void {
    const scale = run.style.fontSize / SMUFL_UNITS_PER_EM;
    let x = run.x;
    for (const character of run.text) {
      const codePoint = character.codePointAt(0)!;
      const glyph = smuflTextGlyph(codePoint);
      if (glyph === undefined) {
        if (codePoint !== 0x20) this.unsupported.add(`SMuFL text glyph U+${codePoint.toString(16).toUpperCase()}`);
        x += codePoint === 0x20 ? SMUFL_SPACE_ADVANCE * scale : 0;
        continue;
      }
      // Font units are y up.
      this.content.save([scale, 0, 0, -scale, x, run.y]);
      this.content.paint(glyphPath(glyph.path), run.style.fill, null, run.style);
      this.content.restore();
      x += glyph.advance * scale;
    }
  }
}

const glyphPaths = new Map<string, PdfPath>();

function glyphPath(data: string): PdfPath {
  let path = glyphPaths.get(data);
  if (path === undefined) {
    path = svgPathToPdf(data);
    glyphPaths.set(data, path);
  }
  return path;
}

/** Path data for a basic shape, or null when the element is not one. */
function shapePathData(element: SvgElement): string | null {
  const attribute = (name: string) => lengthOf(element.attributes[name], 0, 0);
  switch (element.name) {
    case "path":
      return element.attributes.d ?? "";
    case "polygon":
    case "polyline": {
      const points = (element.attributes.points ?? "").trim();
      if (points === "") return "";
      return `M${points}${element.name === "polygon" ? "Z" : ""}`;
    }
    case "line":
      return `M${attribute("x1")} ${attribute("y1")}L${attribute("x2")} ${attribute("y2")}`;
    case "rect": {
      const [x, y, width, height] = [attribute("x"), attribute("y"), attribute("width"), attribute("height")];
      if (!(width > 0 && height > 0)) return "";
      const rxAttribute = element.attributes.rx;
      const ryAttribute = element.attributes.ry;
      let rx = lengthOf(rxAttribute ?? ryAttribute, 0, 0);
      let ry = lengthOf(ryAttribute ?? rxAttribute, 0, 0);
      rx = Math.min(Math.max(rx, 0), width / 2);
      ry = Math.min(Math.max(ry, 0), height / 2);
      if (rx === 0 || ry === 0) return `M${x} ${y}H${x + width}V${y + height}H${x}Z`;
      const arc = (toX: number, toY: number) => `A${rx} ${ry} 0 0 1 ${toX} ${toY}`;
      return (
        `M${x + rx} ${y}H${x + width - rx}${arc(x + width, y + ry)}V${y + height - ry}` +
        `${arc(x + width - rx, y + height)}H${x + rx}${arc(x, y + height - ry)}V${y + ry}${arc(x + rx, y)}Z`
      );
    }
    case "ellipse":
    case "circle": {
      const [cx, cy] = [attribute("cx"), attribute("cy")];
      const rx = element.name === "circle" ? attribute("r") : attribute("rx");
      const ry = element.name === "circle" ? rx : attribute("ry");
      if (!(rx > 0 && ry > 0)) return "";
      const half = `A${rx} ${ry} 0 1 0`;
      return `M${cx - rx} ${cy}${half} ${cx + rx} ${cy}${half} ${cx - rx} ${cy}Z`;
    }
    default:
      return null;
  }
}

/** A length in user units ("12", "12px", "50%" of `reference`); `fallback` when absent or unreadable. */
function lengthOf(value: string | undefined, reference: number, fallback = reference): number {
  if (value === undefined) return fallback;
  const trimmed = value.trim();
  const number = Number.parseFloat(trimmed);
  if (!Number.isFinite(number)) return fallback;
  return trimmed.endsWith("%") ? (number / 100) * reference : number;
}
