/**
 * Training of the frame-wise drum network (src/core/drums/transcription/drum-network.ts):
 * targets per frame from the clips' hits (a Gaussian of 0.6 frames around each hit, so a
 * hit between two frames teaches both), binary cross-entropy per output (the attributes
 * hi-hat-open and crash only where a hi-hat or cymbal hit is), Adam, minibatches, all
 * frames near a hit and a random share of the others each epoch; then each detector's
 * peak-picking threshold chosen for the best F-measure (±50 ms) on held-out clips.
 * Reference: Kingma & Ba (2015), "Adam: a method for stochastic optimization", ICLR.
 * Part of scripts/train-drum-model.ts.
 */
import type { DrumFeatureLayout, DrumFeatureRows } from "../src/core/drums/transcription/drum-frame-features.js";
import { drumFeatureRows, fillDrumInput } from "../src/core/drums/transcription/drum-frame-features.js";
import {
  type DenseLayer,
  DRUM_DETECTORS,
  DRUM_NETWORK_OUTPUTS,
  type DrumNetwork,
  denseForward,
  drumActivations,
} from "../src/core/drums/transcription/drum-network.js";
import { pickActivationPeaks } from "../src/core/drums/transcription/pick-activation-peaks.js";
import { onsetFMeasure } from "../src/core/evaluation/onset-metrics.js";
import { createGaussianRandom, type RandomSource } from "../src/core/test-helpers/seeded-random.js";
import type { TrainingClip } from "./train-drum-dataset.js";
import type { TrainingInstrument } from "./train-drum-samples.js";

const OUTPUTS = DRUM_NETWORK_OUTPUTS.length;
const TARGET_WIDTH_FRAMES = 0.6;

/** Which detector output an instrument's hits teach. */
export const DETECTOR_OF: Readonly<Record<TrainingInstrument, number>> = {
  kick: 0,
  snare: 1,
  tom_low: 2,
  tom_mid: 2,
  tom_high: 2,
  hihat_closed: 3,
  hihat_open: 3,
  ride: 4,
  crash: 4,
};

export interface Example {
  readonly rows: DrumFeatureRows;
  /** frames × OUTPUTS targets in [0, 1] and loss weights (0 where an attribute is undefined). */
  readonly targets: Float32Array;
  readonly weights: Float32Array;
  /** Hit times (s) per detector, for the F-measure. */
  readonly hitTimes: readonly number[][];
}

export function toExample(clip: TrainingClip, layout: DrumFeatureLayout): Example {
  const rows = drumFeatureRows(clip.input, layout);
  const { frames, frameRate, startSeconds } = clip.input;
  const targets = new Float32Array(frames * OUTPUTS);
  const weights = new Float32Array(frames * OUTPUTS);
  const hitTimes: number[][] = Array.from({ length: DRUM_DETECTORS }, () => []);
  // Attribute value at the frames each hi-hat or cymbal hit teaches, by closeness.
  const attributeCloseness = new Float32Array(frames * OUTPUTS);
  for (const hit of clip.hits) {
    const detector = DETECTOR_OF[hit.instrument];
    hitTimes[detector]!.push(hit.timeSeconds);
    const position = (hit.timeSeconds - startSeconds) * frameRate;
    const attribute =
      detector === 3
        ? { column: 5, value: hit.instrument === "hihat_open" ? 1 : 0 }
        : detector === 4
          ? { column: 6, value: hit.instrument === "crash" ? 1 : 0 }
          : null;
    for (let t = Math.max(0, Math.floor(position) - 2); t <= Math.min(frames - 1, Math.ceil(position) + 2); t++) {
      const distance = (t - position) / TARGET_WIDTH_FRAMES;
      const value = Math.exp(-0.5 * distance * distance);
      const at = t * OUTPUTS;
      targets[at + detector] = Math.max(targets[at + detector]!, value);
      if (attribute !== null && value > 0.3 && value > attributeCloseness[at + attribute.column]!) {
        attributeCloseness[at + attribute.column] = value;
        targets[at + attribute.column] = attribute.value;
        weights[at + attribute.column] = 1;
      }
    }
  }
  for (let t = 0; t < frames; t++) for (let k = 0; k < DRUM_DETECTORS; k++) weights[t * OUTPUTS + k] = 1;
  for (const times of hitTimes) times.sort((a, b) => a - b);
  return { rows, targets, weights, hitTimes };
}

export interface TrainingOptions {
  readonly hidden: readonly number[];
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Share of the frames far from any hit used per epoch. */
  readonly negativeShare: number;
  readonly seed: number;
}

interface Parameters {
  readonly layers: { weights: Float32Array; biases: Float32Array; inputs: number; outputs: number }[];
}

function initialise(sizes: readonly number[], gaussian: RandomSource): Parameters {
  const layers = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inputs = sizes[l]!;
    const outputs = sizes[l + 1]!;
    const weights = new Float32Array(inputs * outputs);
    const spread = Math.sqrt(2 / inputs);
    for (let i = 0; i < weights.length; i++) weights[i] = gaussian() * spread;
    const biases = new Float32Array(outputs);
    if (l + 2 === sizes.length) biases.fill(-3);
    layers.push({ weights, biases, inputs, outputs });
  }
  return { layers };
}

