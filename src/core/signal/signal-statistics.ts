/**
 * Level statistics of a signal in one pass per channel: sample peak, RMS, DC offset,
 * clipping and non-finite samples.
 *
 * Clipping is counted the way sample editors find it (e.g. Audacity's "Find Clipping"):
 * a clipped run is at least `minClipRun` consecutive samples of one sign whose magnitude is
 * at or above `clipThreshold` and that stay flat (a pinned converter output, not the crest
 * of a loud sine, whose neighbouring samples differ).
 * `createSignalStatisticsAccumulator` takes the channels in chunks and gives the same figures
 * for any chunking; `channelStatistics` and `signalStatistics` run the same accumulation.
 */
import type { AudioSignal, Dbfs } from "../types.js";
import type { ChannelBlockKernels } from "./channel-block-kernels.js";

export interface SignalStatisticsOptions {
  /** Magnitude at or above which a sample counts as full scale; (0, 1]. */
  readonly clipThreshold: number;
  /** Fewest consecutive full-scale samples that make a clipped run; integer ≥ 1. */
  readonly minClipRun: number;
  /** Largest sample-to-sample change still counted as flat, in full-scale units. */
  readonly flatTolerance: number;
  /** Peak level below which the signal counts as silent, in dBFS. */
  readonly silenceThresholdDbfs: Dbfs;
}

export const SIGNAL_STATISTICS_DEFAULTS: SignalStatisticsOptions = {
  clipThreshold: 0.999,
  minClipRun: 3,
  flatTolerance: 1e-6,
  silenceThresholdDbfs: -90,
};

export interface ChannelStatistics {
  /** Largest absolute sample value (linear, 1 = full scale). */
  readonly samplePeak: number;
  readonly samplePeakDbfs: Dbfs | null;
  readonly rms: number;
  readonly rmsDbfs: Dbfs | null;
  /** Mean sample value (DC offset), full-scale units. */
  readonly dcOffset: number;
  /** Samples inside clipped runs. */
  readonly clippedSamples: number;
  /** Number of clipped runs. */
  readonly clippingEvents: number;
  /** NaN or infinite samples (ignored by the other figures). */
  readonly nonFiniteSamples: number;
}

export interface SignalStatistics extends ChannelStatistics {
  readonly channels: readonly ChannelStatistics[];
  /** True when the peak is below the silence threshold (or there are no samples). */
  readonly silent: boolean;
}

/** Linear amplitude to dBFS; null for 0 (−∞ has no JSON form). */
export function amplitudeToDbfs(amplitude: number): Dbfs | null {
  return amplitude > 0 ? 20 * Math.log10(amplitude) : null;
}

export function channelStatistics(
  samples: Float32Array,
  options: Partial<SignalStatisticsOptions> = {},
): ChannelStatistics {
  const accumulator = new ChannelAccumulator(resolveOptions("channelStatistics", options));
  accumulator.push(samples, samples.length);
  return accumulator.result();
}

/**
 * Statistics of a signal whose samples arrive in chunks: `push` the next `length` samples
 * of every channel, read `result()` at any time (the figures of everything pushed so far).
 * Results equal `signalStatistics` of the whole signal for any chunking (sums are kept in
 * sample order and clipped runs continue across chunks); the state is a few numbers per channel.
 */
export interface SignalStatisticsAccumulator {
  /** Adds the first `length` samples of each of `channels` (one array per channel, in order). */
  push(channels: readonly Float32Array[], length: number): void;
  result(): SignalStatistics;
}

/**
 * With `kernels` (an accelerator), a channel pushed as kernels.channels[c] is accumulated by
 * kernels.levels into kernels.levelStates[c], the state the TypeScript loops use too; the
 * figures are the same bit for bit either way.
 */
export function createSignalStatisticsAccumulator(
  channelCount: number,
  options: Partial<SignalStatisticsOptions> = {},
  kernels?: ChannelBlockKernels,
): SignalStatisticsAccumulator {
  const name = "createSignalStatisticsAccumulator";
  if (!(Number.isInteger(channelCount) && channelCount >= 0)) {
    throw new RangeError(`${name}: channelCount must be an integer ≥ 0, got ${channelCount}`);
  }
  const resolved = resolveOptions(name, options);
  if (kernels !== undefined && kernels.channels.length !== channelCount) {
    throw new RangeError(`${name}: kernels for ${kernels.channels.length} channels, expected ${channelCount}`);
  }
  const accumulators = Array.from(
    { length: channelCount },
    (_, c) => new ChannelAccumulator(resolved, kernels === undefined ? undefined : { kernels, channel: c }),
  );
  return {
    push(channels, length) {
      if (channels.length !== channelCount) {
        throw new RangeError(
          `SignalStatisticsAccumulator.push: expected ${channelCount} channels, got ${channels.length}`,
        );
      }
      if (!(Number.isInteger(length) && length >= 0)) {
        throw new RangeError(`SignalStatisticsAccumulator.push: length must be an integer ≥ 0, got ${length}`);
      }
      for (const samples of channels) {
        if (samples.length < length) {
          throw new RangeError(
            `SignalStatisticsAccumulator.push: a channel holds ${samples.length} < ${length} samples`,
          );
        }
      }
      // The kernels' own buffers: every channel in one call (channels' loops overlap there).
      if (
        kernels !== undefined &&
        channelCount > 1 &&
        channels.every((samples, c) => samples === kernels.channels[c])
      ) {
        kernels.levelsOfChannels(length, resolved);
        for (const accumulator of accumulators) accumulator.counted(length);
        return;
      }
      for (let c = 0; c < channelCount; c++) accumulators[c]!.push(channels[c]!, length);
    },
    result() {
      return combineChannels(
        accumulators.map((accumulator) => accumulator.result()),
        resolved.silenceThresholdDbfs,
      );
    },
  };
}

