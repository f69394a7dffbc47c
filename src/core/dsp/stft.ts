/**
 * Short-time Fourier transform: X[t, k] = Σ_n w[n]·x[t·hop + n − pad]·e^(−2πikn/N),
 * N = frameSize, k = 0…N/2, pad = N/2 when centred (librosa's center=True) else 0.
 * Samples outside the signal come from reflect padding (numpy "reflect": the edge
 * sample is not repeated; repeated reflection for very short signals) or zeros.
 * Frames: centred 1 + ⌊n/hop⌋; otherwise 1 + ⌊(n − N)/hop⌋ (0 when n < N). Empty input
 * gives 0 frames. NaN samples make NaN bins in every frame that covers them.
 * One FFT object, one frame buffer and one spectrum buffer serve every frame.
 * Reference: Allen & Rabiner (1977), "A unified approach to short-time Fourier analysis
 *   and synthesis", Proc. IEEE 65(11); framing as librosa.stft.
 */
import { createRealFft, isPowerOfTwo, type RealFft } from "./real-fft.js";
import type { Spectrogram, Stft } from "./spectrogram.js";
import { spectrumMagnitudes } from "./spectrum-magnitudes.js";
import { createWindow, type WindowKind } from "./windows.js";

export interface StftOptions {
  /** Samples per frame = FFT size; a power of two ≥ 2. */
  readonly frameSize: number;
  /** Samples between frames; integer ≥ 1. */
  readonly hopSize: number;
  /** A periodic window kind, or the window itself (length frameSize). */
  readonly window: WindowKind | Float32Array;
  /** Centre frame t on sample t·hop by padding frameSize/2 on both sides. */
  readonly center: boolean;
  /** How centred frames see samples beyond the edges. */
  readonly padMode: "reflect" | "constant";
  /** An FFT of size frameSize to use instead of the built-in one (e.g. WebAssembly). */
  readonly fft?: RealFft;
}

export const STFT_DEFAULTS: StftOptions = {
  frameSize: 2048,
  hopSize: 512,
  window: "hann",
  center: true,
  padMode: "reflect",
};

/** Frames of a centred (or uncentred) STFT over `length` samples. */
export function stftFrameCount(length: number, frameSize: number, hopSize: number, center: boolean): number {
  if (length === 0) return 0;
  if (center) return 1 + Math.floor(length / hopSize);
  return length < frameSize ? 0 : 1 + Math.floor((length - frameSize) / hopSize);
}

/**
 * Computes the STFT frame by frame and hands each frame's spectrum (interleaved complex
 * bins 0…N/2, reused between calls) to `visit`, so callers store only what they need.
 */
export function visitStftFrames(
  samples: Float32Array,
  sampleRate: number,
  options: Partial<StftOptions>,
  visit: (frameIndex: number, spectrum: Float32Array) => void,
): { frames: number; bins: number; frameSize: number; hopSize: number; center: boolean } {
  const resolved = { ...STFT_DEFAULTS, ...options };
  const { frameSize, hopSize, center, padMode } = resolved;
  checkStftOptions("stft", sampleRate, resolved);
  const window = resolveWindow("stft", resolved.window, frameSize);
  const fft = resolved.fft ?? createRealFft(frameSize);
  const length = samples.length;
  const pad = center ? frameSize >> 1 : 0;
  const frames = stftFrameCount(length, frameSize, hopSize, center);
  const frame = new Float32Array(frameSize);
  const spectrum = new Float32Array(frameSize + 2);
  const reflect = padMode === "reflect";
  for (let t = 0; t < frames; t++) {
    const start = t * hopSize - pad;
    if (start >= 0 && start + frameSize <= length) {
      windowFrame(samples, start, window, frame);
    } else {
      for (let n = 0; n < frameSize; n++) {
        const index = start + n;
        const inside = index >= 0 && index < length;
        const value = inside ? samples[index]! : reflect ? samples[reflectIndex(index, length)]! : 0;
        frame[n] = value * window[n]!;
      }
    }
    fft.forward(frame, spectrum);
    visit(t, spectrum);
  }
  return { frames, bins: (frameSize >> 1) + 1, frameSize, hopSize, center };
}

