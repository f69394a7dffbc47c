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
  const { clipThreshold, minClipRun, flatTolerance } = { ...SIGNAL_STATISTICS_DEFAULTS, ...options };
  if (!(clipThreshold > 0 && clipThreshold <= 1)) {
    throw new RangeError(`channelStatistics: clipThreshold must be in (0, 1], got ${clipThreshold}`);
  }
  let peak = 0;
  let sum = 0;
  let sumSquares = 0;
  let finiteCount = 0;
  let nonFinite = 0;
  let clippedSamples = 0;
  let clippingEvents = 0;
  let run = 0;
  let previous = 0;
  for (let i = 0; i < samples.length; i++) {
    const value = samples[i]!;
    if (!Number.isFinite(value)) {
      nonFinite++;
      run = 0;
      continue;
    }
    finiteCount++;
    sum += value;
    sumSquares += value * value;
    const magnitude = value < 0 ? -value : value;
    if (magnitude > peak) peak = magnitude;
    const continuesRun = run > 0 && value * previous > 0 && Math.abs(value - previous) <= flatTolerance;
    if (magnitude >= clipThreshold) {
      run = continuesRun ? run + 1 : 1;
      if (run === minClipRun) {
        clippingEvents++;
        clippedSamples += minClipRun;
      } else if (run > minClipRun) {
        clippedSamples++;
      }
    } else {
      run = 0;
    }
    previous = value;
  }
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
