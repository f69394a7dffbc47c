/**
 * SVG coordinate transforms as PDF matrices [a b c d e f] (x' = a·x + c·y + e,
 * y' = b·x + d·y + f): the `transform` attribute's list and the viewBox → viewport
 * mapping of `preserveAspectRatio`.
 * References: SVG 1.1 (Second Edition), §7.6 "The transform attribute" and §7.8 "The
 *   preserveAspectRatio attribute"; PDF 1.7 (ISO 32000-1), §8.3.3 "Common transformations".
 */

export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `outer × inner`: the matrix applying `inner` first, then `outer`. */
export function multiply(outer: Matrix, inner: Matrix): Matrix {
  const [a, b, c, d, e, f] = outer;
  const [p, q, r, s, t, u] = inner;
  return [a * p + c * q, b * p + d * q, a * r + c * s, b * r + d * s, a * t + c * u + e, b * t + d * u + f];
}

const FUNCTION = /\s*,?\s*(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)/y;

/** The matrix of an SVG transform list; throws on anything but the six SVG 1.1 functions. */
export function parseTransform(list: string): Matrix {
  let matrix = IDENTITY;
  FUNCTION.lastIndex = 0;
  let end = 0;
  for (let match = FUNCTION.exec(list); match !== null; match = FUNCTION.exec(list)) {
    end = FUNCTION.lastIndex;
    const values = match[2]!
      .trim()
      .split(/[\s,]+/)
      .filter((token) => token !== "")
      .map(Number);
    matrix = multiply(matrix, transformFunction(match[1]!, values, list));
  }
  if (list.slice(end).trim() !== "") throw new Error(`parseTransform: cannot read "${list}"`);
  return matrix;
}

function transformFunction(name: string, values: readonly number[], list: string): Matrix {
  const [v0 = Number.NaN, v1, v2, v3, v4, v5] = values;
  let matrix: Matrix;
  switch (name) {
    case "matrix":
      matrix = [v0, v1 ?? Number.NaN, v2 ?? Number.NaN, v3 ?? Number.NaN, v4 ?? Number.NaN, v5 ?? Number.NaN];
      break;
    case "translate":
      matrix = [1, 0, 0, 1, v0, v1 ?? 0];
      break;
    case "scale":
      matrix = [v0, 0, 0, v1 ?? v0, 0, 0];
      break;
    case "rotate": {
      const radians = (v0 * Math.PI) / 180;
      const [cos, sin] = [Math.cos(radians), Math.sin(radians)];
      const [cx, cy] = [v1 ?? 0, v2 ?? 0];
      matrix = [cos, sin, -sin, cos, cx - cos * cx + sin * cy, cy - sin * cx - cos * cy];
      break;
    }
    case "skewX":
      matrix = [1, 0, Math.tan((v0 * Math.PI) / 180), 1, 0, 0];
      break;
    default:
      matrix = [1, Math.tan((v0 * Math.PI) / 180), 0, 1, 0, 0];
  }
  if (!matrix.every(Number.isFinite)) throw new Error(`parseTransform: bad arguments in "${list}"`);
  return matrix;
}

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The matrix that maps a viewBox onto a viewport by `preserveAspectRatio`
 * (default "xMidYMid meet"; "none", and any x/y alignment with meet or slice).
 */
export function viewBoxTransform(viewBox: Viewport, viewport: Viewport, preserveAspectRatio = "xMidYMid meet"): Matrix {
  const [align = "xMidYMid", meetOrSlice = "meet"] = preserveAspectRatio.trim().split(/\s+/);
  let scaleX = viewport.width / viewBox.width;
  let scaleY = viewport.height / viewBox.height;
  let x = viewport.x;
  let y = viewport.y;
  if (align !== "none") {
    scaleX = scaleY = meetOrSlice === "slice" ? Math.max(scaleX, scaleY) : Math.min(scaleX, scaleY);
    const spareX = viewport.width - viewBox.width * scaleX;
    const spareY = viewport.height - viewBox.height * scaleY;
    x += align.includes("xMid") ? spareX / 2 : align.includes("xMax") ? spareX : 0;
    y += align.includes("YMid") ? spareY / 2 : align.includes("YMax") ? spareY : 0;
  }
  return [scaleX, 0, 0, scaleY, x - viewBox.x * scaleX, y - viewBox.y * scaleY];
}

/** A viewBox attribute ("minX minY width height"), or null when absent or unusable. */
export function parseViewBox(value: string | undefined): Viewport | null {
  if (value === undefined) return null;
  const [x, y, width, height] = value
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  if (![x, y, width, height].every((number) => Number.isFinite(number))) return null;
  return width! > 0 && height! > 0 ? { x: x!, y: y!, width: width!, height: height! } : null;
}
