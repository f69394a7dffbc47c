/**
 * Decimation by a power of two through a cascade of half-band FIR stages: each stage
 * low-passes at a quarter of its input rate and keeps every other sample. A half-band
 * filter has every other coefficient zero and is symmetric, so one output costs about a
 * quarter of its taps in multiplications: far cheaper than a general polyphase resampler
 * for the common analysis case (44.1 kHz → 22.05 kHz, 88.2 kHz → 22.05 kHz).
 * Design: Kaiser-windowed sinc at cutoff fs/4 (the half-band condition), transition band
 * 0.45–0.55 of the stage's Nyquist frequency, ≥ 80 dB stopband; content up to 90 % of
 * the new Nyquist frequency passes within ±0.001 dB, and only the top 10 % below it can
 * hold aliases. Output sample m sits at input sample factor·m (zero delay), so frame
 * times stay aligned with the original signal. The sums run in Float32 (taps rounded to
 * Float32, every product and addition rounded as single precision; about 26 terms, so the
 * rounding stays near −130 dB, far under the stopband): the arithmetic a four-lane f32 SIMD
 * kernel does, so accelerated and TypeScript outputs are the same bit for bit.
 * References: Vaidyanathan, "Multirate Systems and Filter Banks" (1993), §4.6 (half-band
 *   filters); Kaiser (1974) for β and length.
 */
import type { Resampler } from "./resample.js";
import { kaiserWindow } from "./windows.js";

export interface HalfBandFilter {
  /** Non-zero off-centre coefficients h[1], h[3], h[5], … (h[-k] = h[k]); the centre tap is 0.5. */
  readonly oddTaps: Float64Array;
}

const STOPBAND_DB = 80;
/** Transition width as a fraction of the stage's input sample rate (0.45…0.55 of Nyquist). */
const TRANSITION = 0.05;

let sharedFilter: HalfBandFilter | undefined;

/**
 * The half-band filter all stages use (designed once): h[k] = sin(πk/2)/(πk)·w[k] for odd k,
 * h[0] = 0.5, zero at even k ≠ 0; the odd taps are scaled so that the gain at DC is exactly 1.
 */
export function halfBandFilter(): HalfBandFilter {
  if (sharedFilter) return sharedFilter;
  // Kaiser (1974): length N ≈ (A − 7.95) / (14.36 Δf) + 1, β = 0.1102 (A − 8.7).
  const estimate = Math.ceil((STOPBAND_DB - 7.95) / (14.36 * TRANSITION)) + 1;
  // A half-band filter of length 4K + 3 has its outermost taps at odd offsets (non-zero).
  const length = 4 * Math.ceil((estimate - 3) / 4) + 3;
  const half = (length - 1) / 2;
  const window = kaiserWindow(length, 0.1102 * (STOPBAND_DB - 8.7), "symmetric");
  const oddTaps = new Float64Array((half + 1) / 2);
  let oddSum = 0;
  for (let k = 1, i = 0; k <= half; k += 2, i++) {
    oddTaps[i] = (Math.sin((Math.PI * k) / 2) / (Math.PI * k)) * window[half + k]!;
    oddSum += oddTaps[i]!;
  }
  // DC gain = 0.5 + 2·Σ odd taps; make it 1 without touching the centre tap.
  for (let i = 0; i < oddTaps.length; i++) oddTaps[i]! *= 0.25 / oddSum;
  sharedFilter = { oddTaps };
  return sharedFilter;
}

/**
 * One stage: low-pass at a quarter of the rate and keep even samples; edges are zero-padded.
 * y[m] = x[2m]/2 + Σ_k h[k]·(x[2m−k] + x[2m+k]) over odd k.
 */
export function decimateByTwo(input: Float32Array, filter: HalfBandFilter = halfBandFilter()): Float32Array {
  const stage = new HalfBandStage(filter);
  const out = new Float32Array(Math.ceil(input.length / 2));
  stage.run(input, true, out);
  return out;
}

