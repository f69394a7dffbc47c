/**
 * Band-limited sample-rate conversion by polyphase windowed-sinc interpolation, for any
 * ratio. Output sample m sits at input time τ = m·fromRate/toRate and is
 *   y[m] = Σ_k x[k]·h(τ − k)   (h from `createResampleFilter`, zero phase, no delay),
 * with x = 0 outside the signal. Integer rates whose reduced ratio L/D has L ≤ 4096 use
 * exact phases (row = m·D mod L); other ratios (non-integer or large L) interpolate
 * linearly between 512 phases per sample (interpolation error ≈ −100 dB).
 * A stream of n samples yields ⌈n·toRate/fromRate⌉ samples, the same whatever the chunking.
 * Equal rates copy the input. NaN or ±Infinity spread to the outputs within the filter span.
 * Reference: J. O. Smith, "Digital Audio Resampling Home Page", CCRMA (bandlimited interpolation).
 */
import {
  createResampleFilter,
  RESAMPLE_FILTER_PRESETS,
  type ResampleFilter,
  type ResamplerQuality,
} from "./resample-filter.js";

export interface ResamplerOptions {
  /** "high": ≥ 100 dB stopband, passband flat to ≈ 0.9 of the lower Nyquist; "fast": ≈ 70 dB, shorter filter. */
  readonly quality: ResamplerQuality;
}

export const RESAMPLER_DEFAULTS: ResamplerOptions = { quality: "high" };

/** A streaming converter for one signal (one channel). */
export interface Resampler {
  readonly fromRate: number;
  readonly toRate: number;
  /** Converts the next chunk. The result is a view of an internal buffer, valid until the next call. */
  process(input: Float32Array): Float32Array;
  /** Ends the stream (the signal is taken to be silent afterwards), returns the last samples and resets. */
  flush(): Float32Array;
  /** Output samples for a whole stream of `inputLength` input samples. */
  outputLength(inputLength: number): number;
  /** Forgets the stream so far. */
  reset(): void;
}

const MAX_EXACT_PHASES = 4096;
const INTERPOLATED_PHASES = 512;
const ONE_SHOT_CHUNK = 1 << 16;

export function createResampler(fromRate: number, toRate: number, options: Partial<ResamplerOptions> = {}): Resampler {
  const { quality } = { ...RESAMPLER_DEFAULTS, ...options };
  checkRate("createResampler", "fromRate", fromRate);
  checkRate("createResampler", "toRate", toRate);
  const preset = RESAMPLE_FILTER_PRESETS[quality];
  if (preset === undefined) throw new RangeError(`createResampler: quality must be "fast" or "high", got ${quality}`);
  if (fromRate === toRate) return new CopyResampler(fromRate);
  return new PolyphaseResampler(fromRate, toRate, preset);
}

/** `samples` converted from `fromRate` to `toRate` in one call (exactly `outputLength` samples). */
export function resample(
  samples: Float32Array,
  fromRate: number,
  toRate: number,
  options: Partial<ResamplerOptions> = {},
): Float32Array {
  const resampler = createResampler(fromRate, toRate, options);
  const out = new Float32Array(resampler.outputLength(samples.length));
  let written = 0;
  for (let start = 0; start < samples.length; start += ONE_SHOT_CHUNK) {
    const chunk = resampler.process(samples.subarray(start, Math.min(samples.length, start + ONE_SHOT_CHUNK)));
    out.set(chunk, written);
    written += chunk.length;
  }
  out.set(resampler.flush(), written);
  return out;
}

function checkRate(name: string, parameter: string, rate: number): void {
  if (!(rate > 0 && Number.isFinite(rate))) {
    throw new RangeError(`${name}: ${parameter} must be a finite number > 0, got ${rate}`);
  }
}

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

class CopyResampler implements Resampler {
  private buffer = new Float32Array(0);
  constructor(readonly fromRate: number) {}
  get toRate(): number {
    return this.fromRate;
  }
  process(input: Float32Array): Float32Array {
    if (this.buffer.length < input.length) this.buffer = new Float32Array(input.length);
    this.buffer.set(input);
    return this.buffer.subarray(0, input.length);
  }
  flush(): Float32Array {
    return this.buffer.subarray(0, 0);
  }
  outputLength(inputLength: number): number {
    return inputLength;
  }
  reset(): void {}
}

class PolyphaseResampler implements Resampler {
  private readonly filter: ResampleFilter;
  /** Exact phases: output m is at input (m·step)/phases; else at m·step (float). */
  private readonly exact: boolean;
  private readonly step: number;
  private history = new Float32Array(0);
  /** Absolute input index of history[0], and one past the last received sample. */
  private historyStart = 0;
  private received = 0;
  private produced = 0;
  private output = new Float32Array(0);

