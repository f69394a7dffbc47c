/**
 * SVG pages (from Verovio) → one PDF with a page each, drawn as vectors by pdfkit and
 * svg-to-pdfkit, numbered at the foot when there are several. svg-to-pdfkit reads presentation attributes only, never <style>, so what
 * Verovio's stylesheet says is written into attributes first: strokes on shapes (staff
 * lines, stems and bar lines are stroked paths without a stroke attribute), no stroke on
 * text, italic bar numbers and directions, a bold tempo. Metronome-mark glyphs, which
 * Verovio writes as text in an embedded WOFF2 font, become outlines
 * (smufl-text-glyphs.ts). Each SVG is fitted to the page keeping its proportions.
 * Reference: svg-to-pdfkit README (supported SVG features); PDF 1.7 (ISO 32000-1).
 */
import PDFDocument from "pdfkit";
import svgToPdf from "svg-to-pdfkit";
import { outlineSmuflTextGlyphs } from "./smufl-text-glyphs.js";

export interface PdfDocumentOptions {
  readonly title: string;
  readonly author: string;
  /** Page size in PDF points (1/72 inch); A4 by default. */
  readonly pageWidthPt: number;
  readonly pageHeightPt: number;
  /** With more than one page, "title · page/pages" at the foot of each (Verovio writes no page numbers). */
  readonly pageNumbers: boolean;
}

export const PDF_DOCUMENT_DEFAULTS: PdfDocumentOptions = {
  title: "Drums",
  author: "tonearm",
  pageWidthPt: 595.28,
  pageHeightPt: 841.89,
  pageNumbers: true,
};

/** Millimetres → PDF points. */
export function millimetresToPoints(millimetres: number): number {
  return (millimetres * 72) / 25.4;
}

/** Verovio's SVG with its stylesheet's effects as attributes, for renderers that ignore CSS. */
export function inlineVerovioStyles(svg: string): string {
  return outlineSmuflTextGlyphs(svg)
    .replace(/<svg\b([^>]*)>/, (whole, attributes: string) =>
      attributes.includes("stroke=") ? whole : `<svg${attributes} stroke="black" fill="black">`,
    )
    .replace(/<text\b(?![^>]*\bstroke=)/g, `<text stroke="none"`)
    .replace(/<g\b([^>]*)class="(mNum|dir|dynam)"/g, `<g$1class="$2" font-style="italic"`)
    .replace(/<g\b([^>]*)class="(tempo|ending|fing|reh)"/g, `<g$1class="$2" font-weight="bold"`);
}

/** A PDF of the pages, one SVG per page. */
export function svgPagesToPdf(
  svgPages: readonly string[],
  options: Partial<PdfDocumentOptions> = {},
): Promise<Uint8Array> {
  const settings = { ...PDF_DOCUMENT_DEFAULTS, ...options };
  const document = new PDFDocument({
    size: [settings.pageWidthPt, settings.pageHeightPt],
    margin: 0,
    autoFirstPage: false,
    info: { Title: settings.title, Author: settings.author, Creator: "tonearm (Verovio, pdfkit)" },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Uint8Array>((resolve, reject) => {
    document.on("data", (chunk: Buffer) => chunks.push(chunk));
    document.on("end", () => {
      const bytes = Buffer.concat(chunks);
      resolve(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });
    document.on("error", reject);
  });
  const pages = svgPages.length === 0 ? [""] : svgPages;
  pages.forEach((svg, index) => {
    document.addPage();
    if (svg !== "") {
      svgToPdf(document, inlineVerovioStyles(svg), 0, 0, {
        width: settings.pageWidthPt,
        height: settings.pageHeightPt,
        preserveAspectRatio: "xMidYMid meet",
        warningCallback: () => {},
      });
    }
    if (settings.pageNumbers && pages.length > 1) {
      const footY = settings.pageHeightPt - 24;
      document
        .font("Times-Roman")
        .fontSize(9)
        .fillColor("black")
        .text(`${settings.title} · ${index + 1}/${pages.length}`, 0, footY, {
          width: settings.pageWidthPt,
          align: "center",
          lineBreak: false,
        });
    }
  });
  document.end();
  return finished;
}
