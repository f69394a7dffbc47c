/**
 * Sample peak and true peak per channel (ITU-R BS.1770-4, Annex 2), streaming.
 *
 * True peak: the largest |x| of the signal oversampled by `truePeakOversampling(fs)` with the
 * interpolator of true-peak-interpolator.ts, samples included. The signal is taken as 0 before
 * its first and after its last sample (as an offline meter reads a file); interpolated points
 * run from the first sample to just before the zero that follows the last.
 *
 * Cost: almost nothing in a track can raise the peak found so far, and the interpolator's exact
 * bounds show it cheaply, so at most ~0.2 % of the intervals of the loud test corpus are interpolated:
 * 1. samples are staged per channel in blocks of 16 and each block's max |x| is found on the
 *    float32 bit patterns (a branch-free integer maximum that also flags NaN and ±∞);
 * 2. a block whose neighbourhood (the block and the two beside it, which hold every tap any of
 *    its intervals reads) keeps l1Bound · max|x| ≤ the peak so far is skipped;
 * 3. otherwise, with D = max|Δ²x| over the neighbourhood, an interval whose endpoints keep
 *    max(|x[n]|, |x[n+1]|) + curvatureBound · D ≤ the peak is skipped (whole block first);
 * 4. the remaining intervals are interpolated at every phase.
 * The peak so far includes the sample peak of everything staged. Skipped points can never be
 * the maximum (a relative margin of 1e-9 covers rounding), so the result equals interpolating
 * everything, bit for bit, for any chunking.
 * Non-finite samples (NaN, ±∞) count as 0 and are counted in `nonFiniteSamples`.
 */
import type { Hz } from "../types.js";
import {
  designTruePeakInterpolator,
  type TruePeakInterpolator,
  truePeakOversampling,
} from "./true-peak-interpolator.js";

/** Peaks of one channel, linear (1 = full scale). */
export interface ChannelPeakLevels {
  readonly samplePeak: number;
  /** Never below samplePeak. */
  readonly truePeak: number;
}

export interface PeakLevels {
  readonly channels: readonly ChannelPeakLevels[];
  /** Oversampling factor used for the true peak (1: none, the true peak is the sample peak). */
  readonly oversampling: number;
  /** NaN or infinite samples, all channels (read as 0). */
  readonly nonFiniteSamples: number;
}

export interface PeakMeter {
  /** Adds channels[c][0, length) for every channel; the arrays may be longer and are not kept. */
  write(channels: readonly Float32Array[], length: number): void;
  /** Peaks of everything written so far (the signal taken to end here). */
  result(): PeakLevels;
}

/** Taps per phase of the interpolator (the kernel is written out for 16; ≤ 2·BLOCK). */
const PEAK_METER_TAPS = 16;
/** Samples per block of the skip decision (a power of two, ≥ taps/2). */
const BLOCK = 16;
const BLOCK_SHIFT = 4;
/** Blocks staged per channel between interpolation passes. */
const STAGE_BLOCKS = 1024;
/** Relative margin that keeps the skip test exact despite rounding in the bounds and the sums. */
const BOUND_MARGIN = 1 + 1e-9;
/** Marks a block whose curvature (max |Δ²x|) is not computed yet. */
const UNKNOWN = -1;

/** The staged samples of one channel and what is known about them. */
class ChannelStage {
  /** samples[i] = x[base + i]; block 0 is history, the next interval to interpolate is in block 1. */
  readonly samples: Float32Array;
  /** The same memory as integers (float32 bit patterns). */
  readonly bits: Int32Array;
  /** Max |x| of each scanned block, as float32 bit patterns (written by the scan)… */
  readonly blockBits: Int32Array;
  /** …and as values (the same memory). */
  readonly blockMax: Float32Array;
  /** Max |Δ²x| of each block, UNKNOWN until needed. */
  readonly blockCurvature: Float64Array;
  /** Sample peak of the scanned blocks. */
  samplePeak = 0;
  /** True peak of the interpolated intervals. */
  truePeak = 0;
  /** Non-finite samples in the scanned blocks. */
  nonFinite = 0;

