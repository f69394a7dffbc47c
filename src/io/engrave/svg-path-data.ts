/**
 * SVG path data → PDF path-construction operators (m, l, c, h) in the same coordinates:
 * relative commands made absolute, H/V as lines, quadratic Béziers raised to cubics,
 * elliptical arcs split into cubic segments of at most 90°, smooth curves reflecting the
 * previous control point. The operators carry no painting operator; the caller appends
 * one (f, S, B…). Also the bounding box of all points, control points included (a
 * conservative box for a form XObject).
 * References: SVG 1.1 (Second Edition), §8.3 "Path data" and Appendix F.6 "Elliptical arc
 *   implementation notes"; PDF 1.7 (ISO 32000-1), §8.5.2 "Path construction operators";
 *   Maisonobe (2003), "Drawing an elliptical arc using polylines, quadratic or cubic
 *   Bézier curves" (the 4/3·tan(θ/4) control distance).
 */

export interface PdfPath {
  /** Path-construction operators, one per line. */
  readonly operators: string;
  /** [minX, minY, maxX, maxY] of every point, or null for an empty path. */
  readonly bounds: readonly [number, number, number, number] | null;
}

const COMMAND = /[\s,]*([MmZzLlHhVvCcSsQqTtAa])/y;
const NUMBER = /[\s,]*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/y;
const FLAG = /[\s,]*([01])/y;
const SEPARATORS = /[\s,]*/y;

