import { describe, expect, it } from "vitest";
import { COLORMAP_NAMES, createColormap, parseHexColor } from "./colormaps.js";

const rgb = (table: Uint8Array, level: number): number[] => [...table.subarray(3 * level, 3 * level + 3)];

/** Relative luminance (Rec. 709 weights on linearised sRGB). */
function luminance(table: Uint8Array, level: number): number {
  const lin = rgb(table, level).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
}

describe("createColormap", () => {
  it("matches viridis' published endpoints and midpoint", () => {
    const viridis = createColormap("viridis");
    // matplotlib: #440154 at 0, #21918c at 128, #fde725 at 255.
    expect(rgb(viridis, 0)).toEqual([0x44, 0x01, 0x54]);
    expect(rgb(viridis, 128)).toEqual([0x21, 0x91, 0x8c]);
    expect(rgb(viridis, 255)).toEqual([0xfd, 0xe7, 0x25]);
  });

  it.each(["viridis", "magma", "inferno", "plasma", "cividis", "grayscale"] as const)(
    "%s rises in luminance from the first level to the last",
    (name) => {
      const table = createColormap(name);
      for (let level = 1; level < 256; level++) {
        expect(luminance(table, level)).toBeGreaterThanOrEqual(luminance(table, level - 1) - 1e-3);
      }
      expect(luminance(table, 255) - luminance(table, 0)).toBeGreaterThan(0.5);
    },
  );

  it("knows every listed name and the magma endpoints", () => {
    for (const name of COLORMAP_NAMES) expect(createColormap(name).length).toBe(768);
    const magma = createColormap("magma");
    expect(rgb(magma, 0)).toEqual([0, 0, 4]); // #000004
    expect(rgb(magma, 255)).toEqual([252, 253, 191]); // #fcfdbf
  });

  it("interpolates a custom list of colours linearly", () => {
    const table = createColormap(["#000", "#ff0000", "#ffffff"]);
    expect(rgb(table, 0)).toEqual([0, 0, 0]);
    expect(rgb(table, 255)).toEqual([255, 255, 255]);
    // Level 64 is at 0.251: half-way to red in the first half.
    expect(rgb(table, 64)).toEqual([128, 0, 0]);
    expect(rgb(table, 191)[0]).toBe(255);
    expect(rgb(table, 191)[1]).toBe(127); // 255·(0.749 − 0.5)/0.5
  });

  it("rejects bad colours and names", () => {
    expect(() => createColormap(["#12345"])).toThrow(RangeError);
    expect(() => parseHexColor("red")).toThrow(RangeError);
    expect(() => createColormap("jet" as "viridis")).toThrow(RangeError);
  });
});
