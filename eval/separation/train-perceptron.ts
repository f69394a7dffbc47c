/**
 * Trains a one-hidden-layer perceptron y = σ(v·relu(W·x̂ + b) + c) on squared error against
 * real targets, by mini-batch Adam (Kingma & Ba 2015, "Adam: a method for stochastic
 * optimization", ICLR, Algorithm 1), in Float64 with a seeded order: same data and seed, same
 * weights. Inputs are standardised (x̂ = (x − mean)/scale) with statistics of the training set.
 */
import type { RandomSource } from "../../src/core/test-helpers/seeded-random.js";
import { createGaussianRandom } from "../../src/core/test-helpers/seeded-random.js";

export interface PerceptronSettings {
  readonly hidden: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
}

export interface TrainedPerceptron {
  readonly inputMean: number[];
  readonly inputScale: number[];
  /** inputs × hidden, row-major by input. */
  readonly inputWeights: number[];
  readonly hiddenBias: number[];
  readonly outputWeights: number[];
  readonly outputBias: number;
}

interface Parameters {
  readonly w: Float64Array;
  readonly b: Float64Array;
  readonly v: Float64Array;
  readonly c: Float64Array;
}

export function trainPerceptron(
  inputs: Float32Array,
  targets: Float32Array,
  inputCount: number,
  settings: PerceptronSettings,
  random: RandomSource,
  onEpoch?: (epoch: number, loss: number) => void,
): TrainedPerceptron {
  const count = targets.length;
  const { hidden, batchSize, learningRate } = settings;
  const mean = new Float64Array(inputCount);
  const scale = new Float64Array(inputCount);
  for (let e = 0; e < count; e++) for (let i = 0; i < inputCount; i++) mean[i]! += inputs[e * inputCount + i]! / count;
  for (let e = 0; e < count; e++) {
    for (let i = 0; i < inputCount; i++) scale[i]! += (inputs[e * inputCount + i]! - mean[i]!) ** 2 / count;
  }
  for (let i = 0; i < inputCount; i++) scale[i] = Math.sqrt(scale[i]!) || 1;
  const gaussian = createGaussianRandom(settings.seed);
  const params: Parameters = {
    w: Float64Array.from({ length: inputCount * hidden }, () => gaussian() / Math.sqrt(inputCount)),
    b: new Float64Array(hidden),
    v: Float64Array.from({ length: hidden }, () => gaussian() / Math.sqrt(hidden)),
    c: new Float64Array(1),
  };
  const groups = [params.w, params.b, params.v, params.c];
  const grads = groups.map((p) => new Float64Array(p.length));
  const first = groups.map((p) => new Float64Array(p.length));
  const second = groups.map((p) => new Float64Array(p.length));
  const order = Int32Array.from({ length: count }, (_, i) => i);
  const x = new Float64Array(inputCount);
  const activation = new Float64Array(hidden);
  let step = 0;
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    shuffle(order, random);
    let lossSum = 0;
    for (let start = 0; start < count; start += batchSize) {
      const end = Math.min(count, start + batchSize);
      for (const g of grads) g.fill(0);
      for (let n = start; n < end; n++) {
        const e = order[n]!;
        for (let i = 0; i < inputCount; i++) x[i] = (inputs[e * inputCount + i]! - mean[i]!) / scale[i]!;
        let z = params.c[0]!;
        for (let h = 0; h < hidden; h++) {
          let a = params.b[h]!;
          for (let i = 0; i < inputCount; i++) a += params.w[i * hidden + h]! * x[i]!;
          activation[h] = a;
          if (a > 0) z += a * params.v[h]!;
        }
        const y = 1 / (1 + Math.exp(-z));
        const error = y - targets[e]!;
        lossSum += error * error;
        const dz = (2 * error * y * (1 - y)) / (end - start);
        grads[3]![0]! += dz;
        for (let h = 0; h < hidden; h++) {
          const a = activation[h]!;
          if (a <= 0) continue;
          grads[2]![h]! += dz * a;
          const da = dz * params.v[h]!;
          grads[1]![h]! += da;
          for (let i = 0; i < inputCount; i++) grads[0]![i * hidden + h]! += da * x[i]!;
        }
      }
      step++;
      const correction1 = 1 - 0.9 ** step;
      const correction2 = 1 - 0.999 ** step;
      for (let k = 0; k < groups.length; k++) {
        const p = groups[k]!;
        const g = grads[k]!;
        const m = first[k]!;
        const s = second[k]!;
        for (let j = 0; j < p.length; j++) {
          m[j] = 0.9 * m[j]! + 0.1 * g[j]!;
          s[j] = 0.999 * s[j]! + 0.001 * g[j]! * g[j]!;
          p[j]! -= (learningRate * (m[j]! / correction1)) / (Math.sqrt(s[j]! / correction2) + 1e-8);
        }
      }
    }
    onEpoch?.(epoch, lossSum / count);
  }
  return {
    inputMean: Array.from(mean),
    inputScale: Array.from(scale),
    inputWeights: Array.from(params.w),
    hiddenBias: Array.from(params.b),
    outputWeights: Array.from(params.v),
    outputBias: params.c[0]!,
  };
}

/** Fisher–Yates with the seeded source. */
function shuffle(order: Int32Array, random: RandomSource): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
}
