/**
 * A drum stem from a full mix: one time–frequency mask, computed on the mid signal and applied
 * to every channel (spectral-mask-separator.ts), so the stem keeps the mix's stereo image.
 * Methods:
 * - "hpss": the harmonic/percussive soft mask of Fitzgerald (2010) (hpss-mask.ts);
 * - "learned-mask" (default): HPSS's median-filtered views (short and long medians along time,
 *   a median along frequency) on pooled bands (drum-mask-features.ts), turned into a drum mask
 *   per band by a small perceptron trained on rendered songs (drum-mask-model.ts); on the dev and
 *   validation corpora about 4 dB more SDR than HPSS (docs/eval-separation.md).
 * STFT: periodic Hann, hop 1/4 of the frame; the frame scales with the sample rate (2048 points
 * at 44.1/48 kHz for HPSS, the model's own size for the learned mask).
 * The residual (everything else) is input − drums, exact because the masks m and 1 − m split
 * the STFT and the inverse reconstructs exactly.
 * References: Fitzgerald (2010), "Harmonic/percussive separation using median filtering", DAFx-10;
 *   Uhlich, Giron & Mitsufuji (2015), "Deep neural network based instrument extraction from
 *   music", ICASSP (a learned mask applied to the mixture's STFT).
 */
import type { RealFft } from "../../dsp/real-fft.js";
import { createRealFft } from "../../dsp/real-fft.js";
import type { DrumMaskModel } from "./drum-mask-model.js";
import { DRUM_MASK_MODEL } from "./drum-mask-weights.js";
import { createHpssMaskRule, HPSS_MASK_DEFAULTS, type HpssMaskOptions } from "./hpss-mask.js";
import { createLearnedDrumMaskRule } from "./learned-mask-rule.js";
import { applySpectralMask, type SpectralMaskRule } from "./spectral-mask-separator.js";

export type DrumSeparationMethod = "learned-mask" | "hpss";

export interface DrumSeparationOptions {
  readonly method: DrumSeparationMethod;
  /** Also return everything but the drums (input − drums); costs one more copy of the input. */
  readonly residual: boolean;
  /** Kernels and exponent of the "hpss" method (missing ones from HPSS_MASK_DEFAULTS). */
  readonly hpss: Partial<HpssMaskOptions>;
  /** The "learned-mask" method's network; default the shipped one (drum-mask-weights.ts). */
  readonly model: DrumMaskModel;
}

export const DRUM_SEPARATION_DEFAULTS: DrumSeparationOptions = {
  method: "learned-mask",
  residual: false,
  hpss: HPSS_MASK_DEFAULTS,
  model: DRUM_MASK_MODEL,
};

/** Faster implementations to use (e.g. the WebAssembly FFT of src/accel). */
export interface DrumSeparationAccelerators {
  /** Makes a real FFT of a size (a power of two); default the core's TypeScript FFT. */
  readonly fftFactory?: ((size: number) => RealFft) | undefined;
}

export interface DrumSeparation {
  /** The drum stem: as many channels as the input, same length and rate. */
  readonly drums: Float32Array[];
  /** input − drums per channel, when asked for; else null. */
  readonly residual: Float32Array[] | null;
  readonly sampleRate: number;
  readonly method: DrumSeparationMethod;
  readonly frameSize: number;
  readonly hopSize: number;
}

/**
 * The STFT size used at a sample rate for a method whose size at 44.1 kHz is `sizeAt44100`:
 * sizeAt44100 × 2^round(log2(rate / 44100)) (the same duration within a factor √2), at least 256.
 */
export function separationFrameSize(sampleRate: number, sizeAt44100: number): number {
  return Math.max(256, sizeAt44100 * 2 ** Math.round(Math.log2(sampleRate / 44100)));
}

/** HPSS's frame at 44.1 kHz: 2048 points (46 ms), as in Fitzgerald (2010). */
export const HPSS_FRAME_SIZE_AT_44100 = 2048;

export function separateDrums(
  channels: readonly Float32Array[],
  sampleRate: number,
  options: Partial<DrumSeparationOptions> = {},
  accelerators: DrumSeparationAccelerators = {},
): DrumSeparation {
  const resolved = { ...DRUM_SEPARATION_DEFAULTS, ...options };
  checkInput(channels, sampleRate);
  const sizeAt44100 = resolved.method === "learned-mask" ? resolved.model.frameSizeAt44100 : HPSS_FRAME_SIZE_AT_44100;
  const frameSize = separationFrameSize(sampleRate, sizeAt44100);
  const hopSize = frameSize >> 2;
  const fft = (accelerators.fftFactory ?? createRealFft)(frameSize);
  if (fft.size !== frameSize) {
    throw new RangeError(`separateDrums: fftFactory(${frameSize}) made an FFT of size ${fft.size}`);
  }
  const rule = maskRule(resolved, frameSize, sampleRate);
  const drums = applySpectralMask(channels, { frameSize, hopSize }, rule, fft);
  const residual = resolved.residual ? channels.map((channel, c) => subtract(channel, drums[c]!)) : null;
  return { drums, residual, sampleRate, method: resolved.method, frameSize, hopSize };
}

function maskRule(options: DrumSeparationOptions, frameSize: number, sampleRate: number): SpectralMaskRule {
  switch (options.method) {
    case "hpss":
      return createHpssMaskRule(options.hpss);
    case "learned-mask":
      return createLearnedDrumMaskRule(options.model, frameSize, sampleRate);
    default:
      throw new RangeError(`separateDrums: method must be "learned-mask" or "hpss", got "${String(options.method)}"`);
  }
}

function checkInput(channels: readonly Float32Array[], sampleRate: number): void {
  if (!(sampleRate > 0 && Number.isFinite(sampleRate))) {
    throw new RangeError(`separateDrums: sampleRate must be a finite number > 0, got ${sampleRate}`);
  }
  if (channels.length === 0) throw new RangeError("separateDrums: channels must hold at least one channel, got 0");
  const length = channels[0]!.length;
  for (let c = 1; c < channels.length; c++) {
    if (channels[c]!.length !== length) {
      throw new RangeError(`separateDrums: channels must have equal lengths, got ${length} and ${channels[c]!.length}`);
    }
  }
}

function subtract(minuend: Float32Array, subtrahend: Float32Array): Float32Array {
  const out = new Float32Array(minuend.length);
  for (let i = 0; i < out.length; i++) out[i] = minuend[i]! - subtrahend[i]!;
  return out;
}
