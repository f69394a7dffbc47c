/**
 * EBU R 128 loudness meter (ITU-R BS.1770-4, EBU Tech 3341 "EBU Mode", EBU Tech 3342):
 * momentary (400 ms) and short-term (3 s) loudness every 100 ms, integrated loudness, loudness
 * range, sample peak and true peak, streaming.
 *
 * `createLoudnessMeter` takes planar chunks (the AudioSink.write convention) and keeps, per
 * 100 ms sub-block, one Float64 weighted energy: a 60-minute track holds 36,000 of them (288 KB),
 * plus a fixed ~80 KB per channel of filter state and true-peak staging. Every figure is computed from
 * those energies when `result()` is called, so any chunking gives the same numbers bit for bit.
 * `measureLoudness` runs the same meter over a whole signal.
 *
 * Conventions (the same as ffmpeg's ebur128 filter and libebur128):
 * - A sub-block is round(fs/10) samples; windows advance by one sub-block. A series holds only
 *   windows that lie completely inside the signal: the first momentary value covers 0–0.4 s, the
 *   first short-term value 0–3 s (ffmpeg reports nothing gateable before its 3 s window fills;
 *   Tech 3342 builds LRA from full 3 s windows). A final partial sub-block (< 100 ms) enters no
 *   window but does enter the peaks.
 * - Channel weights G: mono [1] (a mono file is one channel, not dual mono: a −23 dBFS 1 kHz
 *   sine reads −26 LUFS, as in ffmpeg without dualmono); stereo [1, 1]; six channels in WAV /
 *   ffmpeg order L R C LFE Ls Rs [1, 1, 1, 0, 1.41, 1.41] (surrounds +1.5 dB, LFE excluded,
 *   BS.1770-4 Table 3); any other count 1 each; `channelWeights` overrides.
 * - Non-finite samples (NaN, ±∞) are read as 0 everywhere and counted in `nonFiniteSamples`.
 * - Figures that do not exist are null, never NaN or −∞: integrated loudness and LRA when no
 *   block passes the −70 LUFS gate (silence, or shorter than one window), peaks in dB of a zero
 *   signal, the maxima of empty series. Series values are clamped below at LOUDNESS_FLOOR_LUFS.
 * Reference: ITU-R BS.1770-4 (2015); EBU Tech 3341 (2016); EBU Tech 3342 (2016).
 */
import type { AudioSignal, Dbfs, Hz, Seconds } from "../types.js";
import {
  K_STATE_SIZE,
  K_WEIGHTING_MIN_SAMPLE_RATE,
  kWeightedSquares,
  kWeightedSum,
  kWeightingFilters,
  packKWeighting,
  resetKWeightedSum,
} from "./k-weighting.js";
import {
  integratedLoudness,
  LOUDNESS_FLOOR_LUFS,
  type Lu,
  type Lufs,
  loudnessRange,
  loudnessSeries,
  lufsToMeanSquare,
  meanSquareToLufs,
  windowMeanSquares,
} from "./loudness-gating.js";
import { createPeakMeter } from "./peak-meter.js";

export interface LoudnessMeterOptions {
  /** Hz, finite, > 3364 (the K-weighting shelf must lie below Nyquist). */
  readonly sampleRate: Hz;
  /** Integer ≥ 1. */
  readonly channelCount: number;
  /** Weight G of each channel (finite, ≥ 0), one per channel; default `defaultChannelWeights`. */
  readonly channelWeights?: readonly number[];
}

/** Loudness of overlapping windows, one per hop. */
export interface LoudnessSeries {
  readonly windowSeconds: Seconds;
  /** One sub-block: round(fs/10)/fs, 0.1 s at the usual rates. */
  readonly hopSeconds: Seconds;
  /** End of each window, seconds from the start of the signal. */
  readonly timesSeconds: Float64Array;
  /** Loudness of each window in LUFS, ≥ LOUDNESS_FLOOR_LUFS. */
  readonly loudnessLufs: Float32Array;
}

export interface ChannelPeaks {
  /** Largest |sample| (1 = full scale). */
  readonly samplePeak: number;
  readonly samplePeakDbfs: Dbfs | null;
  /** Largest |x| of the oversampled signal, ≥ samplePeak. */
  readonly truePeak: number;
  /** True peak in dBTP (dB re full scale); null for a zero signal. */
  readonly truePeakDbtp: number | null;
}

