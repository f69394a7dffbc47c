/**
 * K-weighting (ITU-R BS.1770-4, Annex 1, §2.1 "pre-filter" and "RLB weighting curve") for any
 * sample rate: a second-order high shelf (+4 dB above ≈1.7 kHz, the acoustic effect of the head)
 * followed by a second-order high-pass (the revised low-frequency B curve, ≈38 Hz).
 *
 * BS.1770 publishes the two biquads for 48 kHz only. Like libebur128 and pyloudnorm, we take
 * the analog prototypes those coefficients were derived from (corner frequency, Q and gains)
 * and map them to the actual rate with the bilinear transform, pre-warped at each corner:
 *   shelf:     H(s) = (Vh·s² + Vb·s/Q + 1) / (s² + s/Q + 1),   s normalised to the corner
 *   high-pass: H(s) = G·s² / (s² + s/Q + 1)
 * At 48 kHz this reproduces the published coefficients to ~1e-12. The published high-pass
 * numerator is [1, −2, 1], which carries a passband gain G = 1 + K/Q + K² (K at 48 kHz,
 * +0.043 dB); we keep that G at every rate so the response does not drift with the rate
 * (libebur128 keeps the numerator [1, −2, 1] instead: +0.26 dB more at 8 kHz, 0.004 dB at 44.1 kHz).
 *
 * The filtering kernel `kWeightedSquares` runs both biquads (direct form I, Float64 state)
 * over a stretch of one channel and adds the squared output to a running sum
 * kept in the state, so any split of a signal into stretches gives the same sums bit for bit.
 * Reference: ITU-R BS.1770-4 (2015), Annex 1, Tables 1 and 2; R. J. Bristow-Johnson, "Audio EQ
 *   Cookbook" (bilinear transform with pre-warping).
 */
import type { Hz } from "../types.js";

/** A normalised biquad: H(z) = (b0 + b1·z⁻¹ + b2·z⁻²) / (1 + a1·z⁻¹ + a2·z⁻²). */
export interface Biquad {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

/** The two stages of K-weighting, applied in this order. */
export interface KWeightingFilters {
  /** Stage 1: high shelf, +4 dB above ≈1.7 kHz. */
  readonly shelf: Biquad;
  /** Stage 2: revised low-frequency B-curve (RLB) high-pass, ≈38 Hz. */
  readonly highPass: Biquad;
}

/** Analog prototype of the shelf (the parameters behind the published 48 kHz coefficients). */
const SHELF_CORNER_HZ = 1681.974450955533;
const SHELF_GAIN_DB = 3.999843853973347;
const SHELF_Q = 0.7071752369554196;
/** Vb = Vh^exponent: the mid-band gain of the shelf's numerator. */
const SHELF_BAND_EXPONENT = 0.4996667741545416;
/** Analog prototype of the RLB high-pass. */
const HIGH_PASS_CORNER_HZ = 38.13547087602444;
const HIGH_PASS_Q = 0.5003270373238773;
/** The rate whose published coefficients fix the high-pass passband gain. */
const REFERENCE_RATE_HZ = 48000;

/** Lowest rate at which K-weighting exists: the shelf's corner must lie below Nyquist. */
export const K_WEIGHTING_MIN_SAMPLE_RATE: Hz = 2 * SHELF_CORNER_HZ;

/** The K-weighting biquads for `sampleRate` (Hz, > 3364), derived from the analog prototypes. */
export function kWeightingFilters(sampleRate: Hz): KWeightingFilters {
  if (!(Number.isFinite(sampleRate) && sampleRate > K_WEIGHTING_MIN_SAMPLE_RATE)) {
    throw new RangeError(
      `kWeightingFilters: sampleRate must be a finite number > ${K_WEIGHTING_MIN_SAMPLE_RATE} Hz, got ${sampleRate}`,
    );
  }
  return { shelf: shelfFilter(sampleRate), highPass: highPassFilter(sampleRate) };
}

/** Bilinear transform of the shelf with K = tan(π·f0/fs) (pre-warped at the corner). */
function shelfFilter(sampleRate: Hz): Biquad {
  const k = Math.tan((Math.PI * SHELF_CORNER_HZ) / sampleRate);
  const highGain = 10 ** (SHELF_GAIN_DB / 20);
  const bandGain = highGain ** SHELF_BAND_EXPONENT;
  const a0 = 1 + k / SHELF_Q + k * k;
  return {
    b0: (highGain + (bandGain * k) / SHELF_Q + k * k) / a0,
    b1: (2 * (k * k - highGain)) / a0,
    b2: (highGain - (bandGain * k) / SHELF_Q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / SHELF_Q + k * k) / a0,
  };
}

/** Bilinear transform of the high-pass, numerator scaled to the published passband gain. */
function highPassFilter(sampleRate: Hz): Biquad {
  const denominator = (rate: Hz): number => {
    const k = Math.tan((Math.PI * HIGH_PASS_CORNER_HZ) / rate);
    return 1 + k / HIGH_PASS_Q + k * k;
  };
  const k = Math.tan((Math.PI * HIGH_PASS_CORNER_HZ) / sampleRate);
  const a0 = denominator(sampleRate);
  // The digital passband gain (at z = −1) of numerator [g, −2g, g] is g·a0; BS.1770's [1, −2, 1] at 48 kHz fixes it.
  const gain = denominator(REFERENCE_RATE_HZ) / a0;
  return {
    b0: gain,
    b1: -2 * gain,
    b2: gain,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / HIGH_PASS_Q + k * k) / a0,
  };
}