/** A number for a PDF content stream: at most `decimals` decimals, never exponent notation. */
export function pdfNumber(value: number, decimals = 3): string {
  if (Number.isInteger(value)) return String(value);
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

/** The PDF operators for SVG path data; throws on malformed data, naming the offset. */
export function svgPathToPdf(data: string): PdfPath {
  const lines: string[] = [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const extend = (x: number, y: number) => {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  };
  let position = 0;
  const read = (pattern: RegExp): string | null => {
    pattern.lastIndex = position;
    const match = pattern.exec(data);
    if (match === null) return null;
    position = pattern.lastIndex;
    return match[1]!;
  };
  const number = (): number => {
    const token = read(NUMBER);
    if (token === null) throw new Error(`svgPathToPdf: expected a number at offset ${position} of "${data}"`);
    return Number(token);
  };
  const flag = (): boolean => {
    const token = read(FLAG);
    if (token === null) throw new Error(`svgPathToPdf: expected an arc flag 0 or 1 at offset ${position} of "${data}"`);
    return token === "1";
  };
  const hasNumber = () => {
    NUMBER.lastIndex = position;
    return NUMBER.test(data);
  };
  // Current point, subpath start, and the last control point of a cubic (S) or quadratic (T).
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  let cubicX = 0;
  let cubicY = 0;
  let quadX = 0;
  let quadY = 0;
  let previous = "";
  const moveTo = (toX: number, toY: number) => {
    lines.push(`${pdfNumber(toX)} ${pdfNumber(toY)} m`);
    extend(toX, toY);
    x = startX = toX;
    y = startY = toY;
  };
  const lineTo = (toX: number, toY: number) => {
    lines.push(`${pdfNumber(toX)} ${pdfNumber(toY)} l`);
    extend(toX, toY);
    x = toX;
    y = toY;
  };
  const curveTo = (x1: number, y1: number, x2: number, y2: number, toX: number, toY: number) => {
    lines.push(
      `${pdfNumber(x1)} ${pdfNumber(y1)} ${pdfNumber(x2)} ${pdfNumber(y2)} ${pdfNumber(toX)} ${pdfNumber(toY)} c`,
    );
    extend(x1, y1);
    extend(x2, y2);
    extend(toX, toY);
    cubicX = x2;
    cubicY = y2;
    x = toX;
    y = toY;
  };
  const quadTo = (controlX: number, controlY: number, toX: number, toY: number) => {
    curveTo(
      x + (2 / 3) * (controlX - x),
      y + (2 / 3) * (controlY - y),
      toX + (2 / 3) * (controlX - toX),
      toY + (2 / 3) * (controlY - toY),
      toX,
      toY,
    );
    quadX = controlX;
    quadY = controlY;
  };
  for (;;) {
    const command = read(COMMAND);
    if (command === null) break;
    const relative = command === command.toLowerCase();
    const upper = command.toUpperCase();
    let first = true;
    do {
      const dx = relative ? x : 0;
      const dy = relative ? y : 0;
      switch (upper) {
        case "M":
          if (first) moveTo(dx + number(), dy + number());
          else lineTo(dx + number(), dy + number());
          break;
        case "L":
          lineTo(dx + number(), dy + number());
          break;
        case "H":
          lineTo(dx + number(), y);
          break;
        case "V":
          lineTo(x, dy + number());
          break;
        case "C":
          curveTo(dx + number(), dy + number(), dx + number(), dy + number(), dx + number(), dy + number());
          break;
        case "S": {
          const smooth = previous === "C" || previous === "S";
          const x1 = smooth ? 2 * x - cubicX : x;
          const y1 = smooth ? 2 * y - cubicY : y;
          curveTo(x1, y1, dx + number(), dy + number(), dx + number(), dy + number());
          break;
        }
        case "Q":
          quadTo(dx + number(), dy + number(), dx + number(), dy + number());
          break;
        case "T": {
          const smooth = previous === "Q" || previous === "T";
          quadTo(smooth ? 2 * x - quadX : x, smooth ? 2 * y - quadY : y, dx + number(), dy + number());
          break;
        }
        case "A": {
          const rx = Math.abs(number());
          const ry = Math.abs(number());
          const rotationDegrees = number();
          const largeArc = flag();
          const sweep = flag();
          arcTo(x, y, rx, ry, rotationDegrees, largeArc, sweep, dx + number(), dy + number(), lineTo, curveTo);
          break;
        }
        case "Z":
          lines.push("h");
          x = startX;
          y = startY;
          break;
      }
      previous = upper;
      first = false;
    } while (upper !== "Z" && hasNumber());
  }
  SEPARATORS.lastIndex = position;
  SEPARATORS.exec(data);
  position = SEPARATORS.lastIndex;
  if (position !== data.length) {
    throw new Error(`svgPathToPdf: unexpected "${data[position]}" at offset ${position} of "${data}"`);
  }
  return { operators: lines.join("\n"), bounds: lines.length === 0 ? null : [minX, minY, maxX, maxY] };
}

/** SVG 1.1 F.6.5–F.6.6: endpoint to centre parameterisation, then cubic segments of ≤ 90°. */
function arcTo(
  fromX: number,
  fromY: number,
  rx: number,
  ry: number,
  rotationDegrees: number,
  largeArc: boolean,
  sweep: boolean,
  toX: number,
  toY: number,
  lineTo: (x: number, y: number) => void,
  curveTo: (x1: number, y1: number, x2: number, y2: number, x: number, y: number) => void,
): void {
  if (fromX === toX && fromY === toY) return;
  if (rx === 0 || ry === 0) {
    lineTo(toX, toY);
    return;
  }
  const phi = (rotationDegrees * Math.PI) / 180;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  const halfX = (fromX - toX) / 2;
  const halfY = (fromY - toY) / 2;
  const x1 = cos * halfX + sin * halfY;
  const y1 = -sin * halfX + cos * halfY;
  // F.6.6: radii too small for the endpoints are scaled up.
  const lambda = (x1 * x1) / (rx * rx) + (y1 * y1) / (ry * ry);
  if (lambda > 1) {
    rx *= Math.sqrt(lambda);
    ry *= Math.sqrt(lambda);
  }
  const numerator = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1;
  const denominator = rx * rx * y1 * y1 + ry * ry * x1 * x1;
  const root = Math.sqrt(Math.max(0, numerator / denominator)) * (largeArc === sweep ? -1 : 1);
  const centreX1 = (root * rx * y1) / ry;
  const centreY1 = (-root * ry * x1) / rx;
  const centreX = cos * centreX1 - sin * centreY1 + (fromX + toX) / 2;
  const centreY = sin * centreX1 + cos * centreY1 + (fromY + toY) / 2;
  const angle = (ux: number, uy: number, vx: number, vy: number) => Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
  const theta1 = angle(1, 0, (x1 - centreX1) / rx, (y1 - centreY1) / ry);
  let delta = angle((x1 - centreX1) / rx, (y1 - centreY1) / ry, (-x1 - centreX1) / rx, (-y1 - centreY1) / ry);
  if (!sweep && delta > 0) delta -= 2 * Math.PI;
  if (sweep && delta < 0) delta += 2 * Math.PI;
  const segments = Math.ceil(Math.abs(delta) / (Math.PI / 2) - 1e-9);
  const step = delta / segments;
  const handle = (4 / 3) * Math.tan(step / 4);
  const point = (unitX: number, unitY: number): [number, number] => [
    centreX + cos * rx * unitX - sin * ry * unitY,
    centreY + sin * rx * unitX + cos * ry * unitY,
  ];
  for (let segment = 0; segment < segments; segment++) {
    const start = theta1 + segment * step;
    const end = start + step;
    const [c1x, c1y] = point(Math.cos(start) - handle * Math.sin(start), Math.sin(start) + handle * Math.cos(start));
    const [c2x, c2y] = point(Math.cos(end) + handle * Math.sin(end), Math.sin(end) - handle * Math.cos(end));
    const [endX, endY] = segment === segments - 1 ? [toX, toY] : point(Math.cos(end), Math.sin(end));
    curveTo(c1x, c1y, c2x, c2y, endX, endY);
  }
}
