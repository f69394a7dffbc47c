/**
 * The frame-wise drum network: a small multilayer perceptron over each frame's input
 * (drum-frame-features.ts), standardised, through ReLU hidden layers to one logistic
 * output per detector (kick, snare, tom, hi-hat, cymbal: a hit of that class starts at
 * this frame) and per attribute (hi-hat open, cymbal a crash: read where the detector
 * fires). One input buffer and one buffer per layer are reused for every frame.
 * Reference: Vogl, Dorfer & Knees (2017), "Drum transcription from polyphonic music with
 *   recurrent neural networks", ICASSP (frame-wise activation functions per instrument);
 *   Southall, Stables & Hockman (2016), "Automatic drum transcription using bi-directional
 *   recurrent neural networks", ISMIR.
 */
import { type DrumFeatureLayout, type DrumFeatureRows, fillDrumInput } from "./drum-frame-features.js";

/** What the network's outputs mean, in order. */
export const DRUM_NETWORK_OUTPUTS = ["kick", "snare", "tom", "hihat", "cymbal", "hihat-open", "crash"] as const;
export type DrumNetworkOutput = (typeof DRUM_NETWORK_OUTPUTS)[number];
/** The detectors (the first five outputs); the others are attributes of a detected hit. */
export const DRUM_DETECTORS = 5;

export interface DenseLayer {
  readonly inputs: number;
  readonly outputs: number;
  /** outputs × inputs, row-major. */
  readonly weights: Float32Array;
  readonly biases: Float32Array;
}

export interface DrumNetwork {
  readonly layout: DrumFeatureLayout;
  /** Per input: value ← (value − mean) · scale before the first layer. */
  readonly inputMean: Float32Array;
  readonly inputScale: Float32Array;
  /** ReLU after every layer but the last, the logistic function after the last. */
  readonly layers: readonly DenseLayer[];
}

/**
 * The network's outputs for every frame: frames × DRUM_NETWORK_OUTPUTS.length, frame-major,
 * each in (0, 1).
 */
export function drumActivations(rows: DrumFeatureRows, network: DrumNetwork): Float32Array {
  const { layers, inputMean, inputScale } = network;
  const first = layers[0];
  const last = layers.at(-1);
  if (first === undefined || last === undefined) throw new RangeError("drumActivations: the network has no layers");
  if (first.inputs !== rows.inputWidth || inputMean.length !== rows.inputWidth) {
    throw new RangeError(
      `drumActivations: the network takes ${first.inputs} inputs, the features give ${rows.inputWidth}`,
    );
  }
  if (last.outputs !== DRUM_NETWORK_OUTPUTS.length) {
    throw new RangeError(
      `drumActivations: need ${DRUM_NETWORK_OUTPUTS.length} outputs, the network has ${last.outputs}`,
    );
  }
  const outputs = last.outputs;
  const out = new Float32Array(rows.frames * outputs);
  const buffers = [new Float32Array(rows.inputWidth), ...layers.map((layer) => new Float32Array(layer.outputs))];
  const input = buffers[0]!;
  for (let t = 0; t < rows.frames; t++) {
    fillDrumInput(rows, t, input);
    for (let i = 0; i < input.length; i++) input[i] = (input[i]! - inputMean[i]!) * inputScale[i]!;
    for (let l = 0; l < layers.length; l++)
      denseForward(layers[l]!, buffers[l]!, buffers[l + 1]!, l < layers.length - 1);
    const result = buffers[layers.length]!;
    for (let k = 0; k < outputs; k++) out[t * outputs + k] = 1 / (1 + Math.exp(-result[k]!));
  }
  return out;
}

/**
 * out = W·input + b, rectified when `rectify`. Four rows per pass share each load of the
 * input (about 1.7× faster than one row at a time).
 */
export function denseForward(layer: DenseLayer, input: Float32Array, out: Float32Array, rectify: boolean): void {
  const { inputs, outputs, weights, biases } = layer;
  let o = 0;
  for (; o + 4 <= outputs; o += 4) {
    const row0 = o * inputs;
    const row1 = row0 + inputs;
    const row2 = row1 + inputs;
    const row3 = row2 + inputs;
    let sum0 = biases[o]!;
    let sum1 = biases[o + 1]!;
    let sum2 = biases[o + 2]!;
    let sum3 = biases[o + 3]!;
    for (let i = 0; i < inputs; i++) {
      const value = input[i]!;
      sum0 += weights[row0 + i]! * value;
      sum1 += weights[row1 + i]! * value;
      sum2 += weights[row2 + i]! * value;
      sum3 += weights[row3 + i]! * value;
    }
    out[o] = rectify && sum0 < 0 ? 0 : sum0;
    out[o + 1] = rectify && sum1 < 0 ? 0 : sum1;
    out[o + 2] = rectify && sum2 < 0 ? 0 : sum2;
    out[o + 3] = rectify && sum3 < 0 ? 0 : sum3;
  }
  for (; o < outputs; o++) {
    let sum = biases[o]!;
    const row = o * inputs;
    for (let i = 0; i < inputs; i++) sum += weights[row + i]! * input[i]!;
    out[o] = rectify && sum < 0 ? 0 : sum;
  }
}
