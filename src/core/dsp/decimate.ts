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
 * times stay aligned with the original signal.
 * References: Vaidyanathan, "Multirate Systems and Filter Banks" (1993), §4.6 (half-band
 *   filters); Kaiser (1974) for β and length.
 */
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
 * y[m] = x[2m]/2 + Σ_k h[k]·(x[2m−k] + x[2m+k]) over odd k. The odd-indexed samples are
 * first copied into one zero-padded array so the inner loop reads contiguous memory.
 */
export function decimateByTwo(input: Float32Array, filter: HalfBandFilter = halfBandFilter()): Float32Array {
  const taps = filter.oddTaps;
  const tapCount = taps.length;
  const outLength = Math.ceil(input.length / 2);
  const oddCount = Math.floor(input.length / 2);
  const odd = new Float32Array(oddCount + 2 * tapCount);
  for (let j = 0; j < oddCount; j++) odd[tapCount + j] = input[2 * j + 1]!;
  const out = new Float32Array(outLength);
  for (let from = 0; from < outLength; from += KERNEL_BLOCK) {
    filterBlock(input, odd, taps, out, from, Math.min(outLength, from + KERNEL_BLOCK));
  }
  return out;
}

/**
 * Outputs per call of the filter kernel. A loop over a whole track inside one call only ever
 * runs as on-stack-replaced code, which V8 makes about 3× slower than the code it compiles
 * for a function called many times; short calls get the fast code after a few blocks.
 */
const KERNEL_BLOCK = 4096;

/**
 * out[m] for m in [from, to), each the sum of one stage in the order the doc comment gives.
 * Four outputs are summed side by side: four independent chains of additions keep the FPU
 * busy where one chain waits on each addition's latency; every output's own sum is unchanged.
 */
function filterBlock(
  input: Float32Array,
  odd: Float32Array,
  taps: Float64Array,
  out: Float32Array,
  from: number,
  to: number,
): void {
  const tapCount = taps.length;
  let m = from;
  for (; m + 4 <= to; m += 4) {
    let sum0 = 0.5 * input[2 * m]!;
    let sum1 = 0.5 * input[2 * m + 2]!;
    let sum2 = 0.5 * input[2 * m + 4]!;
    let sum3 = 0.5 * input[2 * m + 6]!;
    // x[2m − k] = odd[m − (k + 1)/2] and x[2m + k] = odd[m + (k − 1)/2], offset by tapCount.
    let left = tapCount + m - 1;
    let right = tapCount + m;
    for (let i = 0; i < tapCount; i++, left--, right++) {
      const tap = taps[i]!;
      sum0 += tap * (odd[left]! + odd[right]!);
      sum1 += tap * (odd[left + 1]! + odd[right + 1]!);
      sum2 += tap * (odd[left + 2]! + odd[right + 2]!);
      sum3 += tap * (odd[left + 3]! + odd[right + 3]!);
    }
    out[m] = sum0;
    out[m + 1] = sum1;
    out[m + 2] = sum2;
    out[m + 3] = sum3;
  }
  for (; m < to; m++) {
    let sum = 0.5 * input[2 * m]!;
    let left = tapCount + m - 1;
    let right = tapCount + m;
    for (let i = 0; i < tapCount; i++, left--, right++) sum += taps[i]! * (odd[left]! + odd[right]!);
    out[m] = sum;
  }
}

/** Decimate by `factor` (a power of two ≥ 1) through half-band stages; factor 1 returns the input. */
export function decimateByPowerOfTwo(input: Float32Array, factor: number): Float32Array {
  if (!(Number.isInteger(factor) && factor >= 1 && (factor & (factor - 1)) === 0)) {
    throw new RangeError(`decimateByPowerOfTwo: factor must be a power of two ≥ 1, got ${factor}`);
  }
  let signal = input;
  for (let remaining = factor; remaining > 1; remaining /= 2) signal = decimateByTwo(signal);
  return signal;
}

/** The power-of-two factor that takes `fromRate` to `toRate`, or null when there is none. */
export function powerOfTwoFactor(fromRate: number, toRate: number): number | null {
  const factor = fromRate / toRate;
  return Number.isInteger(factor) && factor >= 1 && (factor & (factor - 1)) === 0 ? factor : null;
}
