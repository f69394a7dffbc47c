/**
 * Zero-crossing rate as librosa.feature.zero_crossing_rate: per frame, the number of sign
 * changes between consecutive samples divided by frameSize. A sample with
 * |x| ≤ threshold (1e-10) counts as positive (librosa's zero_pos with its threshold), so
 * silence and tiny noise do not cross. Centred frames see edge padding (the first and last
 * sample repeated, which adds no crossing), as librosa. Frames line up with the STFT's.
 * A sine of frequency f crosses 2f times a second: rate ≈ 2f/sampleRate (a frame holds
 * frameSize − 1 sample pairs, so the rate reads (frameSize − 1)/frameSize of that).
 * The count slides from frame to frame over one crossing flag per sample (integer, exact):
 * O(n), one byte per sample allocated per call, nothing per frame.
 * Reference: Kedem (1986), "Spectral analysis and discrimination by zero-crossings",
 *   Proc. IEEE 74(11); McFee et al. (2015), librosa.
 */
import {
  frameOutput,
  WAVEFORM_FRAME_DEFAULTS,
  type WaveformFrameOptions,
  waveformFrameCount,
} from "./waveform-frames.js";

export interface ZeroCrossingRateOptions extends WaveformFrameOptions {
  /** Magnitudes up to this count as zero (positive); ≥ 0 (librosa: 1e-10). */
  readonly threshold: number;
}

export const ZERO_CROSSING_RATE_DEFAULTS: ZeroCrossingRateOptions = { ...WAVEFORM_FRAME_DEFAULTS, threshold: 1e-10 };

/** Crossings per sample pair, one value in [0, 1) per frame; `out` reused when given. */
export function zeroCrossingRate(
  samples: Float32Array,
  options: Partial<ZeroCrossingRateOptions> = {},
  out?: Float32Array,
): Float32Array {
  const resolved = { ...ZERO_CROSSING_RATE_DEFAULTS, ...options };
  const { frameSize, hopSize, center, threshold } = resolved;
  if (!(threshold >= 0)) throw new RangeError(`zeroCrossingRate: threshold must be ≥ 0, got ${threshold}`);
  const length = samples.length;
  const frames = waveformFrameCount("zeroCrossingRate", length, resolved);
  const rates = frameOutput("zeroCrossingRate", frames, out);
  const offset = center ? frameSize >> 1 : 0;
  // crossed[i] = 1 when samples i − 1 and i lie on different sides of −threshold.
  const crossed = new Uint8Array(length);
  const floor = -threshold;
  for (let from = 1; from < length; from += KERNEL_BLOCK) {
    markCrossings(samples, crossed, from, Math.min(length, from + KERNEL_BLOCK), floor);
  }
  // Frame t holds the pairs i in [start + 1, start + frameSize − 1] ∩ [1, length − 1]; slide [low, high].
  let low = 1;
  let high = 0;
  let count = 0;
  for (let t = 0; t < frames; t++) {
    const start = t * hopSize - offset;
    const newHigh = Math.min(length - 1, start + frameSize - 1);
    const newLow = Math.max(1, start + 1);
    while (high < newHigh) {
      high++;
      if (high >= low) count += crossed[high]!;
    }
    while (low < newLow) {
      if (low <= high) count -= crossed[low]!;
      low++;
    }
    rates[t] = count / frameSize;
  }
  return rates;
}

/**
 * Samples per call of `markCrossings`: short calls run as code V8 optimises as a whole,
 * about 3× faster than a whole-track loop's on-stack-replaced code.
 */
const KERNEL_BLOCK = 4096;

/** crossed[i] for i in [from, to), from ≥ 1: samples i − 1 and i on different sides of `floor`. */
function markCrossings(samples: Float32Array, crossed: Uint8Array, from: number, to: number, floor: number): void {
  let previous = samples[from - 1]! < floor;
  for (let i = from; i < to; i++) {
    const negative = samples[i]! < floor;
    crossed[i] = negative === previous ? 0 : 1;
    previous = negative;
  }
}
