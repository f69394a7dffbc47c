/**
 * The "learned-mask" rule of separateDrums: band features (drum-mask-features.ts) → the trained
 * perceptron (drum-mask-model.ts) → one mask value per band, spread over the band's bins.
 * Reference: Fitzgerald (2010), DAFx-10 (the median-filtered features).
 */
import { createBinPooling, expandPooledMask } from "./bin-pooling.js";
import {
  bandLogFrequencies,
  createDrumMaskFeatureStream,
  drumMaskFeatureDelay,
  magnitudeFloor,
} from "./drum-mask-features.js";
import { createDrumMaskEvaluator, type DrumMaskModel } from "./drum-mask-model.js";
import type { SpectralMaskRule } from "./spectral-mask-separator.js";

export function createLearnedDrumMaskRule(
  model: DrumMaskModel,
  frameSize: number,
  sampleRate: number,
): SpectralMaskRule {
  const pooling = createBinPooling(frameSize, sampleRate, model.pooling);
  const evaluator = createDrumMaskEvaluator(model, bandLogFrequencies(pooling));
  const floor = magnitudeFloor(frameSize);
  return {
    delayFrames: drumMaskFeatureDelay(model.kernels),
    start(bins, frames, onMask) {
      if (bins !== pooling.bins) throw new RangeError(`learned drum mask: expected ${pooling.bins} bins, got ${bins}`);
      const bandMask = new Float32Array(pooling.groups);
      const mask = new Float32Array(bins);
      return createDrumMaskFeatureStream(pooling, frames, model.kernels, floor, (frameIndex, features) => {
        evaluator.evaluate(features, bandMask);
        expandPooledMask(pooling, bandMask, mask);
        onMask(frameIndex, mask);
      });
    },
  };
}
