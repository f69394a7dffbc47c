/**
 * Dynamic range in the style of the Pleasurize Music Foundation's DR meter (TT DR Offline
 * Meter): per channel, the signal is cut into blocks of 3 s (the last, shorter block counts
 * too, over its own length); each block gets RMS_b = √(2·mean(x²)) (the factor 2 makes a
 * sine's RMS equal its peak) and its sample peak P_b. With n blocks and
 * m = max(1, round(0.2·n)) (the loudest 20 %; halves round up),
 * DR_c = 20·log10(P_2nd / √(mean of the m largest RMS_b²)), P_2nd the second-largest block
 * peak (the largest when there is one block). The figure is the mean of the channels' DR_c
 * (the meter displays it rounded to an integer, `drRounded`). Reimplementations refuse
 * tracks shorter than five blocks; here the figure is computed anyway and `blockCount`
 * tells how many blocks it rests on.
 * Non-finite samples are skipped (and reported, so the caller can sanitise its copies).
 * `createBlockLevels` keeps two numbers per block and channel (1,200 blocks per hour) and
 * the channel 0 × channel 1 cross sum per block (the exact stereo correlation terms);
 * chunking does not change the sums (they run in sample order).
 * References: Pleasurize Music Foundation, "Measuring DR ENv3" (2009), the DR procedure;
 *   J. Willhaus, drmeter (MIT licence), for the partial last block and block selection.
 */
import type { Dbfs } from "../types.js";

export interface DynamicRangeOptions {
  /** Block length in seconds (> 0); 3 in the DR meter. */
  readonly blockSeconds: number;
  /** Fraction of the loudest blocks whose RMS is used, in (0, 1]; 0.2 in the DR meter. */
  readonly topFraction: number;
}

export const DYNAMIC_RANGE_DEFAULTS: DynamicRangeOptions = { blockSeconds: 3, topFraction: 0.2 };

export interface ChannelDynamicRange {
  /** DR_c in dB, or null for a silent channel. */
  readonly drDb: number | null;
  /** The second-largest block peak, dBFS. */
  readonly peakDbfs: Dbfs | null;
  /** √(mean RMS_b²) of the loudest blocks, dBFS (a full-scale sine reads 0). */
  readonly topRmsDbfs: Dbfs | null;
}

export interface DynamicRange {
  /** Mean of the channels' DR in dB (null when every channel is silent). */
  readonly drDb: number | null;
  /** drDb rounded to an integer, as the DR meter displays it. */
  readonly drRounded: number | null;
  readonly blockSeconds: number;
  readonly blockCount: number;
  readonly channels: readonly ChannelDynamicRange[];
}

/**
 * Per-channel Σx² and peak of consecutive blocks of `blockLength` samples, and Σ x0·x1 of
 * channels 0 and 1 (the stereo cross term, exact in the time domain).
 */
export interface BlockLevels {
  /**
   * Adds samples [0, length) of each channel; returns true if any was NaN or infinite
   * (skipped). With two or more channels, `mix` (≥ length) receives fround(x0 + x1)·0.5 in
   * the same pass — the arithmetic of mixChannelsInto, so for stereo it is the mono mix and
   * saves a pass over the samples (with more channels the caller overwrites it).
   */
  push(channels: readonly Float32Array[], length: number, mix?: Float32Array): boolean;
  result(): BlockLevelSums;
}

export interface BlockLevelSums {
  /** Per channel, per block: Σx² and peak. */
  readonly sumSquares: Float64Array[];
  readonly peaks: Float64Array[];
  /** Per block: Σ x0·x1 (null for one channel). */
  readonly cross: Float64Array | null;
  /** Samples per block (the last block may be short). */
  readonly lengths: Float64Array;
}

export function createBlockLevels(channelCount: number, blockLength: number): BlockLevels {
  if (!(Number.isInteger(blockLength) && blockLength >= 1)) {
    throw new RangeError(`createBlockLevels: blockLength must be an integer ≥ 1, got ${blockLength}`);
  }
  return new StreamingBlockLevels(channelCount, blockLength);
}

const KERNEL_BLOCK = 4096;

class StreamingBlockLevels implements BlockLevels {
  /** Per channel, per block: [Σx², peak]; the last entry is the block in progress. */
  private levels: Float64Array[];
  private crossSums = new Float64Array(64);
  /** Σ x0·x1 of the block in progress. */
  private readonly runningCross = new Float64Array(1);
  private blocks = 0;
  private position = 0;
  private readonly running: Float64Array[];
  private readonly flags = new Float64Array(1);

  constructor(
    private readonly channelCount: number,
    private readonly blockLength: number,
  ) {
    this.levels = Array.from({ length: channelCount }, () => new Float64Array(2 * 64));
    this.running = Array.from({ length: channelCount }, () => new Float64Array(2));
  }