/** Mean and 1/deviation of every input over a sample of frames. */
function standardisation(examples: readonly Example[], width: number, random: RandomSource) {
  const sum = new Float64Array(width);
  const squares = new Float64Array(width);
  const buffer = new Float32Array(width);
  let count = 0;
  for (const example of examples) {
    for (let t = 0; t < example.rows.frames; t++) {
      if (random() > 0.1) continue;
      fillDrumInput(example.rows, t, buffer);
      for (let i = 0; i < width; i++) {
        sum[i] = sum[i]! + buffer[i]!;
        squares[i] = squares[i]! + buffer[i]! * buffer[i]!;
      }
      count++;
    }
  }
  const mean = new Float32Array(width);
  const scale = new Float32Array(width);
  for (let i = 0; i < width; i++) {
    mean[i] = sum[i]! / Math.max(1, count);
    const variance = squares[i]! / Math.max(1, count) - mean[i]! ** 2;
    scale[i] = 1 / Math.sqrt(Math.max(variance, 1e-6));
  }
  return { mean, scale };
}

export function trainNetwork(
  examples: readonly Example[],
  layout: DrumFeatureLayout,
  options: TrainingOptions,
  random: RandomSource,
  log: (line: string) => void,
): DrumNetwork {
  const width = examples[0]!.rows.inputWidth;
  const { mean, scale } = standardisation(examples, width, random);
  const sizes = [width, ...options.hidden, OUTPUTS];
  const parameters = initialise(sizes, createGaussianRandom(options.seed));
  const layerCount = parameters.layers.length;
  const gradients = parameters.layers.map((layer) => ({
    weights: new Float32Array(layer.weights.length),
    biases: new Float32Array(layer.biases.length),
  }));
  const moments = parameters.layers.map((layer) => ({
    weights: [new Float32Array(layer.weights.length), new Float32Array(layer.weights.length)],
    biases: [new Float32Array(layer.biases.length), new Float32Array(layer.biases.length)],
  }));
  const activations = sizes.map((size) => new Float32Array(size));
  const deltas = sizes.map((size) => new Float32Array(size));
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const started = performance.now();
    // Frames of this epoch: every frame near a hit, a share of the rest.
    const chosen: number[] = [];
    for (let e = 0; e < examples.length; e++) {
      const { targets, rows } = examples[e]!;
      for (let t = 0; t < rows.frames; t++) {
        let near = false;
        for (let k = 0; k < DRUM_DETECTORS; k++) if (targets[t * OUTPUTS + k]! > 0.02) near = true;
        if (near || random() < options.negativeShare) chosen.push(e, t);
      }
    }
    const order = new Int32Array(chosen.length / 2);
    for (let i = 0; i < order.length; i++) order[i] = i;
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const swap = order[i]!;
      order[i] = order[j]!;
      order[j] = swap;
    }
    const learningRate =
      options.learningRate * (epoch >= options.epochs - 2 ? 0.3 : 1) * (epoch >= options.epochs - 1 ? 0.3 : 1);
    let lossSum = 0;
    for (let from = 0; from < order.length; from += options.batchSize) {
      const to = Math.min(order.length, from + options.batchSize);
      for (const gradient of gradients) {
        gradient.weights.fill(0);
        gradient.biases.fill(0);
      }
      for (let b = from; b < to; b++) {
        const example = examples[chosen[2 * order[b]!]!]!;
        const t = chosen[2 * order[b]! + 1]!;
        const input = activations[0]!;
        fillDrumInput(example.rows, t, input);
        for (let i = 0; i < width; i++) input[i] = (input[i]! - mean[i]!) * scale[i]!;
        for (let l = 0; l < layerCount; l++) {
          const layer = parameters.layers[l]!;
          denseForward(layer, activations[l]!, activations[l + 1]!, l < layerCount - 1);
        }
        const output = activations[layerCount]!;
        const delta = deltas[layerCount]!;
        for (let k = 0; k < OUTPUTS; k++) {
          const probability = 1 / (1 + Math.exp(-output[k]!));
          const target = example.targets[t * OUTPUTS + k]!;
          const weight = example.weights[t * OUTPUTS + k]!;
          delta[k] = weight * (probability - target);
          lossSum -= weight * (target * Math.log(probability + 1e-7) + (1 - target) * Math.log(1 - probability + 1e-7));
        }
        for (let l = layerCount - 1; l >= 0; l--) {
          backward(
            parameters.layers[l]!,
            gradients[l]!,
            activations[l]!,
            deltas[l + 1]!,
            l > 0 ? deltas[l]! : null,
            activations[l]!,
          );
        }
      }
      step++;
      const batch = to - from;
      for (let l = 0; l < layerCount; l++) {
        adam(parameters.layers[l]!.weights, gradients[l]!.weights, moments[l]!.weights, step, learningRate, batch);
        adam(parameters.layers[l]!.biases, gradients[l]!.biases, moments[l]!.biases, step, learningRate, batch);
      }
    }
    log(
      `  epoch ${epoch + 1}/${options.epochs}: ${order.length} frames, loss ${(lossSum / order.length).toFixed(4)}, ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  return {
    layout,
    inputMean: mean,
    inputScale: scale,
    layers: parameters.layers.map((layer): DenseLayer => ({ ...layer })),
  };
}

/**
 * Accumulates the layer's gradients from the deltas of its outputs and, when `inputDelta`
 * is given, writes the deltas of its inputs (through the ReLU of the layer below: zero
 * where that layer's output, `input`, was zero).
 */
function backward(
  layer: DenseLayer,
  gradient: { weights: Float32Array; biases: Float32Array },
  input: Float32Array,
  outputDelta: Float32Array,
  inputDelta: Float32Array | null,
  rectified: Float32Array,
): void {
  const { inputs, outputs, weights } = layer;
  if (inputDelta !== null) inputDelta.fill(0);
  for (let o = 0; o < outputs; o++) {
    const delta = outputDelta[o]!;
    if (delta === 0) continue;
    gradient.biases[o] = gradient.biases[o]! + delta;
    const row = o * inputs;
    const gradientWeights = gradient.weights;
    if (inputDelta === null) {
      for (let i = 0; i < inputs; i++) gradientWeights[row + i] = gradientWeights[row + i]! + delta * input[i]!;
    } else {
      // One pass over the row for both sums (the same per-element order as two passes).
      for (let i = 0; i < inputs; i++) {
        gradientWeights[row + i] = gradientWeights[row + i]! + delta * input[i]!;
        inputDelta[i] = inputDelta[i]! + delta * weights[row + i]!;
      }
    }
  }
  if (inputDelta !== null) for (let i = 0; i < inputs; i++) if (rectified[i]! <= 0) inputDelta[i] = 0;
}

function adam(
  values: Float32Array,
  gradient: Float32Array,
  moments: Float32Array[],
  step: number,
  learningRate: number,
  batch: number,
): void {
  const [first, second] = moments as [Float32Array, Float32Array];
  const beta1 = 0.9;
  const beta2 = 0.999;
  const correction1 = 1 - beta1 ** step;
  const correction2 = 1 - beta2 ** step;
  for (let i = 0; i < values.length; i++) {
    const g = gradient[i]! / batch;
    first[i] = beta1 * first[i]! + (1 - beta1) * g;
    second[i] = beta2 * second[i]! + (1 - beta2) * g * g;
    values[i] = values[i]! - (learningRate * (first[i]! / correction1)) / (Math.sqrt(second[i]! / correction2) + 1e-8);
  }
}

export interface DetectorScore {
  readonly threshold: number;
  readonly fMeasure: number;
  readonly precision: number;
  readonly recall: number;
}

/** For each detector, the threshold with the best F-measure (all clips' hits pooled). */
export function tuneThresholds(examples: readonly Example[], network: DrumNetwork, radius: number): DetectorScore[] {
  // Peaks at least radius + 1 frames apart, as transcribeDrums picks them.
  const candidates = Array.from({ length: 17 }, (_, i) => 0.1 + 0.05 * i);
  const counts = Array.from({ length: DRUM_DETECTORS }, () =>
    candidates.map(() => ({ matched: 0, reference: 0, estimated: 0 })),
  );
  for (const example of examples) {
    const activations = drumActivations(example.rows, network);
    for (let k = 0; k < DRUM_DETECTORS; k++) {
      const reference = example.hitTimes[k]!;
      candidates.forEach((threshold, c) => {
        const peaks = pickActivationPeaks(activations, OUTPUTS, k, threshold, radius);
        const estimated = Array.from(peaks.frames, (frame, i) => (frame + peaks.offsets[i]!) / FRAME_RATE);
        const entry = counts[k]![c]!;
        entry.reference += reference.length;
        entry.estimated += estimated.length;
        if (reference.length > 0 && estimated.length > 0) {
          const score = onsetFMeasure(reference, estimated);
          entry.matched += Math.round(score.precision * estimated.length);
        }
      });
    }
  }
  return counts.map((perThreshold) => {
    let best: DetectorScore = { threshold: 0.5, fMeasure: -1, precision: 0, recall: 0 };
    perThreshold.forEach((entry, c) => {
      const precision = entry.estimated > 0 ? entry.matched / entry.estimated : 0;
      const recall = entry.reference > 0 ? entry.matched / entry.reference : 0;
      const fMeasure = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
      if (fMeasure > best.fMeasure) best = { threshold: candidates[c]!, fMeasure, precision, recall };
    });
    return best;
  });
}

/** Frames per second of the training inputs (the rhythm resolution). */
export const FRAME_RATE = 22_050 / 256;
