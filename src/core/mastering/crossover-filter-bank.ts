/**
 * Sample peak and RMS of each band's time-domain signal, from a Linkwitz–Riley crossover
 * tree on the mono mix: what a multiband compressor's band sees, so per-band crest factors
 * are peak/RMS of a real band signal (a sine in a band gives 3.01 dB whatever the filters'
 * gain at its frequency), not a spectral guess.
 * Each crossover at edge f is 4th-order Linkwitz–Riley: HP = (Butterworth 2nd-order HP)²,
 * LP = AP − HP, where AP is the 2nd-order all-pass with the same poles (LR4 LP + HP = AP
 * holds exactly after the bilinear transform), so a split costs three biquads (RBJ cookbook
 * coefficients, Q = 1/√2, pre-warped at f). The tree runs from the highest edge down: the
 * high-pass of a stage is the band above its edge, the low-pass feeds the next stage.
 * Decimation: after a low-pass at f the signal is kept at rate r' = r/2^d, the lowest power-
 * of-two fraction with r' ≥ 10·f (the LR4 attenuation at the new Nyquist ≥ 5f is ≥ 56 dB, so
 * aliasing is negligible for peak and RMS), which makes the lower stages nearly free: with
 * the default bands at 44.1 kHz, 2 kHz and 6 kHz run at 44.1 kHz, 500 Hz at 22.05 kHz,
 * 200 Hz at 5.5 kHz and 20 Hz at 2.76 kHz — about eight full-rate biquads per sample.
 * Bands below 2 kHz read their peak at the reduced rate: the sample peak of a component at
 * f sampled at r is at least cos(πf/r) of its amplitude (≥ 0.95, −0.43 dB, at a band's top
 * edge; far less inside the band and on average).
 * The highest edge is not applied when it tops the last band and lies at or above 80 % of
 * Nyquist (little content there; the top band then runs to Nyquist); edges at or above
 * Nyquist are not applied, and bands starting there get null figures.
 * Streaming: state carries across calls, so any chunking gives identical figures.
 * References: Linkwitz (1976), "Active crossover networks for noncoincident drivers",
 *   JAES 24(1); Bristow-Johnson, "Cookbook formulae for audio EQ biquad filter coefficients".
 */
import type { FrequencyBand } from "./frequency-bands.js";

export interface BandLevels {
  /** Largest |sample| of the band signal (linear), or null for a band above Nyquist. */
  readonly peak: number | null;
  /** RMS of the band signal (linear), or null for a band above Nyquist. */
  readonly rms: number | null;
  /** Rate at which the band signal was measured (Hz). */
  readonly sampleRateHz: number | null;
}

export interface CrossoverFilterBank {
  /** Adds samples [0, length) of the mono mix. */
  push(samples: Float32Array, length: number): void;
  /** Peak and RMS per band, in the order of the bands given. */
  result(): BandLevels[];
}

/** Samples per kernel call (V8 optimises short loops in functions called often). */
const KERNEL_BLOCK = 4096;
const TOP_EDGE_NYQUIST_FRACTION = 0.8;
const DECIMATION_MARGIN = 10;

/**
 * Where a crossover tree keeps its buffers and runs its per-sample loops: the TypeScript
 * loops below by default, or a faster implementation with the same arithmetic in the same
 * order (WebAssembly in src/accel), which needs the buffers in its own memory. The tree asks
 * for every buffer while it is built, before any loop runs.
 */
export interface CrossoverKernels {
  float32(length: number): Float32Array;
  float64(length: number): Float64Array;
  /** One crossover over input[from, to): the LR4 high-pass into `levels`, the low-pass into lowpass[0, to − from). */
  split(
    input: Float32Array,
    from: number,
    to: number,
    coefficients: Float64Array,
    state: Float64Array,
    levels: Float64Array,
    lowpass: Float32Array,
  ): void;
  /** The LR4 high-pass alone over input[from, to) into `levels`. */
  highpass(
    input: Float32Array,
    from: number,
    to: number,
    coefficients: Float64Array,
    state: Float64Array,
    levels: Float64Array,
  ): void;
}

