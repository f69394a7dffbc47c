import { describe, expect, it } from "vitest";
import { createColormap } from "../../core/spectrogram/colormaps.js";
import type { SpectrogramMatrix } from "../../core/spectrogram/spectrogram-matrix.js";
import { renderSpectrogram, resample1d } from "./render-spectrogram.js";

/** frames × bins at the floor except one bright bin in every frame. */
function toneMatrix(frames: number, bins: number, brightBin: number): SpectrogramMatrix {
  const data = new Float32Array(frames * bins).fill(-80);
  for (let t = 0; t < frames; t++) data[t * bins + brightBin] = 0;
  return {
    kind: "cqt",
    frames,
    bins,
    data,
    times: Float64Array.from({ length: frames }, (_, t) => t * 0.01),
    frequencies: Float64Array.from({ length: bins }, (_, b) => 100 * 2 ** (b / 12)),
    hopSeconds: 0.01,
    floorDb: -80,
    ceilingDb: 0,
  };
}

const pixel = (image: { width: number; data: Uint8Array }, x: number, y: number): number[] => [
  ...image.data.subarray(4 * (y * image.width + x), 4 * (y * image.width + x) + 4),
];

describe("renderSpectrogram", () => {
  it("draws a bright bin at its height, low frequencies at the bottom", () => {
    const matrix = toneMatrix(1000, 48, 12); // bin 12 of 48: a quarter of the way up
    const image = renderSpectrogram(matrix, {
      width: 200,
      height: 96,
      colormap: "grayscale",
      interpolation: "nearest",
    });
    expect(image.data.length).toBe(200 * 96 * 4);
    // Bin b covers rows from the bottom [2b, 2b + 2): bin 12 → rows 96−26…96−25 = 70, 71.
    expect(pixel(image, 100, 71)).toEqual([255, 255, 255, 255]);
    expect(pixel(image, 100, 70)).toEqual([255, 255, 255, 255]);
    expect(pixel(image, 100, 68)[0]).toBeLessThan(128);
    expect(pixel(image, 100, 95)).toEqual([0, 0, 0, 255]);
    expect(pixel(image, 100, 0)).toEqual([0, 0, 0, 255]);
    // Bilinear: the two rows straddle bin 12's centre, each 3/4 of the way there.
    const smooth = renderSpectrogram(matrix, { width: 200, height: 96, colormap: "grayscale" });
    const column = Array.from({ length: 96 }, (_, y) => pixel(smooth, 100, y)[0]!);
    expect(column[70]).toBe(191);
    expect(column[71]).toBe(191);
    expect(Math.max(...column)).toBe(191);
  });

  it("keeps a one-frame click visible when shrinking time by max pooling", () => {
    const matrix = toneMatrix(1000, 8, 0);
    matrix.data.fill(-80);
    for (let b = 0; b < 8; b++) matrix.data[501 * 8 + b] = 0;
    const image = renderSpectrogram(matrix, { width: 100, height: 8, colormap: "viridis" });
    const top = createColormap("viridis");
    expect(pixel(image, 50, 4).slice(0, 3)).toEqual([...top.subarray(765, 768)]);
    expect(pixel(image, 49, 4).slice(0, 3)).toEqual([...top.subarray(0, 3)]);
    const mean = renderSpectrogram(matrix, { width: 100, height: 8, colormap: "grayscale", pooling: "mean" });
    expect(pixel(mean, 50, 4)[0]).toBe(Math.round(255 / 10));
  });

  it("rejects sizes that are not positive integers", () => {
    expect(() => renderSpectrogram(toneMatrix(4, 4, 0), { width: 0 })).toThrow(RangeError);
    expect(() => renderSpectrogram(toneMatrix(4, 4, 0), { height: 2.5 })).toThrow(RangeError);
  });
});

describe("resample1d", () => {
  it("interpolates between cell centres when enlarging", () => {
    const out = new Float32Array(4);
    resample1d(Float32Array.from([0, 8]), out, "max", "bilinear");
    expect([...out]).toEqual([0, 2, 6, 8]);
    resample1d(Float32Array.from([0, 8]), out, "max", "nearest");
    expect([...out]).toEqual([0, 0, 8, 8]);
  });
});

describe("renderSpectrogram against resample1d", () => {
  /** The renderer's definition: resample1d over time per bin, then over frequency per column. */
  function reference(
    matrix: SpectrogramMatrix,
    width: number,
    height: number,
    options: { readonly pooling: "max" | "mean"; readonly interpolation: "nearest" | "bilinear" },
  ) {
    const { frames, bins, data, floorDb, ceilingDb } = matrix;
    const levels = new Uint8Array(width * height);
    const columns = Array.from({ length: bins }, (_, b) => {
      const out = new Float32Array(width);
      resample1d(
        Float32Array.from({ length: frames }, (_, t) => data[t * bins + b]!),
        out,
        options.pooling,
        options.interpolation,
      );
      return out;
    });
    const scale = 255 / (ceilingDb - floorDb);
    for (let x = 0; x < width; x++) {
      const rows = new Float32Array(height);
      resample1d(
        Float32Array.from({ length: bins }, (_, b) => columns[b]![x]!),
        rows,
        options.pooling,
        options.interpolation,
      );
      for (let r = 0; r < height; r++) {
        levels[(height - 1 - r) * width + x] = Math.min(255, Math.max(0, Math.round((rows[r]! - floorDb) * scale)));
      }
    }
    return levels;
  }
  it("draws exactly what the per-column definition gives, for every pooling and size (grey level = level)", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) >>> 0;
      return seed / 2 ** 32;
    };
    for (const [frames, bins] of [
      [120, 40],
      [7, 1],
      [1, 9],
      [50, 130],
    ] as const) {
      const matrix = {
        ...toneMatrix(frames, bins, 0),
        data: Float32Array.from({ length: frames * bins }, () => -80 * random()),
      };
      for (const [width, height] of [
        [150, 60],
        [40, 7],
        [1, 1],
        [frames, bins],
      ] as const) {
        for (const pooling of ["max", "mean"] as const) {
          for (const interpolation of ["nearest", "bilinear"] as const) {
            const options = { width, height, pooling, interpolation, colormap: "grayscale" } as const;
            const image = renderSpectrogram(matrix, options);
            const grey = Uint8Array.from({ length: width * height }, (_, i) => image.data[4 * i]!);
            expect(grey, `${frames}×${bins} → ${width}×${height} ${pooling} ${interpolation}`).toEqual(
              reference(matrix, width, height, options),
            );
          }
        }
      }
    }
  });
});
