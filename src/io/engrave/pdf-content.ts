/**
 * A PDF content stream under construction: operators as text, the graphics state they
 * leave (so colour, line width, cap, join, miter limit and dash are written only when they
 * change), q/Q nesting with `cm`, and optionally the bounding box of what was painted in
 * the stream's own coordinates (for a form XObject's BBox), strokes included.
 * Reference: PDF 1.7 (ISO 32000-1), §8.4.4 "Graphics state operators", §8.5.3 "Path-
 *   painting operators", §8.6.8 "Colour operators".
 */
import { type PdfPath, pdfNumber } from "./svg-path-data.js";
import { IDENTITY, type Matrix, multiply } from "./svg-transform.js";

/** What a painted path needs from the graphics state. */
export interface StrokeStyle {
  readonly strokeWidth: number;
  readonly lineCap: number;
  readonly lineJoin: number;
  readonly miterLimit: number;
  /** PDF dash array and phase ("[] 0" for solid, "[3 2] 0"). */
  readonly dash: string;
  readonly evenOdd: boolean;
}

interface GraphicsState {
  /** Colour operands, or undefined while unknown (a new stream inherits its caller's). */
  fill: string | undefined;
  stroke: string | undefined;
  lineWidth: number | undefined;
  lineCap: number | undefined;
  lineJoin: number | undefined;
  miterLimit: number | undefined;
  dash: string | undefined;
  /** From this stream's coordinates to the current ones. */
  matrix: Matrix;
}

/** Decimals of `cm` operands: a page-fitting scale needs more than path coordinates. */
const MATRIX_DECIMALS = 6;

export class PdfContent {
  private parts: string[] = [];
  private state: GraphicsState = {
    fill: undefined,
    stroke: undefined,
    lineWidth: undefined,
    lineCap: undefined,
    lineJoin: undefined,
    miterLimit: undefined,
    dash: undefined,
    matrix: IDENTITY,
  };
  private readonly saved: GraphicsState[] = [];
  private box: [number, number, number, number] | null = null;

  constructor(private readonly trackBounds: boolean) {}

  /** [minX, minY, maxX, maxY] of everything painted, or null (also when not tracked). */
  get bounds(): readonly [number, number, number, number] | null {
    return this.box;
  }

  /** q, then `cm` with the matrix. */
  save(matrix: Matrix = IDENTITY): void {
    this.parts.push("q");
    this.saved.push(this.state);
    this.state = { ...this.state };
    if (matrix !== IDENTITY) {
      this.parts.push(`${matrix.map((value) => pdfNumber(value, MATRIX_DECIMALS)).join(" ")} cm`);
      this.state.matrix = multiply(this.state.matrix, matrix);
    }
  }

  restore(): void {
    const state = this.saved.pop();
    if (state === undefined) throw new Error("PdfContent.restore: no matching save");
    this.parts.push("Q");
    this.state = state;
  }

  /** Operators that leave the graphics state as it was (`/Name Do`). */
  draw(operators: string): void {
    this.parts.push(operators);
  }

  setFill(color: string): void {
    if (this.state.fill === color) return;
    this.parts.push(`${color} ${color.includes(" ") ? "rg" : "g"}`);
    this.state.fill = color;
  }

  /** Fills (unless `fill` is null) and strokes (unless `stroke` is null or the width 0) the path. */
  paint(path: PdfPath, fill: string | null, stroke: string | null, style: StrokeStyle): void {
    const strokes = stroke !== null && style.strokeWidth > 0;
    if (path.bounds === null || (fill === null && !strokes)) return;
    if (fill !== null) this.setFill(fill);
    if (strokes) this.setStroke(stroke, style);
    this.parts.push(path.operators);
    const even = style.evenOdd ? "*" : "";
    this.parts.push(fill === null ? "S" : strokes ? `B${even}` : `f${even}`);
    if (this.trackBounds) {
      // Half the width, or up to the miter limit's length at a sharp corner.
      const pad = strokes ? (style.strokeWidth / 2) * (style.lineJoin === 0 ? style.miterLimit : Math.SQRT2) : 0;
      const [minX, minY, maxX, maxY] = path.bounds;
      this.extend(minX - pad, minY - pad, maxX + pad, maxY + pad);
    }
  }

  /** The operators written since the last take, one per line, ending in a newline. */
  take(): string {
    const text = this.parts.length === 0 ? "" : `${this.parts.join("\n")}\n`;
    this.parts = [];
    return text;
  }

  private setStroke(color: string, style: StrokeStyle): void {
    const state = this.state;
    if (state.stroke !== color) {
      this.parts.push(`${color} ${color.includes(" ") ? "RG" : "G"}`);
      state.stroke = color;
    }
    if (state.lineWidth !== style.strokeWidth) {
      this.parts.push(`${pdfNumber(style.strokeWidth)} w`);
      state.lineWidth = style.strokeWidth;
    }
    if (state.lineCap !== style.lineCap) {
      this.parts.push(`${style.lineCap} J`);
      state.lineCap = style.lineCap;
    }
    if (state.lineJoin !== style.lineJoin) {
      this.parts.push(`${style.lineJoin} j`);
      state.lineJoin = style.lineJoin;
    }
    if (state.lineJoin === 0 && state.miterLimit !== style.miterLimit) {
      this.parts.push(`${pdfNumber(style.miterLimit)} M`);
      state.miterLimit = style.miterLimit;
    }
    if (state.dash !== style.dash) {
      this.parts.push(`${style.dash} d`);
      state.dash = style.dash;
    }
  }

  private extend(minX: number, minY: number, maxX: number, maxY: number): void {
    const [a, b, c, d, e, f] = this.state.matrix;
    for (const [x, y] of [
      [minX, minY],
      [maxX, minY],
      [minX, maxY],
      [maxX, maxY],
    ] as const) {
      const [pageX, pageY] = [a * x + c * y + e, b * x + d * y + f];
      if (this.box === null) this.box = [pageX, pageY, pageX, pageY];
      else {
        this.box[0] = Math.min(this.box[0], pageX);
        this.box[1] = Math.min(this.box[1], pageY);
        this.box[2] = Math.max(this.box[2], pageX);
        this.box[3] = Math.max(this.box[3], pageY);
      }
    }
  }
}