/** Decimate by `factor` (a power of two ≥ 1) through half-band stages; factor 1 returns the input. */
export function decimateByPowerOfTwo(input: Float32Array, factor: number): Float32Array {
  if (!isPowerOfTwoFactor(factor)) {
    throw new RangeError(`decimateByPowerOfTwo: factor must be a power of two ≥ 1, got ${factor}`);
  }
  let signal = input;
  for (let remaining = factor; remaining > 1; remaining /= 2) signal = decimateByTwo(signal);
  return signal;
}

/**
 * The inner sums of a half-band stage on buffers the kernel owns, so that a faster
 * implementation (WebAssembly SIMD in src/accel) can keep them in its own memory:
 *   out[j] = seeds[j] ⊕ Σ_i taps[i] ⊗ (odd[oddAt + j − 1 − i] ⊕ odd[oddAt + j + i]), i ascending,
 * for j < count, ⊕ and ⊗ rounded to Float32 each: the operations of `filterBlock` in its
 * order, so results are bit-identical.
 */
export interface HalfBandSums {
  /** The stage's history of odd samples (its length is the capacity asked for). */
  readonly odd: Float32Array;
  /** Each output's first term, 0.5·x[2m] (length: the block capacity). */
  readonly seeds: Float32Array;
  readonly out: Float32Array;
  run(oddAt: number, count: number): void;
  /** One piece of the stage's input (its length is the piece capacity asked for). */
  readonly piece: Float32Array;
  /** odd[oddAt + k] = piece[first + 2k] for first + 2k < to (as `copyOddSamples`). */
  takeOdds(first: number, to: number, oddAt: number): void;
  /** `run` after seeds[j] = 0.5·piece[evenAt + 2j] for j < count (as `seedWithEvens`). */
  runFromPiece(evenAt: number, oddAt: number, count: number): void;
}

/**
 * Makes a `HalfBandSums` for the odd taps (Float32) with room for `oddCapacity` odd samples,
 * `blockCapacity` outputs and `pieceCapacity` input samples.
 */
export type HalfBandSumsFactory = (
  taps: Float32Array,
  oddCapacity: number,
  blockCapacity: number,
  pieceCapacity: number,
) => HalfBandSums;

export interface DecimatorOptions {
  /** The stages' inner-sum kernel; default the TypeScript loop (`filterBlock`). */
  readonly halfBandSums?: HalfBandSumsFactory;
}

/**
 * A streaming decimator from `fromRate` to `toRate` = fromRate / 2^k (the `Resampler`
 * contract): the same half-band cascade as `decimateByPowerOfTwo`, whose output for a whole
 * stream it reproduces bit for bit whatever the chunking. Between calls each stage keeps
 * only what its pending outputs read (about 3·26 samples for the 26 odd taps); an output
 * waits for the input 2·26 − 1 samples after its position (per stage), and `flush`
 * supplies the zero padding at the end. Throws a RangeError unless fromRate / toRate is a
 * power of two ≥ 1 (1 copies the input).
 */
export function createDecimator(fromRate: number, toRate: number, options: DecimatorOptions = {}): Resampler {
  if (!(fromRate > 0 && Number.isFinite(fromRate) && toRate > 0 && Number.isFinite(toRate))) {
    throw new RangeError(`createDecimator: rates must be finite numbers > 0, got ${fromRate} and ${toRate}`);
  }
  const factor = powerOfTwoFactor(fromRate, toRate);
  if (factor === null) {
    throw new RangeError(`createDecimator: ${fromRate} / ${toRate} is not a power of two ≥ 1`);
  }
  return new Decimator(fromRate, toRate, factor, options.halfBandSums);
}

function isPowerOfTwoFactor(factor: number): boolean {
  return Number.isInteger(factor) && factor >= 1 && (factor & (factor - 1)) === 0;
}

class Decimator implements Resampler {
  private readonly stages: HalfBandStage[] = [];
  /** Factor 1: the copy handed out. */
  private copy = new Float32Array(0);

  constructor(
    readonly fromRate: number,
    readonly toRate: number,
    factor: number,
    halfBandSums: HalfBandSumsFactory | undefined,
  ) {
    for (let remaining = factor; remaining > 1; remaining /= 2) {
      this.stages.push(new HalfBandStage(halfBandFilter(), halfBandSums));
    }
  }

