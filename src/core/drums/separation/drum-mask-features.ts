/**
 * The per-band inputs of the learned drum mask, streamed frame by frame. The mid signal's
 * magnitudes are pooled into bands (bin-pooling.ts), then median-filtered as in Fitzgerald's
 * HPSS, along time with a short and a long kernel (H, L) and along frequency (P). For each band
 * of each frame, with S its magnitude and ε a floor 100 dB below a full-scale sine:
 *   percussiveness  ln((P + ε)/(H + ε))   the HPSS ratio: broadband now vs. sustained
 *   peakiness       ln((S + ε)/(P + ε))   a spectral peak (partial) stands above its neighbours
 *   onset           ln((S + ε)/(H + ε))   = percussiveness + peakiness, above its recent level
 *   longOnset       ln((S + ε)/(L + ε))   above its level over the long kernel
 *   previousOnset   onset of the frame before (the first frame repeats its own)
 *   nextOnset       onset of the frame after (the last frame repeats its own)
 *   logFrequency    ln(f / 1 kHz)         of the band's centre (bands are treated differently)
 * Reference: Fitzgerald (2010), "Harmonic/percussive separation using median filtering",
 *   DAFx-10; multi-kernel medians after FitzGerald et al. (2014), "Harmonic/percussive
 *   separation using kernel additive modelling", ISSC.
 */
import { type BinPooling, poolMagnitudes } from "./bin-pooling.js";
import { fastLn } from "./fast-log.js";
import { createSpectralMedianStream, type SpectralMedianStream } from "./spectral-median-stream.js";

export const DRUM_MASK_FEATURE_NAMES = [
  "percussiveness",
  "peakiness",
  "onset",
  "longOnset",
  "previousOnset",
  "nextOnset",
  "logFrequency",
] as const;
export type DrumMaskFeatureName = (typeof DRUM_MASK_FEATURE_NAMES)[number];

/**
 * Per-frame features stored per band, in this order (onset is the sum of the first two;
 * logFrequency is fixed per band).
 */
export const DRUM_MASK_FRAME_FEATURES = 5;
export const FRAME_FEATURE_ORDER = [
  "percussiveness",
  "peakiness",
  "longOnset",
  "previousOnset",
  "nextOnset",
] as const satisfies readonly DrumMaskFeatureName[];

export interface DrumMaskFeatureKernels {
  /** Median along time, frames (odd). */
  readonly harmonicKernelFrames: number;
  /** Long median along time, frames (odd). */
  readonly longHarmonicKernelFrames: number;
  /** Median along frequency, bands (odd). */
  readonly percussiveKernelBands: number;
}

/** Frames between a frame's magnitudes and its features (the long median's half, plus one). */
export function drumMaskFeatureDelay(kernels: DrumMaskFeatureKernels): number {
  return (Math.max(kernels.harmonicKernelFrames, kernels.longHarmonicKernelFrames) >> 1) + 1;
}

/**
 * `onFeatures(i, features)`: features[5g … 5g + 4] are band g's frame features of frame i in
 * FRAME_FEATURE_ORDER (logFrequency per band: `bandLogFrequencies`). The row is reused between
 * calls. Frames arrive in order, `drumMaskFeatureDelay` frames late.
 */
export function createDrumMaskFeatureStream(
  pooling: BinPooling,
  frames: number,
  kernels: DrumMaskFeatureKernels,
  floor: number,
  onFeatures: (frameIndex: number, features: Float32Array) => void,
): SpectralMedianStream {
  const { groups } = pooling;
  const width = DRUM_MASK_FRAME_FEATURES;
  const pooled = new Float32Array(groups);
  const features = new Float32Array(groups * width);
  // Frames i − 2, i − 1 and i, at slot f mod 3: [percussiveness, peakiness, longOnset, onset] per band.
  const rows = [0, 1, 2].map(() => new Float32Array(groups * 4));
  const emit = (frameIndex: number, previous: Float32Array, current: Float32Array, next: Float32Array) => {
    for (let g = 0; g < groups; g++) {
      features[width * g] = current[4 * g]!;
      features[width * g + 1] = current[4 * g + 1]!;
      features[width * g + 2] = current[4 * g + 2]!;
      features[width * g + 3] = previous[4 * g + 3]!;
      features[width * g + 4] = next[4 * g + 3]!;
    }
    onFeatures(frameIndex, features);
  };
  const medians = createSpectralMedianStream(
    groups,
    frames,
    {
      timeKernels: [kernels.harmonicKernelFrames, kernels.longHarmonicKernelFrames],
      frequencyKernels: [kernels.percussiveKernelBands],
    },
    (frameIndex, view) => {
      const magnitude = view.magnitude;
      const harmonic = view.timeMedians[0]!;
      const longHarmonic = view.timeMedians[1]!;
      const percussive = view.frequencyMedians[0]!;
      const row = rows[frameIndex % 3]!;
      for (let g = 0; g < groups; g++) {
        const s = magnitude[g]! + floor;
        const p = percussive[g]! + floor;
        const percussiveness = fastLn(p / (harmonic[g]! + floor));
        const peakiness = fastLn(s / p);
        row[4 * g] = percussiveness;
        row[4 * g + 1] = peakiness;
        row[4 * g + 2] = fastLn(s / (longHarmonic[g]! + floor));
        row[4 * g + 3] = percussiveness + peakiness;
      }
      // Frame i − 1 is complete once frame i's onset is known; the last frame repeats its own.
      if (frameIndex > 0) {
        const previous = rows[Math.max(0, frameIndex - 2) % 3]!;
        emit(frameIndex - 1, previous, rows[(frameIndex - 1) % 3]!, row);
      }
      if (frameIndex === frames - 1) emit(frameIndex, rows[Math.max(0, frameIndex - 1) % 3]!, row, row);
    },
  );
  return {
    push(magnitude) {
      poolMagnitudes(pooling, magnitude, pooled);
      medians.push(pooled);
    },
  };
}

/** ln(centre / 1 kHz) of each band. */
export function bandLogFrequencies(pooling: BinPooling): Float32Array {
  return pooling.groupCentreHz.map((hz) => Math.log(hz / 1000));
}

/**
 * The magnitude floor ε for a frame size: 1e−5 of a full-scale sine's peak magnitude (N/4 for
 * a periodic Hann window), on magnitudes of a signal normalised to peak 1.
 */
export function magnitudeFloor(frameSize: number): number {
  return 1e-5 * (frameSize / 4);
}