function resolveOptions(name: string, options: Partial<SignalStatisticsOptions>): SignalStatisticsOptions {
  const resolved = { ...SIGNAL_STATISTICS_DEFAULTS, ...options };
  const { clipThreshold } = resolved;
  if (!(clipThreshold > 0 && clipThreshold <= 1)) {
    throw new RangeError(`${name}: clipThreshold must be in (0, 1], got ${clipThreshold}`);
  }
  return resolved;
}

/** The running figures of one channel. */
class ChannelAccumulator {
  private readonly state: Float64Array;
  private length = 0;

  constructor(
    private readonly options: SignalStatisticsOptions,
    private readonly accelerated?: { readonly kernels: ChannelBlockKernels; readonly channel: number },
  ) {
    this.state = accelerated?.kernels.levelStates[accelerated.channel] ?? new Float64Array(STATE_SIZE);
    if (this.state.length !== STATE_SIZE) throw new RangeError("ChannelAccumulator: a level state holds 8 values");
  }

  /** Adds samples[0, length). */
  push(samples: Float32Array, length: number): void {
    const accelerated = this.accelerated;
    if (accelerated !== undefined && samples === accelerated.kernels.channels[accelerated.channel]) {
      accelerated.kernels.levels(accelerated.channel, length, this.options);
      this.length += length;
      return;
    }
    for (let from = 0; from < length; from += KERNEL_BLOCK) {
      accumulateBlock(samples, from, Math.min(length, from + KERNEL_BLOCK), this.options, this.state);
    }
    this.length += length;
  }

  /** Counts `length` samples whose levels the kernels added to this channel's state. */
  counted(length: number): void {
    this.length += length;
  }

  result(): ChannelStatistics {
    const { state } = this;
    const peak = state[PEAK]!;
    const sum = state[SUM]!;
    const sumSquares = state[SUM_SQUARES]!;
    const nonFinite = state[NON_FINITE]!;
    const clippedSamples = state[CLIPPED_SAMPLES]!;
    const clippingEvents = state[CLIPPING_EVENTS]!;
    const finiteCount = this.length - nonFinite;
    const rms = finiteCount > 0 ? Math.sqrt(sumSquares / finiteCount) : 0;
    return {
      samplePeak: peak,
      samplePeakDbfs: amplitudeToDbfs(peak),
      rms,
      rmsDbfs: amplitudeToDbfs(rms),
      dcOffset: finiteCount > 0 ? sum / finiteCount : 0,
      clippedSamples,
      clippingEvents,
      nonFiniteSamples: nonFinite,
    };
  }
}

/**
 * Samples per call of the accumulation kernel. A loop over a whole channel inside one call
 * only ever runs as on-stack-replaced code, which V8 makes about 3× slower than the code it
 * compiles for a function called many times.
 */
const KERNEL_BLOCK = 4096;
/** Slots of the running state the kernel carries from block to block. */
const [PEAK, SUM, SUM_SQUARES, NON_FINITE, CLIPPED_SAMPLES, CLIPPING_EVENTS, RUN, PREVIOUS, STATE_SIZE] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8,
];

/**
 * Adds samples [from, to) to the running state (sums in sample order, clipped runs across
 * blocks). A branch-free pass sums every block (several times faster than one loop that
 * also tracks clipped runs, whose branches the CPU mispredicts); a block that reaches the
 * clip threshold is then scanned for clipped runs alone, and only a block with a non-finite
 * sample is summed again, from the same state, by the exact loop. Both sum in the same
 * order, so the figures do not depend on which ran.
 */
function accumulateBlock(
  samples: Float32Array,
  from: number,
  to: number,
  options: SignalStatisticsOptions,
  state: Float64Array,
): void {
  if (to <= from) return;
  let blockPeak = 0;
  let sum = state[SUM]!;
  let sumSquares = state[SUM_SQUARES]!;
  for (let i = from; i < to; i++) {
    const value = samples[i]!;
    sum += value;
    sumSquares += value * value;
    const magnitude = Math.abs(value);
    blockPeak = magnitude > blockPeak ? magnitude : blockPeak;
  }
  // NaN or ±∞ leave a non-finite sum: then the exact loop, which skips them, sums again.
  if (!(Number.isFinite(sum) && Number.isFinite(sumSquares))) {
    accumulateBlockExactly(samples, from, to, options, state);
    return;
  }
  if (blockPeak > state[PEAK]!) state[PEAK] = blockPeak;
  state[SUM] = sum;
  state[SUM_SQUARES] = sumSquares;
  if (blockPeak < options.clipThreshold)
    state[RUN] = 0; // a quiet sample ends any clipped run
  else followClippedRuns(samples, from, to, options, state);
}

