/**
 * The computed style of an element of Verovio's SVG: SVG presentation attributes (and
 * `style` declarations) inherited down the tree, plus what Verovio's own stylesheet says,
 * written out here since the <style> element is not read. Verovio 6.3's stylesheet:
 *   g.ending, g.fing, g.reh, g.tempo {font-weight: bold}
 *   g.dir, g.dynam, g.mNum {font-style: italic}
 *   g.label {font-weight: normal}
 *   ellipse, path, polygon, polyline, rect {stroke: currentColor}
 * (cursor highlighting is left out). Colours are PDF operands: one number (DeviceGray) or
 * three (DeviceRGB).
 * Reference: SVG 1.1 (Second Edition), §6.4 "Specifying properties using the presentation
 *   attributes", Appendix N "Property index" (initial values, inheritance); CSS Color 3, §4.
 */
import type { SvgElement } from "./parse-svg.js";

export interface PaintStyle {
  /** PDF colour operands ("0", "1 0 0"), or null for none. */
  readonly fill: string | null;
  readonly stroke: string | null;
  /** Value of `currentColor`. */
  readonly color: string;
  readonly strokeWidth: number;
  /** PDF line cap and join styles: 0 butt/miter, 1 round, 2 square/bevel. */
  readonly lineCap: number;
  readonly lineJoin: number;
  readonly miterLimit: number;
  /** PDF dash array and phase ("[] 0" for solid). */
  readonly dash: string;
  readonly evenOdd: boolean;
  readonly visible: boolean;
  readonly fontFamily: string;
  readonly fontSize: number;
  readonly italic: boolean;
  readonly bold: boolean;
  readonly textAnchor: "start" | "middle" | "end";
}

export const INITIAL_STYLE: PaintStyle = {
  fill: "0",
  stroke: null,
  color: "0",
  strokeWidth: 1,
  lineCap: 0,
  lineJoin: 0,
  miterLimit: 4,
  dash: "[] 0",
  evenOdd: false,
  visible: true,
  fontFamily: "serif",
  fontSize: 16,
  italic: false,
  bold: false,
  textAnchor: "start",
};

/** Elements Verovio's stylesheet strokes with currentColor whatever their attributes say. */
export const VEROVIO_STROKED_SHAPES: ReadonlySet<string> = new Set(["ellipse", "path", "polygon", "polyline", "rect"]);

const BOLD_CLASSES = ["ending", "fing", "reh", "tempo"];
const ITALIC_CLASSES = ["dir", "dynam", "mNum"];

/** Attributes that are geometry, links or bookkeeping rather than style: never reported. */
const GEOMETRY_ATTRIBUTES = new Set(
  "id class version xmlns xmlns:xlink overflow viewBox preserveAspectRatio x y dx dy width height transform d points cx cy r rx ry x1 y1 x2 y2 href xlink:href type encoding standalone".split(
    " ",
  ),
);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Property = (style: Mutable<PaintStyle>, value: string) => boolean;

const LINE_CAPS: Readonly<Record<string, number>> = { butt: 0, round: 1, square: 2 };
const LINE_JOINS: Readonly<Record<string, number>> = { miter: 0, round: 1, bevel: 2 };

const PROPERTIES: Readonly<Record<string, Property>> = {
  fill: (style, value) => setPaint(style, "fill", value),
  stroke: (style, value) => setPaint(style, "stroke", value),
  color: (style, value) => {
    const color = parseColor(value, style.color);
    if (color === undefined || color === null) return false;
    style.color = color;
    return true;
  },
  "stroke-width": (style, value) => {
    const width = Number(value.replace(/px$/, ""));
    if (!(width >= 0)) return false;
    style.strokeWidth = width;
    return true;
  },
  "stroke-linecap": (style, value) => {
    const cap = LINE_CAPS[value];
    if (cap === undefined) return false;
    style.lineCap = cap;
    return true;
  },
  "stroke-linejoin": (style, value) => {
    const join = LINE_JOINS[value];
    if (join === undefined) return false;
    style.lineJoin = join;
    return true;
  },
  "stroke-miterlimit": (style, value) => {
    const limit = Number(value);
    if (!(limit >= 1)) return false;
    style.miterLimit = limit;
    return true;
  },
  "stroke-dasharray": (style, value) => {
    const lengths = value === "none" ? [] : value.split(/[\s,]+/).map(Number);
    if (!lengths.every((length) => length >= 0)) return false;
    style.dash = lengths.length === 0 ? "[] 0" : `[${lengths.join(" ")}] 0`;
    return true;
  },
  "fill-rule": (style, value) => {
    if (value !== "evenodd" && value !== "nonzero") return false;
    style.evenOdd = value === "evenodd";
    return true;
  },
  visibility: (style, value) => {
    if (value !== "visible" && value !== "hidden" && value !== "collapse") return false;
    style.visible = value === "visible";
    return true;
  },
  "font-family": (style, value) => {
    style.fontFamily = value;
    return value !== "";
  },
  "font-size": (style, value) => {
    const size = Number(value.replace(/px$/, ""));
    if (!(size >= 0)) return false;
    style.fontSize = size;
    return true;
  },
  "font-style": (style, value) => {
    if (value !== "normal" && value !== "italic" && value !== "oblique") return false;
    style.italic = value !== "normal";
    return true;
  },
  "font-weight": (style, value) => {
    const weight = value === "bold" ? 700 : value === "normal" ? 400 : Number(value);
    if (!Number.isFinite(weight)) return false;
    style.bold = weight >= 600;
    return true;
  },
  "text-anchor": (style, value) => {
    if (value !== "start" && value !== "middle" && value !== "end") return false;
    style.textAnchor = value;
    return true;
  },
  // Not inherited: the painter skips the element's subtree. Accepted here so that it is not reported.
  display: () => true,
};

