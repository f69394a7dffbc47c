import { describe, expect, it } from "vitest";
import { createPlanarAccumulator } from "./planar-accumulator.js";

/** Interleaved float32 frames (as bytes) where channel c of frame f holds f + c / 10. */
function frames(start: number, count: number, channels: number): Uint8Array {
  const samples = new Float32Array(count * channels);
  for (let f = 0; f < count; f++) for (let c = 0; c < channels; c++) samples[f * channels + c] = start + f + c / 10;
  return new Uint8Array(samples.buffer);
}

describe("createPlanarAccumulator", () => {
  it("de-interleaves pieces into planar channels", () => {
    const accumulator = createPlanarAccumulator(2, false, 10);
    accumulator.append(frames(0, 3, 2), 3);
    accumulator.append(frames(3, 2, 2), 2);
    const [left, right] = accumulator.finish();
    expect(Array.from(left!)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(right!)).toEqual([0.1, 1.1, 2.1, 3.1, 4.1].map(Math.fround));
  });

  it("grows when the estimate was short and keeps everything", () => {
    const accumulator = createPlanarAccumulator(3, false, 0);
    for (let start = 0; start < 5000; start += 500) accumulator.append(frames(start, 500, 3), 500);
    const channels = accumulator.finish();
    expect(channels).toHaveLength(3);
    expect(channels[2]).toHaveLength(5000);
    expect(channels[2]![4999]).toBeCloseTo(4999.2, 3);
    expect(channels[0]![1234]).toBe(1234);
  });

  it("trims a large overestimate by copying, a small one by a view", () => {
    const over = createPlanarAccumulator(1, false, 1_000_000);
    over.append(frames(0, 10, 1), 10);
    const [trimmed] = over.finish();
    expect(trimmed!.buffer.byteLength).toBe(40);
    const close = createPlanarAccumulator(1, false, 100_010);
    close.append(frames(0, 100_000, 1), 100_000);
    const [viewed] = close.finish();
    expect(viewed).toHaveLength(100_000);
    expect(viewed!.buffer.byteLength).toBe(100_010 * 4);
  });

  it("mixes to mono (mean) when asked", () => {
    const accumulator = createPlanarAccumulator(2, true, 4);
    accumulator.append(frames(0, 2, 2), 2);
    const channels = accumulator.finish();
    expect(channels).toHaveLength(1);
    expect(channels[0]![1]).toBeCloseTo(1.05, 6);
  });
});

describe("createPlanarAccumulator: planar chunks", () => {
  it("appends planar chunks (already mixed) and grows as it does for interleaved ones", () => {
    const accumulator = createPlanarAccumulator(2, false, 0);
    for (let start = 0; start < 3000; start += 1000) {
      const left = Float32Array.from({ length: 1200 }, (_, i) => start + i);
      accumulator.appendPlanar([left, left.map((value) => -value)], 1000); // only 1000 of the 1200
    }
    const [left, right] = accumulator.finish();
    expect(left).toHaveLength(3000);
    expect(left![2999]).toBe(2999);
    expect(right![1500]).toBe(-1500);
    expect(() => createPlanarAccumulator(2, true, 10).appendPlanar([new Float32Array(1)], 1)).not.toThrow();
    expect(() => createPlanarAccumulator(2, false, 10).appendPlanar([new Float32Array(1)], 1)).toThrow(RangeError);
  });
});