  push(channels: readonly Float32Array[], length: number, mix?: Float32Array): boolean {
    const { channelCount, blockLength, running, flags } = this;
    flags[0] = 0;
    if (channelCount >= 2 && !(mix !== undefined && mix.length >= length)) {
      throw new RangeError(`BlockLevels.push: mix must hold ${length} samples for ${channelCount} channels`);
    }
    let offset = 0;
    while (offset < length) {
      const take = Math.min(length - offset, blockLength - this.position, KERNEL_BLOCK);
      if (channelCount === 1) {
        levelKernel(channels[0]!, offset, offset + take, running[0]!, flags);
      } else {
        const { runningCross } = this;
        pairKernel(
          channels[0]!,
          channels[1]!,
          offset,
          offset + take,
          running[0]!,
          running[1]!,
          runningCross,
          flags,
          mix!,
        );
        for (let c = 2; c < channelCount; c++) levelKernel(channels[c]!, offset, offset + take, running[c]!, flags);
      }
      offset += take;
      this.position += take;
      if (this.position === blockLength) this.closeBlock();
    }
    return flags[0] !== 0;
  }

  result() {
    const blocks = this.blocks + (this.position > 0 ? 1 : 0);
    const sumSquares: Float64Array[] = [];
    const peaks: Float64Array[] = [];
    for (let c = 0; c < this.channelCount; c++) {
      const levels = this.levels[c]!;
      const running = this.running[c]!;
      const sums = new Float64Array(blocks);
      const blockPeaks = new Float64Array(blocks);
      for (let b = 0; b < this.blocks; b++) {
        sums[b] = levels[2 * b]!;
        blockPeaks[b] = levels[2 * b + 1]!;
      }
      if (blocks > this.blocks) {
        sums[this.blocks] = running[0]!;
        blockPeaks[this.blocks] = running[1]!;
      }
      sumSquares.push(sums);
      peaks.push(blockPeaks);
    }
    const lengths = new Float64Array(blocks).fill(this.blockLength);
    if (blocks > this.blocks) lengths[this.blocks] = this.position;
    let cross: Float64Array | null = null;
    if (this.channelCount >= 2) {
      cross = new Float64Array(blocks);
      cross.set(this.crossSums.subarray(0, this.blocks));
      if (blocks > this.blocks) cross[this.blocks] = this.runningCross[0]!;
    }
    return { sumSquares, peaks, cross, lengths };
  }

  private closeBlock(): void {
    const index = this.blocks;
    for (let c = 0; c < this.channelCount; c++) {
      let levels = this.levels[c]!;
      if (2 * index + 2 > levels.length) {
        const grown = new Float64Array(2 * levels.length);
        grown.set(levels);
        this.levels[c] = grown;
        levels = grown;
      }
      const running = this.running[c]!;
      levels[2 * index] = running[0]!;
      levels[2 * index + 1] = running[1]!;
      running.fill(0);
    }
    if (index === this.crossSums.length) {
      const grown = new Float64Array(2 * index);
      grown.set(this.crossSums);
      this.crossSums = grown;
    }
    this.crossSums[index] = this.runningCross[0]!;
    this.runningCross[0] = 0;
    this.blocks++;
    this.position = 0;
  }
}

/**
 * Σx² and peak of samples[from, to) into running[0..1]; flags[0] = 1 on a non-finite sample.
 * A branch-free pass does the common case (every sample finite: the sum stays finite) several
 * times faster than the loop that skips bad samples; otherwise that loop redoes the stretch
 * from the same state. Both add in the same order, so the results do not depend on which ran.
 */
function levelKernel(
  samples: Float32Array,
  from: number,
  to: number,
  running: Float64Array,
  flags: Float64Array,
): void {
  let sumSquares = running[0]!;
  let peak = running[1]!;
  for (let i = from; i < to; i++) {
    const value = samples[i]!;
    sumSquares += value * value;
    const magnitude = Math.abs(value);
    peak = magnitude > peak ? magnitude : peak;
  }
  if (!Number.isFinite(sumSquares)) {
    levelKernelSkippingNonFinite(samples, from, to, running, flags);
    return;
  }
  running[0] = sumSquares;
  running[1] = peak;
}

function levelKernelSkippingNonFinite(
  samples: Float32Array,
  from: number,
  to: number,
  running: Float64Array,
  flags: Float64Array,
): void {
  let sumSquares = running[0]!;
  let peak = running[1]!;
  for (let i = from; i < to; i++) {
    const value = samples[i]!;
    const magnitude = value < 0 ? -value : value;
    // NaN fails both comparisons; infinities fail the first.
    if (!(magnitude < Number.POSITIVE_INFINITY)) {
      flags[0] = 1;
      continue;
    }
    sumSquares += value * value;
    if (magnitude > peak) peak = magnitude;
  }
  running[0] = sumSquares;
  running[1] = peak;
}

/**
 * `levelKernel` for channels 0 and 1 in one pass, adding Σ left·right to cross[0] and
 * writing mix[i] = fround(left[i] + right[i])·0.5. A non-finite sample leaves its pair out
 * of the cross sum (and is 0 in the mix the caller rebuilds from sanitised copies).
 */
