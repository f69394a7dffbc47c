/**
 * Colormaps as 256-entry RGB lookup tables (Uint8Array, 768 bytes: r, g, b per level):
 * matplotlib's viridis, magma, inferno, plasma and cividis (from the stops in
 * `colormap-tables.ts`, linearly interpolated), grayscale (black → white) and custom
 * lists of CSS hex colours (#rgb or #rrggbb, evenly spaced stops, linear interpolation in
 * sRGB as matplotlib's LinearSegmentedColormap.from_list does).
 * Reference: van der Walt & Smith (2015), "mpl colormaps" (CC0); matplotlib _cm_listed.py.
 */
import {
  CIVIDIS_STOPS,
  COLORMAP_STOP_INDICES,
  INFERNO_STOPS,
  MAGMA_STOPS,
  PLASMA_STOPS,
  VIRIDIS_STOPS,
} from "./colormap-tables.js";

export const COLORMAP_NAMES = ["viridis", "magma", "inferno", "plasma", "cividis", "grayscale"] as const;
export type ColormapName = (typeof COLORMAP_NAMES)[number];

type Rgb = readonly [number, number, number];

const MATPLOTLIB: Readonly<Record<Exclude<ColormapName, "grayscale">, readonly Rgb[]>> = {
  viridis: VIRIDIS_STOPS,
  magma: MAGMA_STOPS,
  inferno: INFERNO_STOPS,
  plasma: PLASMA_STOPS,
  cividis: CIVIDIS_STOPS,
};

/** A named map, or a list of ≥ 2 hex colours from the lowest level to the highest. */
export function createColormap(spec: ColormapName | readonly string[]): Uint8Array {
  if (typeof spec !== "string") return fromStops(spec.map(parseHexColor), evenPositions(spec.length));
  if (spec === "grayscale")
    return fromStops(
      [
        [0, 0, 0],
        [1, 1, 1],
      ],
      [0, 1],
    );
  const stops = MATPLOTLIB[spec];
  if (stops === undefined) {
    throw new RangeError(`createColormap: unknown colormap "${spec}" (${COLORMAP_NAMES.join(", ")})`);
  }
  return fromStops(
    stops,
    COLORMAP_STOP_INDICES.map((index) => index / 255),
  );
}

/** "#rgb" or "#rrggbb" (the # optional) → RGB in 0…1. */
export function parseHexColor(text: string): Rgb {
  const hex = text.trim().replace(/^#/, "");
  const full = /^[0-9a-f]{3}$/i.test(hex) ? [...hex].map((c) => c + c).join("") : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) throw new RangeError(`parseHexColor: "${text}" is not a #rgb or #rrggbb colour`);
  const value = Number.parseInt(full, 16);
  return [((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255];
}

function evenPositions(count: number): number[] {
  if (count < 2) throw new RangeError(`createColormap: a custom colormap needs ≥ 2 colours, got ${count}`);
  return Array.from({ length: count }, (_, i) => i / (count - 1));
}

/** Level l (0…255) at position l/255, linear between the surrounding stops. */
function fromStops(stops: readonly Rgb[], positions: readonly number[]): Uint8Array {
  const table = new Uint8Array(768);
  let s = 0;
  for (let level = 0; level < 256; level++) {
    const x = level / 255;
    while (s < stops.length - 2 && x > positions[s + 1]!) s++;
    const span = positions[s + 1]! - positions[s]!;
    const f = Math.min(1, Math.max(0, (x - positions[s]!) / span));
    for (let c = 0; c < 3; c++) {
      const value = stops[s]![c]! * (1 - f) + stops[s + 1]![c]! * f;
      table[3 * level + c] = Math.round(255 * value);
    }
  }
  return table;
}
