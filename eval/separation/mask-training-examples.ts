/**
 * Training examples for the drum-mask perceptron from one song: the band features of its mix,
 * exactly as separateDrums computes them (drum-mask-features.ts on the mid magnitudes of the
 * same STFT), each with its ideal mask value and weight:
 *   weight W = Σ_{bins of the band} Σ_channels |X|²,  target T = Σ Re(D·X*) / W,
 * X the mix's STFT, D the drum stem's. For a mask m constant over the band,
 * Σ |D − m·X|² = W·(m − T)² + const, so minimising the weighted squared error on T minimises
 * the SDR's error energy. Examples are drawn with probability ∝ W (the loss then needs no
 * weights) and an equal count per song (each song counts alike, whatever its loudness).
 */

import type { BinPoolingLayout } from "../../src/core/drums/separation/bin-pooling.js";
import { createBinPooling } from "../../src/core/drums/separation/bin-pooling.js";
import {
  bandLogFrequencies,
  createDrumMaskFeatureStream,
  DRUM_MASK_FEATURE_NAMES,
  DRUM_MASK_FRAME_FEATURES,
  type DrumMaskFeatureKernels,
  magnitudeFloor,
} from "../../src/core/drums/separation/drum-mask-features.js";
import { separationFrameSize } from "../../src/core/drums/separation/separate-drums.js";
import type { Stft } from "../../src/core/dsp/spectrogram.js";
import { stft } from "../../src/core/dsp/stft.js";
import type { RandomSource } from "../../src/core/test-helpers/seeded-random.js";

/** The named inputs per example, in DRUM_MASK_FEATURE_NAMES order. */
export const EXAMPLE_INPUTS = DRUM_MASK_FEATURE_NAMES.length;

export interface MaskExamples {
  /** count × EXAMPLE_INPUTS, in DRUM_MASK_FEATURE_NAMES order. */
  readonly inputs: Float32Array;
  readonly targets: Float32Array;
  readonly count: number;
}

export interface ExampleSettings {
  readonly frameSizeAt44100: number;
  readonly pooling: BinPoolingLayout;
  readonly kernels: DrumMaskFeatureKernels;
  readonly examplesPerSong: number;
}

export function collectMaskExamples(
  mix: readonly Float32Array[],
  drums: readonly Float32Array[],
  sampleRate: number,
  settings: ExampleSettings,
  random: RandomSource,
): MaskExamples {
  const frameSize = separationFrameSize(sampleRate, settings.frameSizeAt44100);
  const hopSize = frameSize >> 2;
  const options = { frameSize, hopSize, window: "hann" as const, center: true, padMode: "reflect" as const };
  const mixStft = mix.map((channel) => stft(channel, sampleRate, options));
  const drumStft = drums.map((channel) => stft(channel, sampleRate, options));
  const { frames, bins } = mixStft[0]!;
  const pooling = createBinPooling(frameSize, sampleRate, settings.pooling);
  const groups = pooling.groups;
  const logFrequency = bandLogFrequencies(pooling);
  const features = new Float32Array(frames * groups * DRUM_MASK_FRAME_FEATURES);
  const stream = createDrumMaskFeatureStream(
    pooling,
    frames,
    settings.kernels,
    magnitudeFloor(frameSize),
    (frameIndex, row) => features.set(row, frameIndex * groups * DRUM_MASK_FRAME_FEATURES),
  );
  const magnitude = new Float32Array(bins);
  const scale = 1 / (peakOf(mix) * mix.length);
  for (let t = 0; t < frames; t++) {
    midMagnitude(mixStft, t, scale, magnitude);
    stream.push(magnitude);
  }
  const { weights, targets } = bandTargets(mixStft, drumStft, pooling.groupStarts);
  // Draw examples ∝ weight by inverse-CDF sampling.
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += weights[i]!;
    cumulative[i] = total;
  }
  const count = settings.examplesPerSong;
  const inputs = new Float32Array(count * EXAMPLE_INPUTS);
  const chosenTargets = new Float32Array(count);
  for (let e = 0; e < count; e++) {
    const index = searchCumulative(cumulative, random() * total);
    const g = index % groups;
    const f = index * DRUM_MASK_FRAME_FEATURES;
    const percussiveness = features[f]!;
    const peakiness = features[f + 1]!;
    // DRUM_MASK_FEATURE_NAMES order: percussiveness, peakiness, onset, longOnset, previousOnset, nextOnset, logFrequency.
    inputs.set(
      [
        percussiveness,
        peakiness,
        percussiveness + peakiness,
        features[f + 2]!,
        features[f + 3]!,
        features[f + 4]!,
        logFrequency[g]!,
      ],
      e * EXAMPLE_INPUTS,
    );
    chosenTargets[e] = targets[index]!;
  }
  return { inputs, targets: chosenTargets, count };
}

function peakOf(channels: readonly Float32Array[]): number {
  let peak = 0;
  for (const channel of channels) for (const value of channel) peak = Math.max(peak, Math.abs(value));
  return peak > 0 ? peak : 1;
}

/** |mean over channels of X_c| · scale, as spectral-mask-separator.ts computes it. */
function midMagnitude(transforms: readonly Stft[], frame: number, scale: number, out: Float32Array): void {
  const bins = out.length;
  for (let k = 0; k < bins; k++) {
    let re = 0;
    let im = 0;
    for (const transform of transforms) {
      re += transform.data[2 * (frame * bins + k)]!;
      im += transform.data[2 * (frame * bins + k) + 1]!;
    }
    out[k] = Math.sqrt(re * re + im * im) * scale;
  }
}

/** Per frame and band (frame-major): W = Σ|X|², T = Σ Re(D·X*) / W (0 where W = 0). */
function bandTargets(
  mix: readonly Stft[],
  drums: readonly Stft[],
  groupStarts: Int32Array,
): { weights: Float64Array; targets: Float32Array } {
  const { frames, bins } = mix[0]!;
  const groups = groupStarts.length - 1;
  const weights = new Float64Array(frames * groups);
  const targets = new Float32Array(frames * groups);
  for (let t = 0; t < frames; t++) {
    for (let g = 0; g < groups; g++) {
      let weight = 0;
      let cross = 0;
      for (let k = groupStarts[g]!; k < groupStarts[g + 1]!; k++) {
        const i = 2 * (t * bins + k);
        for (let c = 0; c < mix.length; c++) {
          const xr = mix[c]!.data[i]!;
          const xi = mix[c]!.data[i + 1]!;
          const dr = drums[c]!.data[i]!;
          const di = drums[c]!.data[i + 1]!;
          weight += xr * xr + xi * xi;
          cross += dr * xr + di * xi;
        }
      }
      weights[t * groups + g] = weight;
      targets[t * groups + g] = weight > 0 ? cross / weight : 0;
    }
  }
  return { weights, targets };
}

/** First index whose cumulative sum exceeds `value`. */
function searchCumulative(cumulative: Float64Array, value: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle]! > value) high = middle;
    else low = middle + 1;
  }
  return low;
}