/** Magnitude response of a biquad at `frequency` (Hz), in dB. */
export function biquadGainDb(biquad: Biquad, frequency: Hz, sampleRate: Hz): number {
  const omega = (2 * Math.PI * frequency) / sampleRate;
  const cos1 = Math.cos(omega);
  const sin1 = Math.sin(omega);
  const cos2 = Math.cos(2 * omega);
  const sin2 = Math.sin(2 * omega);
  const numeratorRe = biquad.b0 + biquad.b1 * cos1 + biquad.b2 * cos2;
  const numeratorIm = -(biquad.b1 * sin1 + biquad.b2 * sin2);
  const denominatorRe = 1 + biquad.a1 * cos1 + biquad.a2 * cos2;
  const denominatorIm = -(biquad.a1 * sin1 + biquad.a2 * sin2);
  const power =
    (numeratorRe * numeratorRe + numeratorIm * numeratorIm) /
    (denominatorRe * denominatorRe + denominatorIm * denominatorIm);
  return 10 * Math.log10(power);
}

/** Magnitude response of the whole K-weighting at `frequency` (Hz) for `sampleRate`, in dB. */
export function kWeightingGainDb(frequency: Hz, sampleRate: Hz): number {
  const { shelf, highPass } = kWeightingFilters(sampleRate);
  return biquadGainDb(shelf, frequency, sampleRate) + biquadGainDb(highPass, frequency, sampleRate);
}

/**
 * Both biquads packed for the kernel: the shelf's numerator divided by its b0 (1, b1/b0, b2/b0),
 * its a1 a2, the high-pass's a1 a2, then the square of the gain taken out of the numerators,
 * (shelf b0 · high-pass g)², where the high-pass numerator is g·[1, −2, 1]. The kernel filters
 * with the monic numerators (one multiply less per sample) and scales the sum of squares once.
 */
export function packKWeighting(filters: KWeightingFilters): Float64Array {
  const { shelf, highPass } = filters;
  const gain = shelf.b0 * highPass.b0;
  return Float64Array.of(
    shelf.b1 / shelf.b0,
    shelf.b2 / shelf.b0,
    shelf.a1,
    shelf.a2,
    highPass.a1,
    highPass.a2,
    gain * gain,
  );
}

/**
 * Slots of one channel's kernel state: the shelf's last two inputs and outputs (divided by its
 * b0), the high-pass's last two outputs (divided by b0·g), then the running sum of their squares.
 */
export const K_STATE_SIZE = 7;
const SUM_OF_SQUARES = 6;
/** Filter outputs smaller than this are flushed to 0 by `resetKWeightedSum` (≈ −500 dBFS). */
const FLUSH_BELOW = 1e-25;

/**
 * Filters samples[from, to) of one channel with both biquads (direct form I, Float64) and adds
 * the squared output to the running sum in the state. Non-finite samples (NaN, ±∞) enter the
 * filter as 0, so they cannot poison its state. Everything it changes is in `state`.
 */
export function kWeightedSquares(
  samples: Float32Array,
  from: number,
  to: number,
  coefficients: Float64Array,
  state: Float64Array,
  offset: number,
): void {
  const b1 = coefficients[0]!;
  const b2 = coefficients[1]!;
  const a1 = coefficients[2]!;
  const a2 = coefficients[3]!;
  const c1 = coefficients[4]!;
  const c2 = coefficients[5]!;
  let input1 = state[offset]!;
  let input2 = state[offset + 1]!;
  let shelved1 = state[offset + 2]!;
  let shelved2 = state[offset + 3]!;
  let weighted1 = state[offset + 4]!;
  let weighted2 = state[offset + 5]!;
  let sum = state[offset + SUM_OF_SQUARES]!;
  for (let i = from; i < to; i++) {
    let input = samples[i]!;
    // x − x is 0 for every finite x and NaN for NaN and ±∞.
    if (input - input !== 0) input = 0;
    // Direct form I, the feedback of the latest output added last: the loop-carried chain is one multiply-add.
    const shelved = input + b1 * input1 + b2 * input2 - a2 * shelved2 - a1 * shelved1;
    const weighted = shelved - shelved1 - (shelved1 - shelved2) - c2 * weighted2 - c1 * weighted1;
    sum += weighted * weighted;
    input2 = input1;
    input1 = input;
    shelved2 = shelved1;
    shelved1 = shelved;
    weighted2 = weighted1;
    weighted1 = weighted;
  }
  state[offset] = input1;
  state[offset + 1] = input2;
  state[offset + 2] = shelved1;
  state[offset + 3] = shelved2;
  state[offset + 4] = weighted1;
  state[offset + 5] = weighted2;
  state[offset + SUM_OF_SQUARES] = sum;
}

/** The running sum of squared K-weighted samples of one channel's state. */
export function kWeightedSum(coefficients: Float64Array, state: Float64Array, offset: number): number {
  return coefficients[6]! * state[offset + SUM_OF_SQUARES]!;
}

/**
 * Starts a new sum and sets vanishing filter states to 0, so a decaying filter never runs on
 * subnormal numbers (which cost ~100 cycles each on x86). Call it at signal positions that do
 * not depend on chunking (the meter calls it at every 100 ms sub-block boundary).
 */
export function resetKWeightedSum(state: Float64Array, offset: number): void {
  // The recursive states (outputs); the last two inputs are samples and need no flushing.
  for (let slot = offset + 2; slot < offset + SUM_OF_SQUARES; slot++) {
    if (Math.abs(state[slot]!) < FLUSH_BELOW) state[slot] = 0;
  }
  state[offset + SUM_OF_SQUARES] = 0;
}