/** Makes kernels with room for `float32Count` and `float64Count` values in all their buffers. */
export type CrossoverKernelsFactory = (float32Count: number, float64Count: number) => CrossoverKernels;

const TYPESCRIPT_KERNELS: CrossoverKernels = {
  float32: (length) => new Float32Array(length),
  float64: (length) => new Float64Array(length),
  split: splitKernel,
  highpass: highpassKernel,
};

export function createCrossoverFilterBank(
  sampleRate: number,
  bands: readonly FrequencyBand[],
  kernels?: CrossoverKernelsFactory,
): CrossoverFilterBank {
  return new LinkwitzRileyTree(sampleRate, bands, kernels);
}

/** Peak, Σx², count of one segment between applied edges. */
class SegmentLevels {
  constructor(
    readonly rate: number,
    readonly state: Float64Array,
  ) {}
}

/** One crossover at `edgeHz` at rate `rate`. */
class Stage {
  /** High-pass b0 = g, b1 (= −2g), a1, a2; the all-pass numerator is (a2, a1, 1). */
  readonly coefficients: Float64Array;
  /** Two HP sections and the all-pass: transposed direct form II, two states each. */
  readonly state: Float64Array;
  /** Decimation: keep every `keepEvery`-th low-pass sample; phase counts across calls. */
  keepEvery = 1;
  phase = 0;
  /** Low-pass output of one kernel block at the stage's rate. */
  readonly lowpass: Float32Array;
  /** The kept low-pass samples when decimating (else `lowpass` itself). */
  decimated: Float32Array;

  constructor(
    readonly edgeHz: number,
    readonly rate: number,
    readonly upper: SegmentLevels,
    readonly needsLowpass: boolean,
    keepEvery: number,
    kernels: CrossoverKernels,
  ) {
    this.coefficients = kernels.float64(4);
    this.state = kernels.float64(6);
    const w0 = (2 * Math.PI * edgeHz) / rate;
    const cos = Math.cos(w0);
    const alpha = Math.sin(w0) / (2 * Math.SQRT1_2);
    const a0 = 1 + alpha;
    this.coefficients[0] = (1 + cos) / 2 / a0;
    this.coefficients[1] = -(1 + cos) / a0;
    this.coefficients[2] = (-2 * cos) / a0;
    this.coefficients[3] = (1 - alpha) / a0;
    this.lowpass = kernels.float32(needsLowpass ? KERNEL_BLOCK : 0);
    this.keepEvery = keepEvery;
    this.decimated = keepEvery > 1 && needsLowpass ? kernels.float32(KERNEL_BLOCK) : this.lowpass;
  }
}

class LinkwitzRileyTree implements CrossoverFilterBank {
  private readonly stages: Stage[] = [];
  /** Segment j lies between applied edges j − 1 and j (segment 0 below the lowest edge). */
  private readonly segments: SegmentLevels[] = [];
  /** Segment of each band, or −1 for a band above Nyquist. */
  private readonly bandSegments: number[];
  /** Whether segment 0 (below the lowest edge) is some band's signal. */
  private readonly bottomUsed: boolean;
  private readonly kernels: CrossoverKernels;
  /** The current block of the input, in the kernels' memory. */
  private readonly block: Float32Array;

