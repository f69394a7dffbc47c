/**
 * The learned drum mask: a one-hidden-layer perceptron applied to each band of each frame,
 * mask = σ(v·relu(W·x̂ + b) + c), x̂ the standardised features of drum-mask-features.ts. It is
 * trained on rendered songs (eval/separation/train-drum-mask.ts) to minimise Σ |X|²·(m − t)²
 * per band, t = Re(D·X*)/|X|² (D the drum stem's STFT, X the mix's, summed over channels): the
 * squared error of the masked mix against the drum stem, i.e. the SDR's denominator.
 * Evaluation folds the standardisation, the dependent feature (onset = percussiveness +
 * peakiness) and the per-band log-frequency into the first layer once, so each band costs
 * 5·hidden multiply-adds, `hidden` ReLUs and one exponential.
 * Reference: the mask estimation of Uhlich, Giron & Mitsufuji (2015), "Deep neural network based
 *   instrument extraction from music", ICASSP (a network maps mixture features to a
 *   time–frequency mask), here on median-filtered (HPSS) features per band.
 */
import type { BinPoolingLayout } from "./bin-pooling.js";
import {
  DRUM_MASK_FEATURE_NAMES,
  DRUM_MASK_FRAME_FEATURES,
  type DrumMaskFeatureKernels,
  type DrumMaskFeatureName,
} from "./drum-mask-features.js";

export interface DrumMaskModel {
  /** What it was trained on and how well it did, for humans. */
  readonly description: string;
  /** STFT size at 44.1 kHz (scaled with the rate by separationFrameSize); hop = 1/4 of it. */
  readonly frameSizeAt44100: number;
  readonly pooling: BinPoolingLayout;
  readonly kernels: DrumMaskFeatureKernels;
  /** The input layer's features, in order. */
  readonly inputs: readonly DrumMaskFeatureName[];
  /** x̂_i = (x_i − inputMean_i) / inputScale_i. */
  readonly inputMean: readonly number[];
  readonly inputScale: readonly number[];
  readonly hidden: number;
  /** inputs × hidden, row i holds the weights of input i. */
  readonly inputWeights: readonly number[];
  readonly hiddenBias: readonly number[];
  readonly outputWeights: readonly number[];
  readonly outputBias: number;
}

/** How each named feature combines the per-frame features (FRAME_FEATURE_ORDER); null: per band. */
const FRAME_FEATURE_COMBINATION: Readonly<Record<DrumMaskFeatureName, readonly number[] | null>> = {
  percussiveness: [1, 0, 0, 0, 0],
  peakiness: [0, 1, 0, 0, 0],
  onset: [1, 1, 0, 0, 0],
  longOnset: [0, 0, 1, 0, 0],
  previousOnset: [0, 0, 0, 1, 0],
  nextOnset: [0, 0, 0, 0, 1],
  logFrequency: null,
};

export function checkDrumMaskModel(model: DrumMaskModel): void {
  const n = model.inputs.length;
  const fail = (detail: string) => new RangeError(`DrumMaskModel: ${detail}`);
  if (!model.inputs.every((name) => (DRUM_MASK_FEATURE_NAMES as readonly string[]).includes(name))) {
    throw fail(`inputs must be among ${DRUM_MASK_FEATURE_NAMES.join(", ")}`);
  }
  if (model.inputMean.length !== n || model.inputScale.length !== n) throw fail("inputMean/inputScale length");
  if (model.inputWeights.length !== n * model.hidden) throw fail(`inputWeights must hold ${n * model.hidden} values`);
  if (model.hiddenBias.length !== model.hidden || model.outputWeights.length !== model.hidden) {
    throw fail(`hiddenBias and outputWeights must hold ${model.hidden} values`);
  }
}

export interface DrumMaskEvaluator {
  /** mask[g] for every band g from features[5g … 5g + 4] (as drum-mask-features.ts writes them). */
  evaluate(features: Float32Array, mask: Float32Array): void;
}

/** Folds the model for bands with these log-frequencies (ln(Hz/1000)). */
export function createDrumMaskEvaluator(model: DrumMaskModel, bandLogFrequency: Float32Array): DrumMaskEvaluator {
  checkDrumMaskModel(model);
  const { hidden, inputs } = model;
  const bands = bandLogFrequency.length;
  // frameWeights[j·hidden + h]: weight of per-frame feature j on hidden unit h.
  const frameWeights = new Float32Array(DRUM_MASK_FRAME_FEATURES * hidden);
  const bandBias = new Float32Array(bands * hidden);
  for (let h = 0; h < hidden; h++) {
    let constant = model.hiddenBias[h]!;
    let perLogFrequency = 0;
    for (let i = 0; i < inputs.length; i++) {
      const weight = model.inputWeights[i * hidden + h]! / model.inputScale[i]!;
      constant -= weight * model.inputMean[i]!;
      const combination = FRAME_FEATURE_COMBINATION[inputs[i]!];
      if (combination === null) perLogFrequency += weight;
      else for (let j = 0; j < DRUM_MASK_FRAME_FEATURES; j++) frameWeights[j * hidden + h]! += weight * combination[j]!;
    }
    for (let g = 0; g < bands; g++) bandBias[g * hidden + h] = constant + perLogFrequency * bandLogFrequency[g]!;
  }
  const outputWeights = Float32Array.from(model.outputWeights);
  const outputBias = model.outputBias;
  return {
    evaluate(features, mask) {
      for (let g = 0; g < bands; g++) {
        const at = DRUM_MASK_FRAME_FEATURES * g;
        const x0 = features[at]!;
        const x1 = features[at + 1]!;
        const x2 = features[at + 2]!;
        const x3 = features[at + 3]!;
        const x4 = features[at + 4]!;
        let z = outputBias;
        const biasOffset = g * hidden;
        for (let h = 0; h < hidden; h++) {
          const a =
            bandBias[biasOffset + h]! +
            x0 * frameWeights[h]! +
            x1 * frameWeights[hidden + h]! +
            x2 * frameWeights[2 * hidden + h]! +
            x3 * frameWeights[3 * hidden + h]! +
            x4 * frameWeights[4 * hidden + h]!;
          if (a > 0) z += a * outputWeights[h]!;
        }
        mask[g] = 1 / (1 + Math.exp(-z));
      }
    },
  };
}