/** The clipped-run bookkeeping of `accumulateBlockExactly` alone, for a block of finite samples. */
function followClippedRuns(
  samples: Float32Array,
  from: number,
  to: number,
  options: SignalStatisticsOptions,
  state: Float64Array,
): void {
  const { clipThreshold, minClipRun, flatTolerance } = options;
  let run = state[RUN]!;
  let previous = state[PREVIOUS]!;
  for (let i = from; i < to; i++) {
    const value = samples[i]!;
    if (Math.abs(value) < clipThreshold) {
      run = 0;
      continue;
    }
    const continuesRun = run > 0 && value * previous > 0 && Math.abs(value - previous) <= flatTolerance;
    run = continuesRun ? run + 1 : 1;
    if (run === minClipRun) {
      state[CLIPPING_EVENTS]!++;
      state[CLIPPED_SAMPLES]! += minClipRun;
    } else if (run > minClipRun) {
      state[CLIPPED_SAMPLES]!++;
    }
    previous = value;
  }
  state[RUN] = run;
  state[PREVIOUS] = previous;
}

/** `accumulateBlock` sample by sample, following clipped runs and skipping non-finite samples. */
function accumulateBlockExactly(
  samples: Float32Array,
  from: number,
  to: number,
  options: SignalStatisticsOptions,
  state: Float64Array,
): void {
  const { clipThreshold, minClipRun, flatTolerance } = options;
  let peak = state[PEAK]!;
  let sum = state[SUM]!;
  let sumSquares = state[SUM_SQUARES]!;
  let run = state[RUN]!;
  let previous = state[PREVIOUS]!;
  for (let i = from; i < to; i++) {
    const value = samples[i]!;
    const magnitude = value < 0 ? -value : value;
    // The common sample: finite and below full scale (NaN fails the comparison). It ends any
    // run, so `previous` (read only while a run continues) need not be kept.
    if (magnitude < clipThreshold) {
      sum += value;
      sumSquares += value * value;
      if (magnitude > peak) peak = magnitude;
      run = 0;
      continue;
    }
    if (!Number.isFinite(value)) {
      state[NON_FINITE]!++;
      run = 0;
      continue;
    }
    sum += value;
    sumSquares += value * value;
    if (magnitude > peak) peak = magnitude;
    const continuesRun = run > 0 && value * previous > 0 && Math.abs(value - previous) <= flatTolerance;
    run = continuesRun ? run + 1 : 1;
    if (run === minClipRun) {
      state[CLIPPING_EVENTS]!++;
      state[CLIPPED_SAMPLES]! += minClipRun;
    } else if (run > minClipRun) {
      state[CLIPPED_SAMPLES]!++;
    }
    previous = value;
  }
  state[PEAK] = peak;
  state[SUM] = sum;
  state[SUM_SQUARES] = sumSquares;
  state[RUN] = run;
  state[PREVIOUS] = previous;
}

/**
 * Per-channel statistics and their combination over all channels (each channel over its own
 * length, as `channelStatistics`).
 */
export function signalStatistics(
  signal: AudioSignal,
  options: Partial<SignalStatisticsOptions> = {},
): SignalStatistics {
  const { silenceThresholdDbfs } = { ...SIGNAL_STATISTICS_DEFAULTS, ...options };
  const channels = signal.channels.map((samples) => channelStatistics(samples, options));
  return combineChannels(channels, silenceThresholdDbfs);
}

/** Loudest peak, power-mean RMS, worst DC offset (with its sign), summed counts. */
function combineChannels(channels: readonly ChannelStatistics[], silenceThresholdDbfs: Dbfs): SignalStatistics {
  let peak = 0;
  let meanSquare = 0;
  let dcOffset = 0;
  let clippedSamples = 0;
  let clippingEvents = 0;
  let nonFiniteSamples = 0;
  for (const channel of channels) {
    peak = Math.max(peak, channel.samplePeak);
    meanSquare += channel.rms * channel.rms;
    // The DC figure reported for the whole signal is the worst channel's, keeping its sign.
    if (Math.abs(channel.dcOffset) > Math.abs(dcOffset)) dcOffset = channel.dcOffset;
    clippedSamples += channel.clippedSamples;
    clippingEvents += channel.clippingEvents;
    nonFiniteSamples += channel.nonFiniteSamples;
  }
  const rms = channels.length > 0 ? Math.sqrt(meanSquare / channels.length) : 0;
  const samplePeakDbfs = amplitudeToDbfs(peak);
  return {
    channels,
    samplePeak: peak,
    samplePeakDbfs,
    rms,
    rmsDbfs: amplitudeToDbfs(rms),
    dcOffset,
    clippedSamples,
    clippingEvents,
    nonFiniteSamples,
    silent: samplePeakDbfs === null || samplePeakDbfs < silenceThresholdDbfs,
  };
}