/**
 * frame[n] = samples[start + n]·window[n] for a frame inside the signal. A function of its
 * own, called once per frame, so V8 optimises it as a whole rather than running it as the
 * (about 3× slower) on-stack-replaced code of the frame loop.
 */
function windowFrame(samples: Float32Array, start: number, window: Float32Array, frame: Float32Array): void {
  const frameSize = frame.length;
  for (let n = 0; n < frameSize; n++) frame[n] = samples[start + n]! * window[n]!;
}

export function stft(samples: Float32Array, sampleRate: number, options: Partial<StftOptions> = {}): Stft {
  const resolved = { ...STFT_DEFAULTS, ...options };
  const bins = (resolved.frameSize >> 1) + 1;
  const frames = stftFrameCount(samples.length, resolved.frameSize, resolved.hopSize, resolved.center);
  const data = new Float32Array(frames * bins * 2);
  const shape = visitStftFrames(samples, sampleRate, resolved, (t, spectrum) => data.set(spectrum, 2 * bins * t));
  return { ...shape, sampleRate, data };
}

/**
 * |STFT| without ever holding the complex transform: half the memory of `stft` followed
 * by `magnitudeSpectrogram`, and the same values.
 */
export function magnitudeStft(
  samples: Float32Array,
  sampleRate: number,
  options: Partial<StftOptions> = {},
): Spectrogram {
  const resolved = { ...STFT_DEFAULTS, ...options };
  const bins = (resolved.frameSize >> 1) + 1;
  const frames = stftFrameCount(samples.length, resolved.frameSize, resolved.hopSize, resolved.center);
  const data = new Float32Array(frames * bins);
  const shape = visitStftFrames(samples, sampleRate, resolved, (t, spectrum) =>
    spectrumMagnitudes(spectrum, bins, data, t * bins),
  );
  return { ...shape, sampleRate, data };
}

/** Index into [0, length) of sample `index` under repeated numpy-style reflection. */
export function reflectIndex(index: number, length: number): number {
  if (length === 1) return 0;
  const period = 2 * (length - 1);
  let folded = index % period;
  if (folded < 0) folded += period;
  return folded < length ? folded : period - folded;
}

/** The analysis/synthesis window: a kind (periodic) or a caller's array of length frameSize. */
export function resolveWindow(name: string, window: WindowKind | Float32Array, frameSize: number): Float32Array {
  if (typeof window === "string") return createWindow(window, frameSize);
  if (window.length !== frameSize) {
    throw new RangeError(`${name}: window length must equal frameSize ${frameSize}, got ${window.length}`);
  }
  return window;
}

/** Validates the options shared by `stft` and `istft`. */
export function checkStftOptions(
  name: string,
  sampleRate: number,
  options: Pick<StftOptions, "frameSize" | "hopSize" | "fft">,
): void {
  const { frameSize, hopSize, fft } = options;
  if (!(sampleRate > 0 && Number.isFinite(sampleRate))) {
    throw new RangeError(`${name}: sampleRate must be a finite number > 0, got ${sampleRate}`);
  }
  if (!isPowerOfTwo(frameSize)) throw new RangeError(`${name}: frameSize must be a power of two ≥ 2, got ${frameSize}`);
  if (!(Number.isInteger(hopSize) && hopSize >= 1)) {
    throw new RangeError(`${name}: hopSize must be an integer ≥ 1, got ${hopSize}`);
  }
  if (fft !== undefined && fft.size !== frameSize) {
    throw new RangeError(`${name}: fft.size must equal frameSize ${frameSize}, got ${fft.size}`);
  }
}
