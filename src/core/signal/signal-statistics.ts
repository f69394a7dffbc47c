/**
 * Level statistics of a signal in one pass per channel: sample peak, RMS, DC offset,
 * clipping and non-finite samples.
 *
 * Clipping is counted the way sample editors find it (e.g. Audacity's "Find Clipping"):
 * a clipped run is at least `minClipRun` consecutive samples of one sign whose magnitude is
 * at or above `clipThreshold` and that stay flat (a pinned converter output, not the crest
 * of a loud sine, whose neighbouring samples differ).
 */
import type { AudioSignal, Dbfs } from "../types.js";

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
  const resolved = { ...SIGNAL_STATISTICS_DEFAULTS, ...options };
  const { clipThreshold } = resolved;
  if (!(clipThreshold > 0 && clipThreshold <= 1)) {
    throw new RangeError(`channelStatistics: clipThreshold must be in (0, 1], got ${clipThreshold}`);
  }
  const length = samples.length;
  const state = new Float64Array(STATE_SIZE);
  for (let from = 0; from < length; from += KERNEL_BLOCK) {
    accumulateBlock(samples, from, Math.min(length, from + KERNEL_BLOCK), resolved, state);
  }
  const peak = state[PEAK]!;
  const sum = state[SUM]!;
  const sumSquares = state[SUM_SQUARES]!;
  const nonFinite = state[NON_FINITE]!;
  const clippedSamples = state[CLIPPED_SAMPLES]!;
  const clippingEvents = state[CLIPPING_EVENTS]!;
  const finiteCount = length - nonFinite;
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

/** Adds samples [from, to) to the running state (sums in sample order, clipped runs across blocks). */
function accumulateBlock(
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

/** Per-channel statistics and their combination over all channels. */
export function signalStatistics(
  signal: AudioSignal,
  options: Partial<SignalStatisticsOptions> = {},
): SignalStatistics {
  const { silenceThresholdDbfs } = { ...SIGNAL_STATISTICS_DEFAULTS, ...options };
  const channels = signal.channels.map((samples) => channelStatistics(samples, options));
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
