import { describe, expect, it } from "vitest";
import { gaussianNoise } from "../../test-helpers/signals.js";
import { applySpectralMask, type SpectralMaskRule } from "./spectral-mask-separator.js";

/** A rule that hands out a constant mask after `delayFrames` frames of latency. */
function constantRule(value: number, delayFrames = 3): SpectralMaskRule {
  return {
    delayFrames,
    start(bins, frames, onMask) {
      const mask = new Float32Array(bins).fill(value);
      let received = 0;
      let emitted = 0;
      return {
        push() {
          received++;
          while (emitted < received - delayFrames || (received === frames && emitted < frames)) onMask(emitted++, mask);
        },
      };
    },
  };
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

const framing = { frameSize: 256, hopSize: 64 };

describe("applySpectralMask", () => {
  for (const length of [10_007, 300, 100, 1]) {
    it(`reconstructs the input under a mask of ones (length ${length}, stereo)`, () => {
      const channels = [gaussianNoise(length, 1, 0.3), gaussianNoise(length, 2, 0.3)];
      const out = applySpectralMask(channels, framing, constantRule(1));
      for (let c = 0; c < 2; c++) {
        expect(out[c]!.length).toBe(length);
        expect(maxDifference(out[c]!, channels[c]!)).toBeLessThan(1e-5);
      }
    });
  }

  it("scales linearly with a constant mask and gives silence for a mask of zeros", () => {
    const channels = [gaussianNoise(2000, 4, 0.5)];
    const half = applySpectralMask(channels, framing, constantRule(0.5))[0]!;
    const none = applySpectralMask(channels, framing, constantRule(0))[0]!;
    expect(
      maxDifference(
        half,
        channels[0]!.map((value) => 0.5 * value),
      ),
    ).toBeLessThan(1e-5);
    expect(none.every((value) => value === 0)).toBe(true);
  });

  it("returns empty channels for empty input", () => {
    expect(applySpectralMask([new Float32Array(0)], framing, constantRule(1))).toEqual([new Float32Array(0)]);
  });
});