  constructor(blocks: number) {
    this.samples = new Float32Array(blocks * BLOCK);
    this.bits = new Int32Array(this.samples.buffer);
    this.blockBits = new Int32Array(blocks);
    this.blockMax = new Float32Array(this.blockBits.buffer);
    this.blockCurvature = new Float64Array(blocks).fill(UNKNOWN);
  }

  /** A copy of blocks [0, blocks) with one more block of zeros (the look-ahead after the last sample). */
  paddedCopy(blocks: number): ChannelStage {
    const copy = new ChannelStage(blocks + 1);
    copy.samples.set(this.samples.subarray(0, blocks * BLOCK));
    copy.blockBits.set(this.blockBits.subarray(0, blocks));
    copy.samplePeak = this.samplePeak;
    copy.truePeak = this.truePeak;
    copy.nonFinite = this.nonFinite;
    return copy;
  }
}

/** A peak meter for `channelCount` (≥ 1) channels at `sampleRate` Hz. Arguments are validated by the caller. */
export function createPeakMeter(sampleRate: Hz, channelCount: number): PeakMeter {
  const interpolator = designTruePeakInterpolator(truePeakOversampling(sampleRate), PEAK_METER_TAPS);
  const stages = Array.from({ length: channelCount }, () => new ChannelStage(STAGE_BLOCKS));
  // Block 0 holds the 16 zeros before x[0] (scanned: its maximum is 0).
  let fill = BLOCK;
  let scanned = 1;

  /** Scans the new blocks, interpolates blocks 1 … m−2 of the m staged, then keeps blocks m−2 and m−1 as 0 and 1. */
  const interpolateStaged = (): void => {
    const blocks = fill >> BLOCK_SHIFT;
    for (const stage of stages) {
      scanBlocks(stage, scanned, blocks);
      const threshold = Math.max(stage.truePeak, stage.samplePeak);
      stage.truePeak = blocksPeak(stage, fill, 1, blocks - 1, fill, interpolator, threshold);
      stage.samples.copyWithin(0, (blocks - 2) * BLOCK, fill);
      stage.blockBits.copyWithin(0, blocks - 2, blocks);
      stage.blockCurvature.fill(UNKNOWN);
    }
    fill = 2 * BLOCK;
    scanned = 2;
  };

  return {
    write(channels, length) {
      for (let from = 0; from < length; ) {
        const to = Math.min(length, from + (STAGE_BLOCKS * BLOCK - fill));
        for (let channel = 0; channel < channelCount; channel++) {
          stages[channel]!.samples.set(channels[channel]!.subarray(from, to), fill);
        }
        fill += to - from;
        from = to;
        if (fill === STAGE_BLOCKS * BLOCK) interpolateStaged();
      }
    },
    result() {
      // The staged blocks, the last one completed with zeros, and a block of zeros for the look-ahead.
      const blocks = (fill + BLOCK - 1) >> BLOCK_SHIFT;
      const tails = stages.map((stage) => {
        const tail = stage.paddedCopy(blocks);
        tail.samples.fill(0, fill);
        scanBlocks(tail, scanned, blocks);
        const threshold = Math.max(tail.truePeak, tail.samplePeak);
        tail.truePeak = blocksPeak(tail, (blocks + 1) * BLOCK, 1, blocks, fill, interpolator, threshold);
        return tail;
      });
      return {
        channels: tails.map(({ samplePeak, truePeak }) => ({ samplePeak, truePeak })),
        oversampling: interpolator.factor,
        nonFiniteSamples: tails.reduce((sum, tail) => sum + tail.nonFinite, 0),
      };
    },
  };
}

/** Bits of the largest finite float32 magnitude; |x| bit patterns above it are ±∞ or NaN. */
const MAX_FINITE_BITS = 0x7f7fffff;
/** One float32 for turning a magnitude's bit pattern back into its value. */
const bitsToFloat = new Float32Array(1);
const floatBits = new Int32Array(bitsToFloat.buffer);

/** max(a, b) of two integers in [0, 2³¹) without a branch: adds b − a only when it is positive. */
function maxBits(a: number, b: number): number {
  const step = b - a;
  return a + (step & ~(step >> 31));
}