function pairKernel(
  left: Float32Array,
  right: Float32Array,
  from: number,
  to: number,
  runningLeft: Float64Array,
  runningRight: Float64Array,
  cross: Float64Array,
  flags: Float64Array,
  mix: Float32Array,
): void {
  let sumLeft = runningLeft[0]!;
  let peakLeft = runningLeft[1]!;
  let sumRight = runningRight[0]!;
  let peakRight = runningRight[1]!;
  let sumCross = cross[0]!;
  for (let i = from; i < to; i++) {
    const l = left[i]!;
    const r = right[i]!;
    mix[i] = Math.fround(l + r) * 0.5;
    sumLeft += l * l;
    sumRight += r * r;
    sumCross += l * r;
    const magnitudeLeft = Math.abs(l);
    const magnitudeRight = Math.abs(r);
    peakLeft = magnitudeLeft > peakLeft ? magnitudeLeft : peakLeft;
    peakRight = magnitudeRight > peakRight ? magnitudeRight : peakRight;
  }
  // A NaN or infinite sample leaves a sum non-finite: redo the stretch, leaving those pairs out.
  if (!(Number.isFinite(sumLeft) && Number.isFinite(sumRight) && Number.isFinite(sumCross))) {
    pairKernelSkippingNonFinite(left, right, from, to, runningLeft, runningRight, cross, flags, mix);
    return;
  }
  runningLeft[0] = sumLeft;
  runningLeft[1] = peakLeft;
  runningRight[0] = sumRight;
  runningRight[1] = peakRight;
  cross[0] = sumCross;
}

/** `pairKernel` sample by sample, leaving non-finite samples out (the branch-free pass's fallback). */
function pairKernelSkippingNonFinite(
  left: Float32Array,
  right: Float32Array,
  from: number,
  to: number,
  runningLeft: Float64Array,
  runningRight: Float64Array,
  cross: Float64Array,
  flags: Float64Array,
  mix: Float32Array,
): void {
  let sumLeft = runningLeft[0]!;
  let peakLeft = runningLeft[1]!;
  let sumRight = runningRight[0]!;
  let peakRight = runningRight[1]!;
  let sumCross = cross[0]!;
  for (let i = from; i < to; i++) {
    const l = left[i]!;
    const r = right[i]!;
    mix[i] = Math.fround(l + r) * 0.5;
    const magnitudeLeft = l < 0 ? -l : l;
    const magnitudeRight = r < 0 ? -r : r;
    // NaN fails both comparisons; infinities fail them too.
    if (magnitudeLeft < Number.POSITIVE_INFINITY && magnitudeRight < Number.POSITIVE_INFINITY) {
      sumLeft += l * l;
      sumRight += r * r;
      sumCross += l * r;
      if (magnitudeLeft > peakLeft) peakLeft = magnitudeLeft;
      if (magnitudeRight > peakRight) peakRight = magnitudeRight;
    } else {
      flags[0] = 1;
      if (magnitudeLeft < Number.POSITIVE_INFINITY) {
        sumLeft += l * l;
        if (magnitudeLeft > peakLeft) peakLeft = magnitudeLeft;
      }
      if (magnitudeRight < Number.POSITIVE_INFINITY) {
        sumRight += r * r;
        if (magnitudeRight > peakRight) peakRight = magnitudeRight;
      }
    }
  }
  runningLeft[0] = sumLeft;
  runningLeft[1] = peakLeft;
  runningRight[0] = sumRight;
  runningRight[1] = peakRight;
  cross[0] = sumCross;
}

/** The DR figure from per-channel block levels (as from `BlockLevels.result`). */
export function dynamicRangeFromBlocks(
  blocks: Pick<BlockLevelSums, "sumSquares" | "peaks" | "lengths">,
  options: DynamicRangeOptions,
): DynamicRange {
  const blockCount = blocks.lengths.length;
  const channels: ChannelDynamicRange[] = blocks.sumSquares.map((sums, c) => {
    const peaks = blocks.peaks[c]!;
    const squares = Array.from(sums, (sum, b) => (2 * sum) / blocks.lengths[b]!).sort((a, b) => b - a);
    const top = Math.max(1, Math.round(options.topFraction * blockCount));
    let meanSquare = 0;
    for (let b = 0; b < Math.min(top, squares.length); b++) meanSquare += squares[b]!;
    const topRms = blockCount > 0 ? Math.sqrt(meanSquare / Math.min(top, blockCount)) : 0;
    const sortedPeaks = Array.from(peaks).sort((a, b) => b - a);
    const peak = sortedPeaks.length >= 2 ? sortedPeaks[1]! : (sortedPeaks[0] ?? 0);
    return {
      drDb: topRms > 0 && peak > 0 ? 20 * Math.log10(peak / topRms) : null,
      peakDbfs: peak > 0 ? 20 * Math.log10(peak) : null,
      topRmsDbfs: topRms > 0 ? 20 * Math.log10(topRms) : null,
    };
  });
  const values = channels.flatMap((channel) => (channel.drDb === null ? [] : [channel.drDb]));
  const drDb = values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
  return {
    drDb,
    drRounded: drDb === null ? null : Math.round(drDb),
    blockSeconds: options.blockSeconds,
    blockCount,
    channels,
  };
}
