/**
 * The track ingest's native-rate loops over one block of channels, as an accelerator
 * (WebAssembly SIMD, src/accel) computes them in its own memory: the caller copies each
 * channel's block into `channels` once, then the level statistics (signal-statistics.ts), the
 * mono mix (mix-to-mono.ts) and the high-band energy (src/core/rhythm/high-band-flux.ts) all
 * read it there. Each operation is the TypeScript loop's arithmetic in its order, so every
 * figure is bit for bit the same; the modules fall back to their own loops for arrays that
 * are not this kernel's buffers.
 */

/** Values in one channel's level state (signal-statistics.ts: peak, sums, counts, run). */
export const LEVEL_STATE_SIZE = 8;
/** Values in the high-pass state: x1, x2, y1, y2, z1, z2, running energy (high-band-flux.ts). */
export const HIGH_PASS_STATE_SIZE = 7;

export interface ChannelBlockKernels {
  /** Samples per block: `channels` and `mono` hold this many. */
  readonly capacity: number;
  /** One buffer per channel, where the caller copies the block's samples. */
  readonly channels: readonly Float32Array[];
  /** The block's mono mix, after `mix`. */
  readonly mono: Float32Array;
  /** Each channel's running level state (LEVEL_STATE_SIZE values, zeros at first). */
  readonly levelStates: readonly Float64Array[];
  /** Adds channels[channel][0, length) to levelStates[channel] (signal-statistics.ts accumulation). */
  levels(channel: number, length: number, options: ChannelBlockLevelOptions): void;
  /** `levels` of every channel, each channel's figures as alone (several channels' loops may overlap). */
  levelsOfChannels(length: number, options: ChannelBlockLevelOptions): void;
  /** mono[0, length) = mean of channels[…][0, length), as `mixChannelsInto`. */
  mix(length: number): void;
  /** High-pass coefficients [b0, b1, a1, a2] and state, for `highPassEnergy`. */
  readonly highPassCoefficients: Float64Array;
  readonly highPassState: Float64Array;
  /** Adds Σ z² of the high-passed mono[from, to) to highPassState (as high-band-flux.ts). */
  highPassEnergy(from: number, to: number): void;
}

/** The level-statistics options the kernel needs (signal-statistics.ts). */
export interface ChannelBlockLevelOptions {
  readonly clipThreshold: number;
  readonly minClipRun: number;
  readonly flatTolerance: number;
}

export type ChannelBlockKernelsFactory = (channelCount: number, capacity: number) => ChannelBlockKernels;