/**
 * |x| of a float32 as its bit pattern: the pattern without its sign bit. Magnitudes order like
 * these integers, so an integer maximum (branch-free, see maxBits) finds the largest |x| and
 * flags NaN and ±∞ (patterns above the largest finite one) in the same pass.
 */
function magnitudeBits(bits: Int32Array, index: number): number {
  return bits[index]! & 0x7fffffff;
}

/** Computes the maxima of blocks [fromBlock, toBlock) (non-finite samples become 0) and raises the sample peak. */
function scanBlocks(stage: ChannelStage, fromBlock: number, toBlock: number): void {
  const { bits, blockBits } = stage;
  bitsToFloat[0] = stage.samplePeak;
  let peak = floatBits[0]!;
  for (let block = fromBlock; block < toBlock; block++) {
    const i = block * BLOCK;
    // A tree of maxima over the 16 samples, written out (no loop overhead, short dependency chains).
    let max = maxBits(
      maxBits(
        maxBits(
          maxBits(magnitudeBits(bits, i), magnitudeBits(bits, i + 1)),
          maxBits(magnitudeBits(bits, i + 2), magnitudeBits(bits, i + 3)),
        ),
        maxBits(
          maxBits(magnitudeBits(bits, i + 4), magnitudeBits(bits, i + 5)),
          maxBits(magnitudeBits(bits, i + 6), magnitudeBits(bits, i + 7)),
        ),
      ),
      maxBits(
        maxBits(
          maxBits(magnitudeBits(bits, i + 8), magnitudeBits(bits, i + 9)),
          maxBits(magnitudeBits(bits, i + 10), magnitudeBits(bits, i + 11)),
        ),
        maxBits(
          maxBits(magnitudeBits(bits, i + 12), magnitudeBits(bits, i + 13)),
          maxBits(magnitudeBits(bits, i + 14), magnitudeBits(bits, i + 15)),
        ),
      ),
    );
    if (max > MAX_FINITE_BITS) max = zeroNonFinite(stage, i, i + BLOCK);
    blockBits[block] = max;
    peak = maxBits(peak, max);
  }
  floatBits[0] = peak;
  stage.samplePeak = bitsToFloat[0]!;
}

/** Sets the NaN and ±∞ samples of [start, end) to 0 and counts them; returns the max magnitude bits of the rest. */
function zeroNonFinite(stage: ChannelStage, start: number, end: number): number {
  const { bits } = stage;
  let max = 0;
  for (let i = start; i < end; i++) {
    const magnitude = bits[i]! & 0x7fffffff;
    if (magnitude <= MAX_FINITE_BITS) {
      max = Math.max(max, magnitude);
    } else {
      bits[i] = 0;
      stage.nonFinite++;
    }
  }
  return max;
}

/**
 * max(peak, |y|) over the interpolated points of the intervals in blocks [fromBlock, toBlock)
 * whose first sample index is < `end`; stage.samples[0, fill) must hold blocks fromBlock−1 … toBlock.
 */
function blocksPeak(
  stage: ChannelStage,
  fill: number,
  fromBlock: number,
  toBlock: number,
  end: number,
  interpolator: TruePeakInterpolator,
  peak: number,
): number {
  if (interpolator.factor === 1) return peak;
  const { samples, blockMax } = stage;
  const { l1Bound, curvatureBound } = interpolator;
  // Blocks whose neighbourhood stays at or below `limit` cannot exceed the peak (first bound).
  let limit = peak / (l1Bound * BOUND_MARGIN);
  for (let block = fromBlock; block < toBlock; block++) {
    if (blockMax[block - 1]! <= limit && blockMax[block]! <= limit && blockMax[block + 1]! <= limit) continue;
    const curvature = Math.max(
      blockCurvature(stage, block - 1, fill),
      blockCurvature(stage, block, fill),
      blockCurvature(stage, block + 1, fill),
    );
    const next = samples[(block + 1) * BLOCK]!;
    const endpoints = Math.max(blockMax[block]!, next < 0 ? -next : next);
    const curvatureTerm = curvatureBound * curvature;
    if ((endpoints + curvatureTerm) * BOUND_MARGIN <= peak) continue;
    const last = Math.min(end, (block + 1) * BLOCK);
    peak = intervalsPeak(samples, block * BLOCK, last, interpolator, curvatureTerm, peak);
    limit = peak / (l1Bound * BOUND_MARGIN);
  }
  return peak;
}

