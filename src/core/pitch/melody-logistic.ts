/**
 * A logistic decision on a handful of standardised features, either linear (logistic
 * regression) or through one small hidden layer of tanh units (a multilayer perceptron),
 * and their fits (gradient descent with momentum on the L2-regularised log loss), for the
 * melody's learned note decisions (repeated-note splits, false-alarm notes). The weights
 * ship as numbers in a module (melody-models.ts); scripts/melody/train-melody-models.ts
 * refits them from audio it renders itself.
 * Reference: C. M. Bishop (2006), "Pattern Recognition and Machine Learning", §4.3.2
 *   (logistic regression) and §5.3 (back-propagation).
 */

export interface LogisticModel {
  /** Feature names, in order (documentation; the features' computation defines them). */
  readonly features: readonly string[];
  /** Per-feature mean and scale of the training data (standardisation). */
  readonly mean: readonly number[];
  readonly scale: readonly number[];
  /** Output weights: over the features, or over the hidden units when there are some. */
  readonly weights: readonly number[];
  readonly bias: number;
  /** Optional hidden layer: unit u computes tanh(biases[u] + Σ_i weights[u·features + i]·x_i). */
  readonly hidden?: { readonly weights: readonly number[]; readonly biases: readonly number[] };
  /** Probability above which the decision is yes. */
  readonly threshold: number;
}

/** P(yes | features). NaN features count as the training mean. */
export function logisticProbability(model: LogisticModel, features: ArrayLike<number>): number {
  const d = model.mean.length;
  const standard = (i: number): number => {
    const value = features[i]!;
    return Number.isNaN(value) ? 0 : (value - model.mean[i]!) / model.scale[i]!;
  };
  let z = model.bias;
  if (model.hidden === undefined) {
    for (let i = 0; i < d; i++) z += model.weights[i]! * standard(i);
  } else {
    const { weights, biases } = model.hidden;
    for (let u = 0; u < biases.length; u++) {
      let a = biases[u]!;
      for (let i = 0; i < d; i++) a += weights[u * d + i]! * standard(i);
      z += model.weights[u]! * Math.tanh(a);
    }
  }
  return 1 / (1 + Math.exp(-z));
}

export interface LogisticFitOptions {
  /** L2 penalty on the weights (not the bias); ≥ 0. */
  readonly l2: number;
  readonly iterations: number;
  readonly learningRate: number;
}

export const LOGISTIC_FIT_DEFAULTS: LogisticFitOptions = { l2: 1e-3, iterations: 3000, learningRate: 0.5 };

/** Per-feature mean and standard deviation over the rows (NaN skipped), and the standardised rows (NaN → 0). */
function standardise(
  d: number,
  rows: readonly (readonly number[])[],
): { mean: number[]; scale: number[]; x: number[][] } {
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  const counts = new Array<number>(d).fill(0);
  for (const row of rows) {
    for (let i = 0; i < d; i++) {
      if (Number.isNaN(row[i]!)) continue;
      mean[i]! += row[i]!;
      counts[i]!++;
    }
  }
  for (let i = 0; i < d; i++) mean[i] = counts[i]! > 0 ? mean[i]! / counts[i]! : 0;
  for (const row of rows) {
    for (let i = 0; i < d; i++) if (!Number.isNaN(row[i]!)) scale[i]! += (row[i]! - mean[i]!) ** 2;
  }
  for (let i = 0; i < d; i++) scale[i] = Math.sqrt(scale[i]! / Math.max(1, counts[i]!)) || 1;
  const x = rows.map((row) => row.map((value, i) => (Number.isNaN(value) ? 0 : (value - mean[i]!) / scale[i]!)));
  return { mean, scale, x };
}

/** Fits a logistic regression to rows of features and 0/1 labels (threshold 0.5; choose it afterwards). */
export function fitLogistic(
  names: readonly string[],
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  options: Partial<LogisticFitOptions> = {},
): LogisticModel {
  const { l2, iterations, learningRate } = { ...LOGISTIC_FIT_DEFAULTS, ...options };
  const d = names.length;
  const n = rows.length;
  const { mean, scale, x } = standardise(d, rows);
  const weights = new Array<number>(d).fill(0);
  let bias = 0;
  const gradient = new Array<number>(d);
  for (let step = 0; step < iterations; step++) {
    gradient.fill(0);
    let biasGradient = 0;
    for (let r = 0; r < n; r++) {
      const row = x[r]!;
      let z = bias;
      for (let i = 0; i < d; i++) z += weights[i]! * row[i]!;
      const error = 1 / (1 + Math.exp(-z)) - labels[r]!;
      for (let i = 0; i < d; i++) gradient[i]! += error * row[i]!;
      biasGradient += error;
    }
    for (let i = 0; i < d; i++) weights[i]! -= learningRate * (gradient[i]! / n + l2 * weights[i]!);
    bias -= (learningRate * biasGradient) / n;
  }
  return { features: [...names], mean, scale, weights, bias, threshold: 0.5 };
}