export interface LoudnessResult {
  readonly sampleRate: Hz;
  readonly channelWeights: readonly number[];
  /** Samples per channel written, in seconds. */
  readonly durationSeconds: Seconds;
  /** Integrated (programme) loudness; null when nothing passes the −70 LUFS gate. */
  readonly integratedLufs: Lufs | null;
  /** The relative gate applied for the integrated loudness. */
  readonly integratedRelativeGateLufs: Lufs | null;
  /** Loudness range (EBU Tech 3342); null when no short-term window passes the −70 LUFS gate. */
  readonly loudnessRangeLu: Lu | null;
  readonly loudnessRangeLowLufs: Lufs | null;
  readonly loudnessRangeHighLufs: Lufs | null;
  /** Loudest momentary window; null when there is none or all are at the floor. */
  readonly maxMomentaryLufs: Lufs | null;
  /** Loudest short-term window; null when there is none or all are at the floor. */
  readonly maxShortTermLufs: Lufs | null;
  /** 400 ms windows every 100 ms. */
  readonly momentary: LoudnessSeries;
  /** 3 s windows every 100 ms. */
  readonly shortTerm: LoudnessSeries;
  /** Loudest channel's sample peak. */
  readonly samplePeak: number;
  readonly samplePeakDbfs: Dbfs | null;
  /** Loudest channel's true peak. */
  readonly truePeak: number;
  readonly truePeakDbtp: number | null;
  /** Oversampling factor of the true-peak meter (1: none). */
  readonly truePeakOversampling: number;
  readonly channels: readonly ChannelPeaks[];
  /** NaN or infinite samples over all channels, read as 0. */
  readonly nonFiniteSamples: number;
}

/**
 * Loudness of a signal whose samples arrive in chunks: `write` the next `length` frames of every
 * channel, read `result()` at any time (figures of everything written so far).
 */
export interface LoudnessMeter {
  /** Adds channels[c][0, length) for each channel, in order; arrays may be longer and are not kept. */
  write(channels: readonly Float32Array[], length: number): void;
  result(): LoudnessResult;
}

/** Weight of the surround channels (BS.1770-4 Table 3: 1.41, +1.5 dB). */
export const SURROUND_WEIGHT = 1.41;
/** Sub-blocks (100 ms) per momentary window (400 ms) and per short-term window (3 s). */
const MOMENTARY_SUB_BLOCKS = 4;
const SHORT_TERM_SUB_BLOCKS = 30;
/** Sub-block energies allocated up front (one minute); the store doubles when full. */
const INITIAL_SUB_BLOCKS = 600;

/** BS.1770 weights by channel count: 6 → L R C LFE Ls Rs [1, 1, 1, 0, 1.41, 1.41], otherwise 1 each. */
export function defaultChannelWeights(channelCount: number): number[] {
  if (channelCount === 6) return [1, 1, 1, 0, SURROUND_WEIGHT, SURROUND_WEIGHT];
  return new Array<number>(channelCount).fill(1);
}

export function createLoudnessMeter(options: LoudnessMeterOptions): LoudnessMeter {
  return createMeter("createLoudnessMeter", options);
}

/** The meter, with option errors naming the public function `name`. */
function createMeter(name: string, options: LoudnessMeterOptions): LoudnessMeter {
  const { sampleRate, channelCount } = options;
  const weights = resolveWeights(name, options);
  const subBlockLength = Math.round(sampleRate / 10);
  const coefficients = packKWeighting(kWeightingFilters(sampleRate));
  const filterState = new Float64Array(channelCount * K_STATE_SIZE);
  const peakMeter = createPeakMeter(sampleRate, channelCount);
  let subBlockSums = new Float64Array(INITIAL_SUB_BLOCKS);
  let subBlocks = 0;
  let subBlockFill = 0;
  let frames = 0;

  const completeSubBlock = (): void => {
    let sum = 0;
    for (let channel = 0; channel < channelCount; channel++) {
      const offset = channel * K_STATE_SIZE;
      sum += weights[channel]! * kWeightedSum(coefficients, filterState, offset);
      resetKWeightedSum(filterState, offset);
    }
    if (subBlocks === subBlockSums.length) {
      const grown = new Float64Array(subBlockSums.length * 2);
      grown.set(subBlockSums);
      subBlockSums = grown;
    }
    subBlockSums[subBlocks++] = sum;
    subBlockFill = 0;
  };

  return {
    write(channels, length) {
      checkChunk(channels, length, channelCount);
      peakMeter.write(channels, length);
      for (let from = 0; from < length; ) {
        const to = Math.min(length, from + subBlockLength - subBlockFill);
        for (let channel = 0; channel < channelCount; channel++) {
          // Weight-0 channels (the LFE) add nothing; their filter is not run.
          if (weights[channel] === 0) continue;
          kWeightedSquares(channels[channel]!, from, to, coefficients, filterState, channel * K_STATE_SIZE);
        }
        subBlockFill += to - from;
        from = to;
        if (subBlockFill === subBlockLength) completeSubBlock();
      }
      frames += length;
    },
    result() {
      const stored = subBlockSums.subarray(0, subBlocks);
      const momentary = windowMeanSquares(stored, subBlocks, MOMENTARY_SUB_BLOCKS, subBlockLength);
      const shortTerm = windowMeanSquares(stored, subBlocks, SHORT_TERM_SUB_BLOCKS, subBlockLength);
      const integrated = integratedLoudness(momentary);
      const range = loudnessRange(shortTerm);
      const peaks = peakMeter.result();
      const channels = peaks.channels.map(({ samplePeak, truePeak }) => ({
        samplePeak,
        samplePeakDbfs: amplitudeToDb(samplePeak),
        truePeak,
        truePeakDbtp: amplitudeToDb(truePeak),
      }));
      const samplePeak = Math.max(0, ...channels.map((channel) => channel.samplePeak));
      const truePeak = Math.max(0, ...channels.map((channel) => channel.truePeak));
      return {
        sampleRate,
        channelWeights: weights,
        durationSeconds: frames / sampleRate,
        integratedLufs: integrated?.loudnessLufs ?? null,
        integratedRelativeGateLufs: integrated?.relativeGateLufs ?? null,
        loudnessRangeLu: range?.rangeLu ?? null,
        loudnessRangeLowLufs: range?.lowLufs ?? null,
        loudnessRangeHighLufs: range?.highLufs ?? null,
        maxMomentaryLufs: maxLoudness(momentary),
        maxShortTermLufs: maxLoudness(shortTerm),
        momentary: series(momentary, MOMENTARY_SUB_BLOCKS, subBlockLength, sampleRate),
        shortTerm: series(shortTerm, SHORT_TERM_SUB_BLOCKS, subBlockLength, sampleRate),
        samplePeak,
        samplePeakDbfs: amplitudeToDb(samplePeak),
        truePeak,
        truePeakDbtp: amplitudeToDb(truePeak),
        truePeakOversampling: peaks.oversampling,
        channels,
        nonFiniteSamples: peaks.nonFiniteSamples,
      };
    },
  };
}

