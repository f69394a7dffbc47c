import { describe, expect, it } from "vitest";
import { quantizeSpectrogram, spectrogramAxes } from "./quantize-spectrogram.js";
import type { SpectrogramMatrix } from "./spectrogram-matrix.js";

const matrix: SpectrogramMatrix = {
  kind: "cqt",
  frames: 2,
  bins: 3,
  data: Float32Array.from([-80, -40, 0, -79.9, -0.1, -20]),
  times: Float64Array.from([0, 0.5]),
  frequencies: Float64Array.from([100, 200.00049, 400]),
  hopSeconds: 0.5,
  floorDb: -80,
  ceilingDb: 0,
};

describe("quantizeSpectrogram", () => {
  it("maps the floor to 0, the ceiling to 255 and keeps the frame-major layout", () => {
    expect([...quantizeSpectrogram(matrix)]).toEqual([0, 128, 255, 0, 255, 191]);
  });

  it("describes shape and axes for the JSON sidecar", () => {
    const axes = spectrogramAxes(matrix);
    expect(axes.shape).toEqual([2, 3]);
    expect(axes.frequencies).toEqual([100, 200, 400]);
    expect(axes.hopSeconds).toBe(0.5);
    expect(JSON.parse(JSON.stringify(axes)).floorDb).toBe(-80);
  });
});