export interface NetworkFitOptions {
  readonly hiddenUnits: number;
  /** L2 penalty on all weights (not the biases); ≥ 0. */
  readonly l2: number;
  readonly iterations: number;
  readonly learningRate: number;
  readonly momentum: number;
  /** Seed of the initial weights (a Park–Miller generator: the fit is reproducible). */
  readonly seed: number;
}

export const NETWORK_FIT_DEFAULTS: NetworkFitOptions = {
  hiddenUnits: 8,
  l2: 1e-3,
  iterations: 1500,
  learningRate: 0.05,
  momentum: 0.9,
  seed: 1,
};

/** Fits a one-hidden-layer network (full-batch gradient descent with momentum; threshold 0.5). */
export function fitNetwork(
  names: readonly string[],
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  options: Partial<NetworkFitOptions> = {},
): LogisticModel {
  const { hiddenUnits: h, l2, iterations, learningRate, momentum, seed } = { ...NETWORK_FIT_DEFAULTS, ...options };
  const d = names.length;
  const n = rows.length;
  const { mean, scale, x } = standardise(d, rows);
  let state = seed;
  const random = (): number => {
    state = (state * 16_807) % 2_147_483_647;
    return state / 2_147_483_647 - 0.5;
  };
  const inner = Array.from({ length: h * d }, () => random() * 0.5);
  const innerBias = new Array<number>(h).fill(0);
  const outer = Array.from({ length: h }, () => random() * 0.5);
  let outerBias = 0;
  const velocity = { inner: new Array<number>(h * d).fill(0), innerBias: new Array<number>(h).fill(0) };
  const outerVelocity = new Array<number>(h).fill(0);
  let outerBiasVelocity = 0;
  const hidden = new Array<number>(h);
  const gInner = new Array<number>(h * d);
  const gInnerBias = new Array<number>(h);
  const gOuter = new Array<number>(h);
  for (let step = 0; step < iterations; step++) {
    gInner.fill(0);
    gInnerBias.fill(0);
    gOuter.fill(0);
    let gOuterBias = 0;
    for (let r = 0; r < n; r++) {
      const row = x[r]!;
      let z = outerBias;
      for (let u = 0; u < h; u++) {
        let a = innerBias[u]!;
        for (let i = 0; i < d; i++) a += inner[u * d + i]! * row[i]!;
        hidden[u] = Math.tanh(a);
        z += outer[u]! * hidden[u]!;
      }
      const error = 1 / (1 + Math.exp(-z)) - labels[r]!;
      gOuterBias += error;
      for (let u = 0; u < h; u++) {
        gOuter[u]! += error * hidden[u]!;
        const back = error * outer[u]! * (1 - hidden[u]! * hidden[u]!);
        gInnerBias[u]! += back;
        for (let i = 0; i < d; i++) gInner[u * d + i]! += back * row[i]!;
      }
    }
    for (let u = 0; u < h; u++) {
      outerVelocity[u] = momentum * outerVelocity[u]! + gOuter[u]! / n + l2 * outer[u]!;
      outer[u]! -= learningRate * outerVelocity[u]!;
      velocity.innerBias[u] = momentum * velocity.innerBias[u]! + gInnerBias[u]! / n;
      innerBias[u]! -= learningRate * velocity.innerBias[u]!;
      for (let i = 0; i < d; i++) {
        const k = u * d + i;
        velocity.inner[k] = momentum * velocity.inner[k]! + gInner[k]! / n + l2 * inner[k]!;
        inner[k]! -= learningRate * velocity.inner[k]!;
      }
    }
    outerBiasVelocity = momentum * outerBiasVelocity + gOuterBias / n;
    outerBias -= learningRate * outerBiasVelocity;
  }
  return {
    features: [...names],
    mean,
    scale,
    weights: outer,
    bias: outerBias,
    hidden: { weights: inner, biases: innerBias },
    threshold: 0.5,
  };
}