  constructor(
    readonly fromRate: number,
    readonly toRate: number,
    preset: (typeof RESAMPLE_FILTER_PRESETS)[ResamplerQuality],
  ) {
    const divisor =
      Number.isInteger(fromRate) && Number.isInteger(toRate) ? greatestCommonDivisor(fromRate, toRate) : 0;
    this.exact = divisor > 0 && toRate / divisor <= MAX_EXACT_PHASES;
    const phases = this.exact ? toRate / divisor : INTERPOLATED_PHASES;
    this.step = this.exact ? fromRate / divisor : fromRate / toRate;
    this.filter = createResampleFilter(toRate / fromRate, preset, phases, !this.exact);
    this.reset();
  }

  reset(): void {
    const { halfTaps } = this.filter;
    if (this.history.length < 4 * halfTaps) this.history = new Float32Array(4 * halfTaps);
    this.history.fill(0, 0, halfTaps);
    this.historyStart = -halfTaps;
    this.received = 0;
    this.produced = 0;
  }

  outputLength(inputLength: number): number {
    return this.outputsBefore(inputLength);
  }

  process(input: Float32Array): Float32Array {
    this.append(input, input.length);
    this.received += input.length;
    return this.emit(this.received - this.filter.halfTaps);
  }

  flush(): Float32Array {
    this.append(null, this.filter.halfTaps);
    const out = this.emit(this.received);
    this.reset();
    return out;
  }

  /** Number of outputs m whose integer input position ⌊τ_m⌋ is below `inputIndex`. */
  private outputsBefore(inputIndex: number): number {
    if (inputIndex <= 0) return 0;
    if (this.exact) return Math.ceil((inputIndex * this.filter.phases) / this.step);
    let count = Math.ceil(inputIndex / this.step);
    while (count > 0 && (count - 1) * this.step >= inputIndex) count--;
    while (count * this.step < inputIndex) count++;
    return count;
  }

  /** Appends `length` samples of `input` (zeros when null), growing the history if needed. */
  private append(input: Float32Array | null, length: number): void {
    const used = this.received - this.historyStart;
    if (used + length > this.history.length) {
      const grown = new Float32Array(Math.max(2 * this.history.length, used + length));
      grown.set(this.history.subarray(0, used));
      this.history = grown;
    }
    if (input === null) this.history.fill(0, used, used + length);
    else this.history.set(input, used);
  }

  /** Emits every pending output whose integer position is below `inputLimit`, then drops unneeded history. */
  private emit(inputLimit: number): Float32Array {
    const { taps, halfTaps, phases, coefficients, differences } = this.filter;
    const end = Math.max(this.produced, this.outputsBefore(inputLimit));
    const count = end - this.produced;
    if (this.output.length < count) this.output = new Float32Array(Math.max(count, 2 * this.output.length));
    const output = this.output;
    const history = this.history;
    const step = this.step;
    for (let m = this.produced, j = 0; m < end; m++, j++) {
      let position: number;
      let row: number;
      let alpha = 0;
      if (this.exact) {
        const scaled = m * step;
        position = Math.floor(scaled / phases);
        row = scaled - position * phases;
      } else {
        const time = m * step;
        position = Math.floor(time);
        const fractional = (time - position) * phases;
        row = Math.floor(fractional);
        alpha = fractional - row;
      }
      const base = position - halfTaps + 1 - this.historyStart;
      const rowOffset = row * taps;
      let sum = 0;
      if (differences === null) {
        for (let n = 0; n < taps; n++) sum += history[base + n]! * coefficients[rowOffset + n]!;
      } else {
        for (let n = 0; n < taps; n++) {
          sum += history[base + n]! * (coefficients[rowOffset + n]! + alpha * differences[rowOffset + n]!);
        }
      }
      output[j] = sum;
    }
    this.produced = end;
    this.discardHistory();
    return output.subarray(0, count);
  }

  private discardHistory(): void {
    const { halfTaps, phases } = this.filter;
    const next = this.exact ? Math.floor((this.produced * this.step) / phases) : Math.floor(this.produced * this.step);
    const keepFrom = Math.min(next - halfTaps + 1, this.received);
    const shift = keepFrom - this.historyStart;
    if (shift <= 0) return;
    this.history.copyWithin(0, shift, this.received - this.historyStart);
    this.historyStart = keepFrom;
  }
}
