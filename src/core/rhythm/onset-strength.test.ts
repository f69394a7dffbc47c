import { describe, expect, it } from "vitest";
import type { Spectrogram } from "../dsp/spectrogram.js";
import { createSeededRandom } from "../test-helpers/seeded-random.js";
import { onsetStrength, regionOnsetStrengths } from "./onset-strength.js";

describe("regionOnsetStrengths", () => {
  it("equals onsetStrength per region, in one pass", () => {
    const random = createSeededRandom(5);
    const frames = 50;
    const bins = 30;
    const spectrogram: Spectrogram = {
      frames,
      bins,
      hopSize: 256,
      frameSize: 1024,
      sampleRate: 22_050,
      data: new Float32Array(frames * bins).map(() => random()),
    };
    const edges = [0, 4, 17, 30];
    const regions = regionOnsetStrengths(spectrogram, edges);
    expect(regions.length).toBe(3);
    for (let r = 0; r < 3; r++) {
      const expected = onsetStrength(spectrogram, { fromBand: edges[r]!, toBand: edges[r + 1]! });
      for (let t = 0; t < frames; t++) expect(regions[r]![t]!).toBeCloseTo(expected[t]!, 5);
    }
  });

  it("gives empty envelopes for no frames and rejects an even max filter", () => {
    const empty: Spectrogram = {
      frames: 0,
      bins: 4,
      hopSize: 1,
      frameSize: 8,
      sampleRate: 8,
      data: new Float32Array(0),
    };
    expect(regionOnsetStrengths(empty, [0, 2, 4]).map((region) => region.length)).toEqual([0, 0]);
    expect(() => regionOnsetStrengths(empty, [0, 4], { maxFilterBins: 2 })).toThrow(RangeError);
  });
});