  constructor(sampleRate: number, bands: readonly FrequencyBand[], kernelsFactory?: CrossoverKernelsFactory) {
    const nyquist = sampleRate / 2;
    const lastBand = bands[bands.length - 1]!;
    const edgeSet = new Set<number>();
    for (const band of bands) {
      for (const edge of [band.lowHz, band.highHz]) {
        const isDroppedTop = edge === lastBand.highHz && edge >= TOP_EDGE_NYQUIST_FRACTION * nyquist;
        if (edge > 0 && edge < nyquist && !isDroppedTop) edgeSet.add(edge);
      }
    }
    const edges = [...edgeSet].sort((a, b) => a - b);
    // Band → segment: the segment starting at its low edge (segment 0 when it starts at 0 Hz).
    this.bandSegments = bands.map((band) =>
      band.lowHz >= nyquist ? -1 : band.lowHz > 0 ? edges.indexOf(band.lowHz) + 1 : 0,
    );
    this.bottomUsed = this.bandSegments.includes(0);
    // Rates: the input rate above the highest edge; after each low-pass, decimated as allowed.
    const rates: number[] = new Array(edges.length + 1);
    rates[edges.length] = sampleRate;
    for (let j = edges.length - 1; j >= 0; j--) {
      let rate = rates[j + 1]!;
      while (rate / 2 >= DECIMATION_MARGIN * edges[j]!) rate /= 2;
      rates[j] = rate;
    }
    const keepEvery = (j: number) => Math.round(rates[j + 1]! / rates[j]!);
    const needsLowpass = (j: number) => j > 0 || this.bottomUsed;
    // Every buffer, counted before any is made: the input block, each stage's low-pass (and
    // decimated low-pass) block; coefficients, filter state and levels.
    let float32Count = KERNEL_BLOCK;
    for (let j = 0; j < edges.length; j++) {
      if (needsLowpass(j)) float32Count += keepEvery(j) > 1 ? 2 * KERNEL_BLOCK : KERNEL_BLOCK;
    }
    const float64Count = 10 * edges.length + 3 * (edges.length + 1);
    this.kernels = kernelsFactory ? kernelsFactory(float32Count, float64Count) : TYPESCRIPT_KERNELS;
    this.block = this.kernels.float32(KERNEL_BLOCK);
    for (let j = 0; j <= edges.length; j++) this.segments.push(new SegmentLevels(rates[j]!, this.kernels.float64(3)));
    for (let j = edges.length - 1; j >= 0; j--) {
      const upper = this.segments[j + 1]!;
      this.stages.push(new Stage(edges[j]!, rates[j + 1]!, upper, needsLowpass(j), keepEvery(j), this.kernels));
    }
  }

  push(samples: Float32Array, length: number): void {
    const { kernels, block } = this;
    for (let from = 0; from < length; from += KERNEL_BLOCK) {
      const to = Math.min(length, from + KERNEL_BLOCK);
      for (let i = from; i < to; i++) block[i - from] = samples[i]!;
      let input = block;
      let inputFrom = 0;
      let inputTo = to - from;
      for (const stage of this.stages) {
        let count = 0;
        if (stage.needsLowpass) {
          const { coefficients, state, upper, lowpass } = stage;
          kernels.split(input, inputFrom, inputTo, coefficients, state, upper.state, lowpass);
          count = inputTo - inputFrom;
          // Decimating in its own loop: folded into the filter loop it made that loop ~1.7× slower in V8.
          if (stage.keepEvery > 1) count = decimateKernel(lowpass, count, stage, stage.decimated);
        } else {
          kernels.highpass(input, inputFrom, inputTo, stage.coefficients, stage.state, stage.upper.state);
        }
        input = stage.decimated;
        inputFrom = 0;
        inputTo = count;
      }
      if (this.bottomUsed) accumulateKernel(input, inputFrom, inputTo, this.segments[0]!.state);
    }
  }

  result(): BandLevels[] {
    return this.bandSegments.map((index) => {
      if (index < 0) return { peak: null, rms: null, sampleRateHz: null };
      const { state, rate } = this.segments[index]!;
      const count = state[2]!;
      return { peak: state[0]!, rms: count > 0 ? Math.sqrt(state[1]! / count) : 0, sampleRateHz: rate };
    });
  }
}

/**
 * One crossover over input[from, to): the LR4 high-pass into `levels` (peak, Σx², count),
 * the low-pass (AP − HP) into lowpass[0, to − from).
 */
