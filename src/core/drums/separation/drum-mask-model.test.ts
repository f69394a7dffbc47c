import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../../test-helpers/seeded-random.js";
import { createBinPooling } from "./bin-pooling.js";
import {
  bandLogFrequencies,
  createDrumMaskFeatureStream,
  DRUM_MASK_FEATURE_NAMES,
  DRUM_MASK_FRAME_FEATURES,
} from "./drum-mask-features.js";
import { createDrumMaskEvaluator, type DrumMaskModel } from "./drum-mask-model.js";
import { DRUM_MASK_MODEL } from "./drum-mask-weights.js";

/** A random model over every named feature. */
function randomModel(seed: number, hidden = 4): DrumMaskModel {
  const random = createSeededRandom(seed);
  const n = DRUM_MASK_FEATURE_NAMES.length;
  const values = (count: number) => Array.from({ length: count }, () => random() * 2 - 1);
  return {
    ...DRUM_MASK_MODEL,
    inputs: [...DRUM_MASK_FEATURE_NAMES],
    inputMean: values(n),
    inputScale: values(n).map((value) => 0.5 + Math.abs(value)),
    hidden,
    inputWeights: values(n * hidden),
    hiddenBias: values(hidden),
    outputWeights: values(hidden),
    outputBias: 0.1,
  };
}

/** The perceptron written out plainly on the named features. */
function directMask(model: DrumMaskModel, named: readonly number[]): number {
  let z = model.outputBias;
  for (let h = 0; h < model.hidden; h++) {
    let a = model.hiddenBias[h]!;
    model.inputs.forEach((name, i) => {
      const x = named[DRUM_MASK_FEATURE_NAMES.indexOf(name)]!;
      a += (model.inputWeights[i * model.hidden + h]! * (x - model.inputMean[i]!)) / model.inputScale[i]!;
    });
    z += Math.max(0, a) * model.outputWeights[h]!;
  }
  return 1 / (1 + Math.exp(-z));
}

describe("createDrumMaskEvaluator", () => {
  it("equals the plain perceptron on the named features (folding is exact)", () => {
    const model = randomModel(3);
    const logFrequency = Float32Array.from([-2, 0, 1.5]);
    const evaluator = createDrumMaskEvaluator(model, logFrequency);
    const random = createSeededRandom(9);
    const features = Float32Array.from({ length: 3 * DRUM_MASK_FRAME_FEATURES }, () => random() * 4 - 2);
    const mask = new Float32Array(3);
    evaluator.evaluate(features, mask);
    for (let g = 0; g < 3; g++) {
      const [percussiveness, peakiness, longOnset, previousOnset, nextOnset] = features.subarray(5 * g, 5 * g + 5);
      const named = [
        percussiveness!,
        peakiness!,
        percussiveness! + peakiness!,
        longOnset!,
        previousOnset!,
        nextOnset!,
        logFrequency[g]!,
      ];
      expect(mask[g]).toBeCloseTo(directMask(model, named), 5);
    }
  });

  it("refuses a model whose arrays do not fit its shape", () => {
    const model = { ...randomModel(4), hiddenBias: [0] };
    expect(() => createDrumMaskEvaluator(model, new Float32Array(2))).toThrow(/hiddenBias/);
  });
});

describe("createDrumMaskFeatureStream", () => {
  it("hands out every frame once, in order, with the neighbours' onsets", () => {
    const pooling = createBinPooling(256, 8000, { edgesHz: [1000], groupSizes: [4] });
    const frames = 12;
    const random = createSeededRandom(5);
    const seen: { frame: number; row: Float32Array }[] = [];
    const stream = createDrumMaskFeatureStream(
      pooling,
      frames,
      { harmonicKernelFrames: 3, longHarmonicKernelFrames: 5, percussiveKernelBands: 3 },
      1e-3,
      (frame, row) => seen.push({ frame, row: row.slice() }),
    );
    for (let t = 0; t < frames; t++) stream.push(Float32Array.from({ length: pooling.bins }, () => random()));
    expect(seen.map((entry) => entry.frame)).toEqual(Array.from({ length: frames }, (_, t) => t));
    const onset = (t: number, g: number) => seen[t]!.row[5 * g]! + seen[t]!.row[5 * g + 1]!;
    for (let t = 0; t < frames; t++) {
      for (let g = 0; g < pooling.groups; g++) {
        expect(seen[t]!.row[5 * g + 3]).toBeCloseTo(onset(Math.max(0, t - 1), g), 6);
        expect(seen[t]!.row[5 * g + 4]).toBeCloseTo(onset(Math.min(frames - 1, t + 1), g), 6);
      }
    }
    expect(bandLogFrequencies(pooling)[0]).toBeCloseTo(Math.log(8000 / 256 / 1000), 6);
  });
});