export interface MeasureLoudnessOptions {
  /** Weight G of each channel; default `defaultChannelWeights(signal.channels.length)`. */
  readonly channelWeights?: readonly number[];
}

/** The loudness meter run over a whole signal (all channels of equal length, at least one). */
export function measureLoudness(signal: AudioSignal, options: MeasureLoudnessOptions = {}): LoudnessResult {
  const { channels, sampleRate } = signal;
  if (channels.length === 0) throw new RangeError("measureLoudness: signal must have at least one channel, got 0");
  const length = channels[0]!.length;
  channels.forEach((samples, channel) => {
    if (samples.length !== length) {
      throw new RangeError(
        `measureLoudness: all channels must have ${length} samples (channel 0), channel ${channel} has ${samples.length}`,
      );
    }
  });
  const meter = createMeter("measureLoudness", { sampleRate, channelCount: channels.length, ...options });
  meter.write(channels, length);
  return meter.result();
}

/** Validates the options; returns the channel weights (frozen). */
function resolveWeights(name: string, options: LoudnessMeterOptions): readonly number[] {
  const { sampleRate, channelCount, channelWeights } = options;
  if (!(Number.isFinite(sampleRate) && sampleRate > K_WEIGHTING_MIN_SAMPLE_RATE)) {
    throw new RangeError(
      `${name}: sampleRate must be a finite number > ${K_WEIGHTING_MIN_SAMPLE_RATE} Hz, got ${sampleRate}`,
    );
  }
  if (!(Number.isInteger(channelCount) && channelCount >= 1)) {
    throw new RangeError(`${name}: channelCount must be an integer ≥ 1, got ${channelCount}`);
  }
  if (channelWeights === undefined) return Object.freeze(defaultChannelWeights(channelCount));
  if (channelWeights.length !== channelCount) {
    throw new RangeError(
      `${name}: channelWeights must have one entry per channel (${channelCount}), got ${channelWeights.length}`,
    );
  }
  channelWeights.forEach((weight, channel) => {
    if (!(Number.isFinite(weight) && weight >= 0)) {
      throw new RangeError(`${name}: channelWeights[${channel}] must be a finite number ≥ 0, got ${weight}`);
    }
  });
  return Object.freeze([...channelWeights]);
}

function checkChunk(channels: readonly Float32Array[], length: number, channelCount: number): void {
  if (channels.length !== channelCount) {
    throw new RangeError(`LoudnessMeter.write: expected ${channelCount} channels, got ${channels.length}`);
  }
  if (!(Number.isInteger(length) && length >= 0)) {
    throw new RangeError(`LoudnessMeter.write: length must be an integer ≥ 0, got ${length}`);
  }
  channels.forEach((samples, channel) => {
    if (samples.length < length) {
      throw new RangeError(`LoudnessMeter.write: channel ${channel} holds ${samples.length} < ${length} samples`);
    }
  });
}

function series(
  meanSquares: Float64Array,
  windowBlocks: number,
  subBlockLength: number,
  sampleRate: Hz,
): LoudnessSeries {
  const timesSeconds = new Float64Array(meanSquares.length);
  for (let i = 0; i < timesSeconds.length; i++) timesSeconds[i] = ((i + windowBlocks) * subBlockLength) / sampleRate;
  return {
    windowSeconds: (windowBlocks * subBlockLength) / sampleRate,
    hopSeconds: subBlockLength / sampleRate,
    timesSeconds,
    loudnessLufs: loudnessSeries(meanSquares),
  };
}

function maxLoudness(meanSquares: Float64Array): Lufs | null {
  let max = 0;
  for (const value of meanSquares) if (value > max) max = value;
  return max > lufsToMeanSquare(LOUDNESS_FLOOR_LUFS) ? meanSquareToLufs(max) : null;
}

/** 20·log10(amplitude); null for 0. */
function amplitudeToDb(amplitude: number): number | null {
  return amplitude > 0 ? 20 * Math.log10(amplitude) : null;
}
