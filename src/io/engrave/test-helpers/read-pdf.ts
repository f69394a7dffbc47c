/**
 * Reads what tonearm's PDFs hold, for tests: the objects of a PDF written without
 * compression (pdfkit's `compress: false`), the content stream of each page, the form
 * XObjects, and counts of content-stream operators. Not a PDF parser: it relies on pdfkit
 * writing one object per "N 0 obj … endobj" and one operator per line in our streams.
 */
import PDFDocument from "pdfkit";

export interface PdfObject {
  readonly id: number;
  /** The dictionary (and anything else before the stream). */
  readonly dictionary: string;
  /** The stream's bytes as latin1 text, "" when there is none. */
  readonly stream: string;
}

export function pdfObjects(pdf: Uint8Array): Map<number, PdfObject> {
  const text = Buffer.from(pdf).toString("latin1");
  const objects = new Map<number, PdfObject>();
  for (const match of text.matchAll(/(?:^|\n)(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) {
    const body = match[2]!;
    const streamStart = body.indexOf("\nstream\n");
    const dictionary = streamStart < 0 ? body : body.slice(0, streamStart);
    const stream = streamStart < 0 ? "" : body.slice(streamStart + 8, body.lastIndexOf("\nendstream"));
    objects.set(Number(match[1]), { id: Number(match[1]), dictionary, stream });
  }
  return objects;
}

/** Each page's content stream and its font resources (resource name → base font), in page order. */
export function pdfPages(pdf: Uint8Array): { content: string; fonts: Map<string, string> }[] {
  const objects = pdfObjects(pdf);
  const dictionaryOf = (reference: string | undefined) => objects.get(Number(reference))?.dictionary ?? "";
  const kids = [...objects.values()].map((object) =>
    /\/Type \/Pages\n\/Count \d+\n\/Kids \[([^\]]*)\]/.exec(object.dictionary),
  );
  const pageIds = [...(kids.find((match) => match !== null)?.[1] ?? "").matchAll(/(\d+) 0 R/g)].map(
    (match) => match[1],
  );
  return pageIds.map((id) => {
    const page = dictionaryOf(id);
    const contents = /\/Contents (\d+) 0 R/.exec(page)?.[1];
    const resources = dictionaryOf(/\/Resources (\d+) 0 R/.exec(page)?.[1]);
    const fontDictionary = /\/Font <<\n([\s\S]*?)>>/.exec(resources)?.[1] ?? "";
    const fonts = new Map(
      [...fontDictionary.matchAll(/\/(\w+) (\d+) 0 R/g)].map((match) => [
        match[1]!,
        /\/BaseFont \/([\w-]+)/.exec(dictionaryOf(match[2]))?.[1] ?? "?",
      ]),
    );
    return { content: objects.get(Number(contents))?.stream ?? "", fonts };
  });
}

/** The content stream of each page, in page order. */
export function pageContents(pdf: Uint8Array): string[] {
  return pdfPages(pdf).map((page) => page.content);
}

/** Form XObjects (the glyphs), in object order. */
export function formXObjects(pdf: Uint8Array): PdfObject[] {
  return [...pdfObjects(pdf).values()].filter((object) => object.dictionary.includes("/Subtype /Form"));
}

/** Lines of a content stream whose operator (last token) is `operator`. */
export function countOperator(content: string, operator: string): number {
  let count = 0;
  for (const line of content.split("\n")) if (line.endsWith(` ${operator}`) || line === operator) count++;
  return count;
}

/**
 * The text each TJ operator of a page shows, with its base font. pdfkit writes the
 * standard fonts' WinAnsi codes in hex, split where a kerning adjustment falls.
 */
export function shownTexts(page: {
  content: string;
  fonts: ReadonlyMap<string, string>;
}): { text: string; font: string }[] {
  let font = "?";
  const shown: { text: string; font: string }[] = [];
  for (const line of page.content.split("\n")) {
    const fontName = /^\/(\w+) [\d.]+ Tf$/.exec(line)?.[1];
    if (fontName !== undefined) font = page.fonts.get(fontName) ?? "?";
    const array = /^\[(.*)\] TJ$/.exec(line)?.[1];
    if (array === undefined) continue;
    const hexes = [...array.matchAll(/<([\da-f]*)>/g)].map((hex) => Buffer.from(hex[1]!, "hex").toString("latin1"));
    shown.push({ text: hexes.join(""), font });
  }
  return shown;
}

/** A pdfkit document without compression, its pages drawn by `draw`, as bytes. */
export function uncompressedPdf(draw: (document: PDFKit.PDFDocument) => void): Promise<Uint8Array> {
  const document = new PDFDocument({ size: "A4", margin: 0, autoFirstPage: false, compress: false });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    document.on("data", (chunk: Buffer) => chunks.push(chunk));
    document.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    document.on("error", reject);
  });
  draw(document);
  document.end();
  return done;
}
