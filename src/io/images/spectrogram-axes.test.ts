import { describe, expect, it } from "vitest";
import type { SpectrogramMatrix } from "../../core/spectrogram/spectrogram-matrix.js";
import { axesOverlaySvg, formatClock, frequencyTicks, timeTicks } from "./spectrogram-axes.js";

const cqt: SpectrogramMatrix = {
  kind: "cqt",
  frames: 18_000,
  bins: 361,
  data: new Float32Array(0),
  times: Float64Array.from({ length: 18_000 }, (_, t) => t * 0.01),
  frequencies: Float64Array.from({ length: 361 }, (_, k) => 75 * 2 ** (k / 72)),
  hopSeconds: 0.01,
  floorDb: -80,
  ceilingDb: 0,
};

describe("spectrogram axes", () => {
  it("labels 100, 200, 500 Hz, 1 and 2 kHz at their bin heights", () => {
    const ticks = frequencyTicks(cqt, 361);
    expect(ticks.map((t) => t.label)).toEqual(["100 Hz", "200 Hz", "500 Hz", "1 kHz", "2 kHz"]);
    // 1 kHz is bin 72·log2(1000/75) = 269.07 → 361 − 269.57 pixels from the top.
    expect(ticks[3]!.position).toBeCloseTo(361 - (72 * Math.log2(1000 / 75) + 0.5), 2);
  });

  it("ticks time every 15 s over three minutes, as m:ss", () => {
    const ticks = timeTicks(cqt, 1800);
    expect(ticks[1]).toEqual({ position: 150, label: "0:15" });
    expect(ticks.at(-1)!.label).toBe("3:00");
    expect(formatClock(3725)).toBe("1:02:05");
  });

  it("makes an SVG the size of plot plus margins", () => {
    const svg = axesOverlaySvg(cqt, 1800, 361);
    expect(svg).toContain('width="1864" height="385"');
    expect(svg).toContain(">2 kHz</text>");
  });
});
