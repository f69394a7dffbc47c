import { describe, expect, it } from "vitest";
import { sine } from "../test-helpers/signals.js";
import { createBlockLevels, DYNAMIC_RANGE_DEFAULTS, dynamicRangeFromBlocks } from "./dynamic-range.js";

const OPTIONS = DYNAMIC_RANGE_DEFAULTS;

function levelsOf(channels: Float32Array[], blockLength: number, chunk = channels[0]!.length) {
  const levels = createBlockLevels(channels.length, blockLength);
  const mix = new Float32Array(chunk);
  for (let from = 0; from < channels[0]!.length; from += chunk) {
    const to = Math.min(channels[0]!.length, from + chunk);
    levels.push(
      channels.map((samples) => samples.subarray(from, to)),
      to - from,
      mix,
    );
  }
  return levels.result();
}

describe("dynamicRangeFromBlocks", () => {
  it("follows the DR meter: 2nd-highest block peak over the RMS of the loudest 20 % of blocks", () => {
    // Ten blocks of 400 samples of a square wave of amplitude a_b (RMS_b = √2·a_b, peak a_b).
    const amplitudes = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
    const samples = new Float32Array(4000);
    amplitudes.forEach((amplitude, b) => {
      for (let i = 0; i < 400; i++) samples[400 * b + i] = i % 2 === 0 ? amplitude : -amplitude;
    });
    const result = dynamicRangeFromBlocks(levelsOf([samples], 400), OPTIONS);
    // Loudest 2 blocks: RMS² = 2·1.0² and 2·0.9²; second peak 0.9.
    const topRms = Math.sqrt((2 * 1.0 ** 2 + 2 * 0.9 ** 2) / 2);
    expect(result.drDb!).toBeCloseTo(20 * Math.log10(0.9 / topRms), 5); // Float32 amplitudes
    expect(result.channels[0]!.topRmsDbfs!).toBeCloseTo(20 * Math.log10(topRms), 5);
    expect(result.blockCount).toBe(10);
  });

  it("averages the channels and rounds like the meter", () => {
    const loud = sine(100, 1000, 3000, { amplitude: 0.5 });
    const spiky = sine(100, 1000, 3000, { amplitude: 0.1 });
    spiky[10] = 0.8;
    spiky[1500] = 0.9;
    const result = dynamicRangeFromBlocks(levelsOf([loud, spiky], 1000), OPTIONS);
    const mean = (result.channels[0]!.drDb! + result.channels[1]!.drDb!) / 2;
    expect(result.drDb!).toBeCloseTo(mean, 12);
    expect(result.drRounded).toBe(Math.round(mean));
    expect(result.channels[1]!.drDb!).toBeGreaterThan(result.channels[0]!.drDb! + 10);
  });

  it("counts a short last block over its own length and one block alone", () => {
    const samples = new Float32Array(1050).fill(0.25);
    const blocks = levelsOf([samples], 1000);
    expect(Array.from(blocks.lengths)).toEqual([1000, 50]);
    const single = dynamicRangeFromBlocks(levelsOf([samples.subarray(0, 500)], 1000), OPTIONS);
    // One block: the highest peak stands in for the second; DC of 0.25 → RMS_b = 0.25·√2.
    expect(single.drDb!).toBeCloseTo(-3.0103, 4);
  });

  it("gives null for silent channels and reports non-finite samples", () => {
    expect(dynamicRangeFromBlocks(levelsOf([new Float32Array(500)], 100), OPTIONS).drDb).toBeNull();
    const levels = createBlockLevels(1, 100);
    expect(levels.push([new Float32Array([0.5, Number.NaN, 0.5])], 3)).toBe(true);
    expect(levels.result().sumSquares[0]![0]).toBeCloseTo(0.5, 12);
  });

  it("gives the same block levels for any chunking, with the cross sums and the mix", () => {
    const left = sine(440, 8000, 5000, { amplitude: 0.3 });
    const right = sine(300, 8000, 5000, { amplitude: 0.6 });
    const whole = levelsOf([left, right], 700);
    expect(levelsOf([left, right], 700, 333)).toEqual(whole);
    const cross = left.slice(0, 700).reduce((sum, value, i) => sum + value * right[i]!, 0);
    expect(whole.cross![0]).toBeCloseTo(cross, 9);
    expect(whole.cross).toHaveLength(8);
    const levels = createBlockLevels(2, 700);
    const mix = new Float32Array(5000);
    levels.push([left, right], 5000, mix);
    expect(mix[123]).toBe(Math.fround(left[123]! + right[123]!) * 0.5);
    expect(() => levels.push([left, right], 5000)).toThrow(/mix must hold/);
  });
});
