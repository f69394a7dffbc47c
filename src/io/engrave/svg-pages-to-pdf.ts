/**
 * SVG pages (from Verovio) → one PDF with a page each, drawn as vectors by our own SVG
 * painter (verovio-svg-to-pdf.ts) into a pdfkit document, numbered at the foot when there
 * are several. Each SVG is fitted to the page keeping its proportions; the glyphs of all
 * pages are shared form XObjects.
 * Reference: PDF 1.7 (ISO 32000-1).
 */
import PDFDocument from "pdfkit";
import { createVerovioSvgPainter } from "./verovio-svg-to-pdf.js";

export interface PdfDocumentOptions {
  readonly title: string;
  readonly author: string;
  /** Page size in PDF points (1/72 inch); A4 by default. */
  readonly pageWidthPt: number;
  readonly pageHeightPt: number;
  /** With more than one page, "title · page/pages" at the foot of each (Verovio writes no page numbers). */
  readonly pageNumbers: boolean;
  /** Deflate the content streams; off only to read them (tests). */
  readonly compress: boolean;
}

export const PDF_DOCUMENT_DEFAULTS: PdfDocumentOptions = {
  title: "Drums",
  author: "tonearm",
  pageWidthPt: 595.28,
  pageHeightPt: 841.89,
  pageNumbers: true,
  compress: true,
};

export interface SvgPdf {
  readonly pdf: Uint8Array;
  /** What the painter could not draw, "page n: description" (empty when every page was drawn in full). */
  readonly notDrawn: string[];
}

/** Millimetres → PDF points. */
export function millimetresToPoints(millimetres: number): number {
  return (millimetres * 72) / 25.4;
}

/** A PDF of the pages, one SVG per page (one blank page for none). */
export function svgPagesToPdf(svgPages: readonly string[], options: Partial<PdfDocumentOptions> = {}): Promise<SvgPdf> {
  const settings = { ...PDF_DOCUMENT_DEFAULTS, ...options };
  const document = new PDFDocument({
    size: [settings.pageWidthPt, settings.pageHeightPt],
    margin: 0,
    autoFirstPage: false,
    compress: settings.compress,
    info: { Title: settings.title, Author: settings.author, Creator: "tonearm (Verovio, pdfkit)" },
  });
  const chunks: Buffer[] = [];
  const notDrawn: string[] = [];
  const finished = new Promise<SvgPdf>((resolve, reject) => {
    document.on("data", (chunk: Buffer) => chunks.push(chunk));
    document.on("end", () => {
      const bytes = Buffer.concat(chunks);
      resolve({ pdf: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), notDrawn });
    });
    document.on("error", reject);
  });
  const painter = createVerovioSvgPainter(document);
  const pages = svgPages.length === 0 ? [""] : svgPages;
  pages.forEach((svg, index) => {
    document.addPage();
    if (svg !== "") {
      const box = { x: 0, y: 0, width: settings.pageWidthPt, height: settings.pageHeightPt };
      for (const description of painter.drawSvg(svg, box)) notDrawn.push(`page ${index + 1}: ${description}`);
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