  process(input: Float32Array): Float32Array {
    if (this.stages.length === 0) {
      if (this.copy.length < input.length) this.copy = new Float32Array(Math.max(input.length, 2 * this.copy.length));
      this.copy.set(input);
      return this.copy.subarray(0, input.length);
    }
    let signal = input;
    for (const stage of this.stages) signal = stage.run(signal, false);
    return signal;
  }

  flush(): Float32Array {
    let signal: Float32Array = this.copy.subarray(0, 0);
    for (const stage of this.stages) signal = stage.run(signal, true);
    return signal;
  }

  outputLength(inputLength: number): number {
    let length = inputLength;
    for (let i = 0; i < this.stages.length; i++) length = Math.ceil(length / 2);
    return length;
  }

  reset(): void {
    for (const stage of this.stages) stage.reset();
  }
}

/** Input samples a stage takes per pass (its odd history holds half of this plus the filter span). */
const STAGE_PIECE = 2 * 4096;

/**
 * One half-band stage over a stream. The odd samples x[2j+1] are copied into one history
 * (starting with tapCount zeros, the padding before the signal) so the kernel reads them
 * contiguously; the even ones x[2m] are read in place from the input, and only those of
 * outputs still pending when a call returns (≤ tapCount) are copied. Output m is computed
 * once odd sample m + tapCount − 1 (input 2m + 2·tapCount − 1) is known; `run(…, true)`
 * appends the zeros after the signal and computes the rest.
 */
class HalfBandStage {
  /** The filter's odd taps rounded to Float32 (the sums' precision). */
  private readonly taps: Float32Array;
  private readonly even: Float32Array;
  private readonly odd: Float32Array;
  /** Absolute index (in its own sequence) of even[0] and odd[0]. */
  private evenStart = 0;
  private oddStart = 0;
  private received = 0;
  private produced = 0;
  private output = new Float32Array(0);
  private readonly sums: HalfBandSums | null;

  constructor(filter: HalfBandFilter, sumsFactory?: HalfBandSumsFactory) {
    this.taps = Float32Array.from(filter.oddTaps);
    const span = this.taps.length;
    // Between passes at most tapCount outputs are pending, each with its even sample kept.
    this.even = new Float32Array(span + 1);
    const oddCapacity = STAGE_PIECE / 2 + 4 * span + 2;
    this.sums = sumsFactory ? sumsFactory(this.taps, oddCapacity, KERNEL_BLOCK, STAGE_PIECE) : null;
    this.odd = this.sums ? this.sums.odd : new Float32Array(oddCapacity);
    this.reset();
  }

  reset(): void {
    const tapCount = this.taps.length;
    this.odd.fill(0, 0, tapCount);
    this.evenStart = 0;
    this.oddStart = -tapCount;
    this.received = 0;
    this.produced = 0;
  }