function splitKernel(
  input: Float32Array,
  from: number,
  to: number,
  coefficients: Float64Array,
  state: Float64Array,
  levels: Float64Array,
  lowpass: Float32Array,
): void {
  const gain = coefficients[0]!;
  const a1 = coefficients[2]!;
  const a2 = coefficients[3]!;
  let s1 = state[0]!;
  let s2 = state[1]!;
  let s3 = state[2]!;
  let s4 = state[3]!;
  let s5 = state[4]!;
  let s6 = state[5]!;
  let peak = levels[0]!;
  let sumSquares = levels[1]!;
  for (let i = from; i < to; i++) {
    const x = input[i]!;
    // High-pass numerators are g·(1, −2, 1); the all-pass one is (a2, a1, 1).
    const t1 = gain * x;
    const y1 = t1 + s1;
    s1 = s2 - (t1 + t1) - a1 * y1;
    s2 = t1 - a2 * y1;
    const t2 = gain * y1;
    const y2 = t2 + s3;
    s3 = s4 - (t2 + t2) - a1 * y2;
    s4 = t2 - a2 * y2;
    const allpass = a2 * x + s5;
    s5 = s6 + a1 * (x - allpass);
    s6 = x - a2 * allpass;
    sumSquares += y2 * y2;
    const magnitude = y2 < 0 ? -y2 : y2;
    if (magnitude > peak) peak = magnitude;
    lowpass[i - from] = allpass - y2;
  }
  state[0] = s1;
  state[1] = s2;
  state[2] = s3;
  state[3] = s4;
  state[4] = s5;
  state[5] = s6;
  levels[0] = peak;
  levels[1] = sumSquares;
  levels[2]! += to - from;
}

/** Every keepEvery-th of samples[0, count) (phase carried across calls) into `out`; returns how many. */
function decimateKernel(
  samples: Float32Array,
  count: number,
  decimation: { keepEvery: number; phase: number },
  out: Float32Array,
): number {
  const keepEvery = decimation.keepEvery;
  let phase = decimation.phase;
  let kept = 0;
  for (let i = 0; i < count; i++) {
    if (phase === 0) out[kept++] = samples[i]!;
    if (++phase === keepEvery) phase = 0;
  }
  decimation.phase = phase;
  return kept;
}

/** The lowest crossover when nothing below it is measured: the LR4 high-pass only. */
function highpassKernel(
  input: Float32Array,
  from: number,
  to: number,
  coefficients: Float64Array,
  state: Float64Array,
  levels: Float64Array,
): void {
  const gain = coefficients[0]!;
  const a1 = coefficients[2]!;
  const a2 = coefficients[3]!;
  let s1 = state[0]!;
  let s2 = state[1]!;
  let s3 = state[2]!;
  let s4 = state[3]!;
  let peak = levels[0]!;
  let sumSquares = levels[1]!;
  for (let i = from; i < to; i++) {
    const x = input[i]!;
    const t1 = gain * x;
    const y1 = t1 + s1;
    s1 = s2 - (t1 + t1) - a1 * y1;
    s2 = t1 - a2 * y1;
    const t2 = gain * y1;
    const y2 = t2 + s3;
    s3 = s4 - (t2 + t2) - a1 * y2;
    s4 = t2 - a2 * y2;
    sumSquares += y2 * y2;
    const magnitude = y2 < 0 ? -y2 : y2;
    if (magnitude > peak) peak = magnitude;
  }
  state[0] = s1;
  state[1] = s2;
  state[2] = s3;
  state[3] = s4;
  levels[0] = peak;
  levels[1] = sumSquares;
  levels[2]! += to - from;
}

/** Peak and Σx² of input[from, to) into `levels` (the segment below the lowest edge, or no edges at all). */
function accumulateKernel(input: Float32Array, from: number, to: number, levels: Float64Array): void {
  let peak = levels[0]!;
  let sumSquares = levels[1]!;
  for (let i = from; i < to; i++) {
    const x = input[i]!;
    sumSquares += x * x;
    const magnitude = x < 0 ? -x : x;
    if (magnitude > peak) peak = magnitude;
  }
  levels[0] = peak;
  levels[1] = sumSquares;
  levels[2]! += to - from;
}
