import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../core/test-helpers/seeded-random.js";
import { deinterleavePcm } from "../io/pcm-deinterleave.js";
import { wasmFloatDeinterleaver } from "./wasm-deinterleave.js";

describe("wasmFloatDeinterleaver", () => {
  const factory = wasmFloatDeinterleaver();

  it("loads on this Node (WebAssembly SIMD)", () => {
    expect(factory).not.toBeNull();
  });

  for (const channelCount of [1, 2, 3, 6]) {
    it(`splits ${channelCount}-channel float PCM as deinterleavePcm does, every sample's bits kept`, () => {
      const capacity = 1031;
      const deinterleaver = factory!(channelCount, capacity);
      const random = createSeededRandom(channelCount);
      for (const frames of [capacity, 1, 0, 5, 1024, 1027]) {
        const words = new Uint32Array(
          deinterleaver.staging.buffer,
          deinterleaver.staging.byteOffset,
          frames * channelCount,
        );
        for (let i = 0; i < words.length; i++) {
          // Ordinary samples, with some arbitrary bit patterns (NaN payloads, ∞, subnormals).
          words[i] =
            random() < 0.9
              ? new Uint32Array(new Float32Array([2 * random() - 1]).buffer)[0]!
              : (random() * 2 ** 32) >>> 0;
        }
        const expected = Array.from({ length: channelCount }, () => new Float32Array(frames));
        deinterleavePcm(deinterleaver.staging, "pcm_f32le", channelCount, frames, expected, 0);
        deinterleaver.run(frames);
        for (let c = 0; c < channelCount; c++) {
          const actualBits = new Uint32Array(
            deinterleaver.planar[c]!.buffer,
            deinterleaver.planar[c]!.byteOffset,
            frames,
          );
          const sourceBits = Array.from({ length: frames }, (_, f) => words[f * channelCount + c]!);
          expect(Array.from(actualBits), `channel ${c}, ${frames} frames`).toEqual(sourceBits);
          const actual = deinterleaver.planar[c]!.subarray(0, frames);
          for (let f = 0; f < frames; f++) {
            const same =
              Object.is(actual[f], expected[c]![f]) || (Number.isNaN(actual[f]) && Number.isNaN(expected[c]![f]));
            if (!same) expect.fail(`channel ${c}, frame ${f}: ${actual[f]} vs ${expected[c]![f]}`);
          }
        }
      }
    });
  }

  it("refuses more frames than its capacity", () => {
    expect(() => factory!(2, 16).run(17)).toThrow(RangeError);
    expect(() => factory!(0, 16)).toThrow(RangeError);
  });
});
