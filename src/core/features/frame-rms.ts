/**
 * Frame RMS as librosa.feature.rms on the waveform: per frame, √(mean of x² over the
 * frameSize samples). Centred frames see zeros beyond the edges (librosa's default
 * pad_mode "constant"), so the first and last frames read lower than the signal's level.
 * Frames line up with the STFT's. A sine of amplitude A reads A/√2; full-scale DC reads 1.
 * Linear full-scale units (not dB); NaN samples make their frames NaN.
 * When frameSize is a multiple of hopSize (the usual 2048/512), sums of squares per hop
 * block are added up (O(n + frames·frameSize/hop)); otherwise each frame is summed.
 * Reference: McFee et al. (2015), librosa.
 */
import {
  frameOutput,
  WAVEFORM_FRAME_DEFAULTS,
  type WaveformFrameOptions,
  waveformFrameCount,
} from "./waveform-frames.js";

export const FRAME_RMS_DEFAULTS: WaveformFrameOptions = WAVEFORM_FRAME_DEFAULTS;

/** RMS of each frame (linear, ≥ 0); `out` reused when given. */
export function frameRms(
  samples: Float32Array,
  options: Partial<WaveformFrameOptions> = {},
  out?: Float32Array,
): Float32Array {
  const resolved = { ...FRAME_RMS_DEFAULTS, ...options };
  const { frameSize, hopSize, center } = resolved;
  const length = samples.length;
  const frames = waveformFrameCount("frameRms", length, resolved);
  const levels = frameOutput("frameRms", frames, out);
  const offset = center ? frameSize >> 1 : 0;
  if (frameSize % hopSize === 0) {
    // Block b holds samples [b·hop − offset, (b + 1)·hop − offset); frame t = blocks t … t + perFrame − 1.
    const perFrame = frameSize / hopSize;
    const blocks = new Float64Array(frames + perFrame - 1);
    for (let b = 0; b < blocks.length; b++) blocks[b] = sumOfSquares(samples, b * hopSize - offset, hopSize);
    for (let t = 0; t < frames; t++) {
      let sum = 0;
      for (let b = t; b < t + perFrame; b++) sum += blocks[b]!;
      levels[t] = Math.sqrt(sum / frameSize);
    }
    return levels;
  }
  for (let t = 0; t < frames; t++) {
    levels[t] = Math.sqrt(sumOfSquares(samples, t * hopSize - offset, frameSize) / frameSize);
  }
  return levels;
}

/** Σ x² over [start, start + count) ∩ the signal (zeros outside). */
function sumOfSquares(samples: Float32Array, start: number, count: number): number {
  const from = Math.max(0, start);
  const to = Math.min(samples.length, start + count);
  let sum = 0;
  for (let i = from; i < to; i++) {
    const value = samples[i]!;
    sum += value * value;
  }
  return sum;
}