/**
 * Max |x[i−1] − 2·x[i] + x[i+1]| over the centres i of `block` that have both neighbours staged
 * (a superset of the centres any interval of the neighbouring blocks uses), computed once.
 */
function blockCurvature(stage: ChannelStage, block: number, fill: number): number {
  const known = stage.blockCurvature[block]!;
  if (known !== UNKNOWN) return known;
  const { samples } = stage;
  const first = Math.max(1, block * BLOCK);
  const last = Math.min(fill - 1, (block + 1) * BLOCK);
  // Two running maxima: two short dependency chains instead of one long one.
  let even = 0;
  let odd = 0;
  let i = first;
  for (; i + 1 < last; i += 2) {
    even = Math.max(even, Math.abs(samples[i - 1]! - 2 * samples[i]! + samples[i + 1]!));
    odd = Math.max(odd, Math.abs(samples[i]! - 2 * samples[i + 1]! + samples[i + 2]!));
  }
  if (i < last) even = Math.max(even, Math.abs(samples[i - 1]! - 2 * samples[i]! + samples[i + 1]!));
  const max = Math.max(even, odd);
  stage.blockCurvature[block] = max;
  return max;
}

/**
 * max(peak, |y|) over the interpolated points of intervals [start, end) (indices of their first
 * samples), skipping each interval whose curvature bound max(|x[n]|, |x[n+1]|) + `curvatureTerm`
 * cannot exceed the peak. Written out for 16 taps: the 16 samples of an interval are read once
 * for all phases, and each phase's sum is two chains of 8 products (always added in this order).
 */
function intervalsPeak(
  samples: Float32Array,
  start: number,
  end: number,
  interpolator: TruePeakInterpolator,
  curvatureTerm: number,
  peak: number,
): number {
  const c = interpolator.coefficients;
  const rows = (interpolator.factor - 1) * PEAK_METER_TAPS;
  let limit = peak / BOUND_MARGIN - curvatureTerm;
  for (let n = start; n < end; n++) {
    const left = samples[n]!;
    const right = samples[n + 1]!;
    if ((left < 0 ? -left : left) <= limit && (right < 0 ? -right : right) <= limit) continue;
    const f = n - 7;
    const x0 = samples[f]!;
    const x1 = samples[f + 1]!;
    const x2 = samples[f + 2]!;
    const x3 = samples[f + 3]!;
    const x4 = samples[f + 4]!;
    const x5 = samples[f + 5]!;
    const x6 = samples[f + 6]!;
    const x7 = samples[f + 7]!;
    const x8 = samples[f + 8]!;
    const x9 = samples[f + 9]!;
    const x10 = samples[f + 10]!;
    const x11 = samples[f + 11]!;
    const x12 = samples[f + 12]!;
    const x13 = samples[f + 13]!;
    const x14 = samples[f + 14]!;
    const x15 = samples[f + 15]!;
    for (let r = 0; r < rows; r += PEAK_METER_TAPS) {
      const low =
        c[r]! * x0 +
        c[r + 1]! * x1 +
        c[r + 2]! * x2 +
        c[r + 3]! * x3 +
        c[r + 4]! * x4 +
        c[r + 5]! * x5 +
        c[r + 6]! * x6 +
        c[r + 7]! * x7;
      const high =
        c[r + 8]! * x8 +
        c[r + 9]! * x9 +
        c[r + 10]! * x10 +
        c[r + 11]! * x11 +
        c[r + 12]! * x12 +
        c[r + 13]! * x13 +
        c[r + 14]! * x14 +
        c[r + 15]! * x15;
      const sum = low + high;
      const magnitude = sum < 0 ? -sum : sum;
      if (magnitude > peak) {
        peak = magnitude;
        limit = peak / BOUND_MARGIN - curvatureTerm;
      }
    }
  }
  return peak;
}
