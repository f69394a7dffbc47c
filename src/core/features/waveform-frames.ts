/**
 * Framing of waveform features so they line up with the STFT's frames: with centred
 * frames (librosa's center=True) frame t covers samples [t·hop − frameSize/2,
 * t·hop + frameSize/2) and there are 1 + ⌊n/hop⌋ frames (0 for an empty signal);
 * otherwise frame t covers [t·hop, t·hop + frameSize) and there are
 * 1 + ⌊(n − frameSize)/hop⌋ (0 when n < frameSize). Same counts as `stft`.
 */

export interface WaveformFrameOptions {
  /** Samples per frame; integer ≥ 2 (librosa: 2048). */
  readonly frameSize: number;
  /** Samples between frames; integer ≥ 1 (librosa: 512). */
  readonly hopSize: number;
  /** Frame t centred on sample t·hop, as the STFT's frames. */
  readonly center: boolean;
}

export const WAVEFORM_FRAME_DEFAULTS: WaveformFrameOptions = { frameSize: 2048, hopSize: 512, center: true };

/** Number of frames of a signal of `length` samples; validates the options. */
export function waveformFrameCount(name: string, length: number, options: WaveformFrameOptions): number {
  const { frameSize, hopSize, center } = options;
  if (!(Number.isInteger(frameSize) && frameSize >= 2)) {
    throw new RangeError(`${name}: frameSize must be an integer ≥ 2, got ${frameSize}`);
  }
  if (!(Number.isInteger(hopSize) && hopSize >= 1)) {
    throw new RangeError(`${name}: hopSize must be an integer ≥ 1, got ${hopSize}`);
  }
  if (length === 0) return 0;
  if (center) return 1 + Math.floor(length / hopSize);
  return length < frameSize ? 0 : 1 + Math.floor((length - frameSize) / hopSize);
}

/** Frame output buffer: `out` checked for size, or a new one. */
export function frameOutput(name: string, frames: number, out: Float32Array | undefined): Float32Array {
  if (out === undefined) return new Float32Array(frames);
  if (out.length < frames) throw new RangeError(`${name}: out length must be ≥ ${frames}, got ${out.length}`);
  return out;
}