  /**
   * Takes the next input samples and returns the outputs now computable (all of them, the end
   * zero-padded, when `final`, which also resets the stage) in `out` or an internal buffer.
   */
  run(input: Float32Array, final: boolean, out?: Float32Array): Float32Array {
    const tapCount = this.taps.length;
    const total = this.received + input.length;
    const end = final ? Math.ceil(total / 2) : Math.max(this.produced, Math.floor(total / 2) - tapCount + 1);
    const count = end - this.produced;
    let output = out;
    if (output === undefined) {
      if (this.output.length < count) this.output = new Float32Array(Math.max(count, 2 * this.output.length));
      output = this.output;
    }
    let written = 0;
    for (let from = 0; from < input.length; from += STAGE_PIECE) {
      const to = Math.min(input.length, from + STAGE_PIECE);
      // Absolute index of input[from], and the even samples held before this piece.
      const pieceStart = this.received;
      const evensBefore = (pieceStart + 1) >> 1;
      this.compact(evensBefore);
      const oddAt = (pieceStart >> 1) - this.oddStart;
      const { sums } = this;
      // With a kernel, the piece is copied into its memory once, where it takes the odd samples
      // and the seeds of the outputs whose even sample lies in the piece.
      if (sums === null) copyOddSamples(input, from + (pieceStart & 1 ? 0 : 1), to, this.odd, oddAt);
      else {
        sums.piece.set(from === 0 && to === input.length ? input : input.subarray(from, to));
        sums.takeOdds(pieceStart & 1 ? 0 : 1, to - from, oddAt);
      }
      this.received += to - from;
      const ready = Math.max(this.produced, Math.floor(this.received / 2) - tapCount + 1);
      // Outputs whose even sample came earlier read the history, the others the input.
      const split = Math.min(ready, evensBefore);
      written += this.filter(this.even, this.produced - this.evenStart, 1, split, output, written);
      written += this.filter(input, from + 2 * this.produced - pieceStart, 2, ready, output, written, from);
      this.keepPendingEvens(input, from, pieceStart, evensBefore);
    }
    if (final) {
      this.compact((this.received + 1) >> 1);
      // Zero padding after the signal: odd samples up to the last output's reach.
      const oddCount = this.received >> 1;
      const oddEnd = end + tapCount - 1;
      if (oddEnd > oddCount) this.odd.fill(0, oddCount - this.oddStart, oddEnd - this.oddStart);
      written += this.filter(this.even, this.produced - this.evenStart, 1, end, output, written);
      this.reset();
    }
    return output.subarray(0, written);
  }

  /**
   * Outputs [produced, end) into out from `offset`, in kernel-sized calls, the first one's
   * even sample at evenSource[evenAt] (stride 1 or 2); returns their number. `pieceFrom` ≥ 0:
   * evenSource is the input whose samples from pieceFrom on are the kernel's `piece`.
   */
  private filter(
    evenSource: Float32Array,
    evenAt: number,
    evenStride: number,
    end: number,
    out: Float32Array,
    offset: number,
    pieceFrom = -1,
  ): number {
    const count = Math.max(0, end - this.produced);
    const oddAt = this.produced - this.oddStart;
    const { sums } = this;
    for (let done = 0; done < count; done += KERNEL_BLOCK) {
      const blockCount = Math.min(KERNEL_BLOCK, count - done);
      const evenFrom = evenAt + done * evenStride;
      if (sums === null) {
        filterBlock(
          evenSource,
          evenFrom,
          evenStride,
          this.odd,
          oddAt + done,
          this.taps,
          out,
          offset + done,
          blockCount,
        );
      } else {
        // Even samples of the input piece (stride 2) are in the kernel's copy of it.
        if (pieceFrom >= 0) sums.runFromPiece(evenFrom - pieceFrom, oddAt + done, blockCount);
        else {
          seedWithEvens(evenSource, evenFrom, evenStride, sums.seeds, blockCount);
          sums.run(oddAt + done, blockCount);
        }
        out.set(sums.out.subarray(0, blockCount), offset + done);
      }
    }
    this.produced += count;
    return count;
  }

  /** Copies the even samples of input[from, to) that no output has used yet into the history. */
  private keepPendingEvens(input: Float32Array, from: number, pieceStart: number, evensBefore: number): void {
    const evensAfter = (this.received + 1) >> 1;
    const first = Math.max(this.produced, evensBefore);
    if (first === this.produced && first > evensBefore) this.evenStart = first;
    else this.compact(evensBefore);
    for (let m = first; m < evensAfter; m++) this.even[m - this.evenStart] = input[from + 2 * m - pieceStart]!;
  }

  /**
   * Drops the samples no pending output reads: evens before `produced` (the history holds the
   * evens below `evensHeld`), odds before produced − tapCount.
   */
  private compact(evensHeld: number): void {
    const evenShift = this.produced - this.evenStart;
    if (evenShift > 0) {
      if (evensHeld > this.produced) this.even.copyWithin(0, evenShift, evensHeld - this.evenStart);
      this.evenStart = this.produced;
    }
    const oddShift = this.produced - this.taps.length - this.oddStart;
    if (oddShift > 0) {
      this.odd.copyWithin(0, oddShift, (this.received >> 1) - this.oddStart);
      this.oddStart = this.produced - this.taps.length;
    }
  }
}

