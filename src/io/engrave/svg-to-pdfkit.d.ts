/** Types for svg-to-pdfkit 0.1 (draws an SVG string into a pdfkit document), which ships none. */
declare module "svg-to-pdfkit" {
  export interface SvgToPdfOptions {
    width?: number;
    height?: number;
    preserveAspectRatio?: string;
    assumePt?: boolean;
    precision?: number;
    warningCallback?: (warning: string) => void;
  }
  const svgToPdf: (document: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: SvgToPdfOptions) => void;
  export default svgToPdf;
}