/**
 * The style of `element` under its parent's. Returns the parent's object itself when the
 * element changes nothing (most of Verovio's groups), so styles can be compared by identity.
 * Attributes it cannot apply are added to `unsupported` as "element@attribute=value".
 */
export function styleOf(element: SvgElement, parent: PaintStyle, unsupported: Set<string>): PaintStyle {
  let style: Mutable<PaintStyle> | null = null;
  const own = (): Mutable<PaintStyle> => {
    style ??= { ...parent };
    return style;
  };
  const apply = (name: string, value: string) => {
    const property = PROPERTIES[name];
    if (property === undefined || !property(own(), value.trim())) unsupported.add(`${element.name}@${name}=${value}`);
  };
  for (const name in element.attributes) {
    if (GEOMETRY_ATTRIBUTES.has(name)) continue;
    const value = element.attributes[name]!;
    if (name === "style") {
      for (const declaration of value.split(";")) {
        const colon = declaration.indexOf(":");
        if (colon > 0) apply(declaration.slice(0, colon).trim(), declaration.slice(colon + 1));
      }
    } else apply(name, value);
  }
  // The stylesheet's rules select groups by class, and win over the group's own attributes.
  const classes = element.name === "g" ? element.attributes.class?.split(/\s+/) : undefined;
  if (classes !== undefined) {
    if (classes.some((token) => BOLD_CLASSES.includes(token))) own().bold = true;
    if (classes.some((token) => ITALIC_CLASSES.includes(token))) own().italic = true;
    if (classes.includes("label")) own().bold = false;
  }
  return style ?? parent;
}

function setPaint(style: Mutable<PaintStyle>, which: "fill" | "stroke", value: string): boolean {
  const color = parseColor(value, style.color);
  if (color === undefined) return false;
  style[which] = color;
  return true;
}

const NAMED_COLORS: Readonly<Record<string, string>> = {
  black: "0",
  white: "1",
  gray: "0.502",
  grey: "0.502",
  red: "1 0 0",
  green: "0 0.502 0",
  blue: "0 0 1",
  dodgerblue: "0.118 0.565 1",
  limegreen: "0.196 0.804 0.196",
};

/** PDF colour operands for an SVG paint; null for "none", undefined when not understood. */
export function parseColor(value: string, currentColor: string): string | null | undefined {
  const paint = value.trim().toLowerCase();
  if (paint === "none") return null;
  if (paint === "currentcolor") return currentColor;
  if (paint in NAMED_COLORS) return NAMED_COLORS[paint];
  let channels: number[] | undefined;
  const hex = /^#([\da-f]{3}|[\da-f]{6})$/.exec(paint)?.[1];
  if (hex !== undefined) {
    const digits = hex.length === 3 ? [...hex].map((digit) => digit + digit) : hex.match(/../g)!;
    channels = digits.map((pair) => Number.parseInt(pair, 16));
  }
  const rgb = /^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(paint);
  if (rgb !== null) channels = rgb.slice(1).map(Number);
  if (channels === undefined) return undefined;
  const [red, green, blue] = channels.map((channel) => Math.round((Math.min(channel, 255) / 255) * 1000) / 1000);
  return red === green && green === blue ? String(red) : `${red} ${green} ${blue}`;
}

/** The PDF standard font for a style's family, weight and slant (Times unless sans-serif or monospace). */
export function standardFontOf(style: PaintStyle): string {
  const family = style.fontFamily.toLowerCase();
  if (/sans-serif|helvetica|arial/.test(family)) {
    return `Helvetica${style.bold || style.italic ? "-" : ""}${style.bold ? "Bold" : ""}${style.italic ? "Oblique" : ""}`;
  }
  if (/monospace|courier/.test(family)) {
    return `Courier${style.bold || style.italic ? "-" : ""}${style.bold ? "Bold" : ""}${style.italic ? "Oblique" : ""}`;
  }
  if (style.bold) return style.italic ? "Times-BoldItalic" : "Times-Bold";
  return style.italic ? "Times-Italic" : "Times-Roman";
}