/** odd[oddAt…] ← input[first], input[first + 2], … below `to`. */
function copyOddSamples(input: Float32Array, first: number, to: number, odd: Float32Array, oddAt: number): void {
  for (let i = first; i < to; i += 2) odd[oddAt++] = input[i]!;
}

/** seeds[j] = 0.5·even[evenAt + j·evenStride] for j < count: each output's first term (exact in Float32). */
function seedWithEvens(
  even: Float32Array,
  evenAt: number,
  evenStride: number,
  seeds: Float32Array,
  count: number,
): void {
  for (let j = 0, e = evenAt; j < count; j++, e += evenStride) seeds[j] = 0.5 * even[e]!;
}

/**
 * Outputs per call of the filter kernel. A loop over a whole track inside one call only ever
 * runs as on-stack-replaced code, which V8 makes about 3× slower than the code it compiles
 * for a function called many times; short calls get the fast code after a few blocks.
 */
const KERNEL_BLOCK = 4096;

/**
 * `count` outputs into out[outAt…]: output j's even sample x[2m] is even[evenAt + j·evenStride],
 * and odd[oddAt + j − 1] = x[2m − 1], odd[oddAt + j] = x[2m + 1]; each the sum of one stage in
 * the order the doc comment of `decimateByTwo` gives, every operation rounded to Float32
 * (`Math.fround` of the Float64 result of two Float32 operands is the Float32 operation's
 * result: Float64 holds their exact product and rounds their sum only once more harmlessly).
 * Four outputs are summed side by side: four independent chains of additions keep the FPU
 * busy where one chain waits on each addition's latency; every output's own sum is unchanged.
 */
function filterBlock(
  even: Float32Array,
  evenAt: number,
  evenStride: number,
  odd: Float32Array,
  oddAt: number,
  taps: Float32Array,
  out: Float32Array,
  outAt: number,
  count: number,
): void {
  const f32 = Math.fround;
  const tapCount = taps.length;
  let j = 0;
  let e = evenAt;
  for (; j + 4 <= count; j += 4, e += 4 * evenStride) {
    let sum0 = f32(0.5 * even[e]!);
    let sum1 = f32(0.5 * even[e + evenStride]!);
    let sum2 = f32(0.5 * even[e + 2 * evenStride]!);
    let sum3 = f32(0.5 * even[e + 3 * evenStride]!);
    // x[2m − k] = odd[m − (k + 1)/2] and x[2m + k] = odd[m + (k − 1)/2].
    let left = oddAt + j - 1;
    let right = oddAt + j;
    for (let i = 0; i < tapCount; i++, left--, right++) {
      const tap = taps[i]!;
      sum0 = f32(sum0 + f32(tap * f32(odd[left]! + odd[right]!)));
      sum1 = f32(sum1 + f32(tap * f32(odd[left + 1]! + odd[right + 1]!)));
      sum2 = f32(sum2 + f32(tap * f32(odd[left + 2]! + odd[right + 2]!)));
      sum3 = f32(sum3 + f32(tap * f32(odd[left + 3]! + odd[right + 3]!)));
    }
    out[outAt + j] = sum0;
    out[outAt + j + 1] = sum1;
    out[outAt + j + 2] = sum2;
    out[outAt + j + 3] = sum3;
  }
  for (; j < count; j++, e += evenStride) {
    let sum = f32(0.5 * even[e]!);
    let left = oddAt + j - 1;
    let right = oddAt + j;
    for (let i = 0; i < tapCount; i++, left--, right++) sum = f32(sum + f32(taps[i]! * f32(odd[left]! + odd[right]!)));
    out[outAt + j] = sum;
  }
}

/** The power-of-two factor that takes `fromRate` to `toRate`, or null when there is none. */
export function powerOfTwoFactor(fromRate: number, toRate: number): number | null {
  const factor = fromRate / toRate;
  return Number.isInteger(factor) && factor >= 1 && (factor & (factor - 1)) === 0 ? factor : null;
}
