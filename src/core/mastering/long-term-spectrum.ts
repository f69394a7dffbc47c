/**
 * Long-term power and cross spectra of a stream in one STFT pass (Welch's averaged
 * periodogram, summed): non-overlapping frames of N samples (a power of two), each windowed
 * by the periodic Hann window, the last one zero-padded. Per bin,
 * E[k] = c_k · Σ_t |X_t[k]|² / Σ_n w[n]² (c_k = 1 for bins 0 and N/2, else 2), an unbiased
 * estimate of the signal's energy in bin k for stationary signals: Σ_k E[k] ≈ Σ_n x[n]².
 * Hann without overlap weights a sample by w² (0…1) according to where it falls in its
 * frame, so single events count more or less by position; the spectra are therefore used
 * for spectral shape and ratios (shares, centroids, per-band stereo ratios, the balance
 * curve), while absolute levels and the overall stereo figures come from exact time-domain
 * sums. This halves the transform work of a 50 %-overlap STFT (one FFT per N samples per
 * channel, one multiply per sample); Hann's −31 dB sidelobes falling 18 dB/octave keep
 * a tone's energy within a few bins.
 * Channels: mono → that channel (E_mix only); stereo → L and R (E_L, E_R and the cross
 * energy C from Re(X_L·conj X_R)); the mix (L+R)/2 is derived, E_mix = (E_L + E_R + 2C)/4,
 * two FFTs per frame; more channels → channels 0 and 1 as L and R plus the mean of all
 * channels (three FFTs per frame). E_L, E_R and C are also totalled per block of
 * `blockFrames` frames, for a short-time correlation series.
 * Results are identical for any chunking of the input (frames see the same samples; sums
 * run in frame order). Memory: one frame buffer per transformed channel and a few spectra.
 * References: Welch (1967), "The use of fast Fourier transform for the estimation of power
 *   spectra", IEEE Trans. Audio Electroacoust. 15(2); Harris (1978), "On the use of windows
 *   for harmonic analysis with the discrete Fourier transform", Proc. IEEE 66(1).
 */
import type { RealFft } from "../dsp/real-fft.js";
import { hannWindow } from "../dsp/windows.js";

export interface LongTermSpectrumOptions {
  readonly channelCount: number;
  /** Frames per correlation-series block; integer ≥ 1. */
  readonly blockFrames: number;
  /** A real FFT of the frame size (a power of two ≥ 4). */
  readonly fft: RealFft;
}

export interface LongTermSpectrumResult {
  readonly frameSize: number;
  /** Frames analysed (0 for an empty stream). */
  readonly frames: number;
  /** Estimated one-sided energy per bin (N/2 + 1 bins) of the mix of all channels. */
  readonly mixEnergy: Float64Array;
  /** One-sided energies of channels 0 and 1 and their cross energy; null for mono. */
  readonly stereo: { readonly left: Float64Array; readonly right: Float64Array; readonly cross: Float64Array } | null;
  /** Per block of frames: the energies of L and R and their cross energy; null for mono. */
  readonly blocks: { readonly left: Float64Array; readonly right: Float64Array; readonly cross: Float64Array } | null;
}

export interface LongTermSpectrum {
  /**
   * Adds samples [0, length) of `channels` (channelCount arrays) and of `mix` (their mean;
   * read only when there are more than two channels).
   */
  push(channels: readonly Float32Array[], mix: Float32Array, length: number): void;
  /** Emits the last frames and returns the spectra; call once. */
  finish(): LongTermSpectrumResult;
}

export function createLongTermSpectrum(options: LongTermSpectrumOptions): LongTermSpectrum {
  return new StreamingLongTermSpectrum(options);
}

class StreamingLongTermSpectrum implements LongTermSpectrum {
  private readonly frameSize: number;
  private readonly fft: RealFft;
  private readonly window: Float32Array;
  /** Σ w[n]², the energy gain of the window. */
  private readonly windowEnergy: number;
  /** The windowed frame being filled, per transformed source ([ch0], [L, R] or [L, R, mix]). */
  private readonly frames: Float32Array[];
  private readonly spectra: Float32Array[];
  private readonly stereo: boolean;
  private readonly ownMix: boolean;
  /** Σ_t |X_t[k]|² per bin: [mix] for mono, [L, R, cross] or [L, R, cross, mix]. */
  private readonly sums: Float64Array[];
  /** Totals of the L, R and cross sums when the current block began. */
  private readonly blockStart = new Float64Array(3);
  private blockSums = new Float64Array(3 * 64);
  private blockCount = 0;
  private framesInBlock = 0;
  private frameCount = 0;
  /** Samples of the current frame received (0 … N − 1). */
  private position = 0;
  private finished = false;

  constructor(private readonly options: LongTermSpectrumOptions) {
    const { fft, channelCount, blockFrames } = options;
    const size = fft.size;
    if (!(size >= 4)) throw new RangeError(`createLongTermSpectrum: fft.size must be ≥ 4, got ${size}`);
    if (!(Number.isInteger(channelCount) && channelCount >= 1)) {
      throw new RangeError(`createLongTermSpectrum: channelCount must be an integer ≥ 1, got ${channelCount}`);
    }
    if (!(Number.isInteger(blockFrames) && blockFrames >= 1)) {
      throw new RangeError(`createLongTermSpectrum: blockFrames must be an integer ≥ 1, got ${blockFrames}`);
    }
    this.frameSize = size;
    this.fft = fft;
    this.window = hannWindow(size);
    this.windowEnergy = this.window.reduce((sum, value) => sum + value * value, 0);
    this.stereo = channelCount >= 2;
    this.ownMix = channelCount !== 2;
    const sources = channelCount === 1 ? 1 : channelCount === 2 ? 2 : 3;
    this.frames = Array.from({ length: sources }, () => new Float32Array(size));
    this.spectra = Array.from({ length: sources }, () => new Float32Array(size + 2));
    const bins = size / 2 + 1;
    const sumCount = (this.stereo ? 3 : 0) + (this.ownMix ? 1 : 0);
    this.sums = Array.from({ length: sumCount }, () => new Float64Array(bins));
  }

  push(channels: readonly Float32Array[], mix: Float32Array, length: number): void {
    if (this.finished) throw new Error("LongTermSpectrum.push: already finished");
    const { frameSize, window, frames } = this;
    let offset = 0;
    while (offset < length) {
      const take = Math.min(length - offset, frameSize - this.position);
      const position = this.position;
      if (frames.length === 1) {
        windowInto(channels[0]!, offset, take, frames[0]!, window, position);
      } else {
        windowPairInto(channels[0]!, channels[1]!, offset, take, frames[0]!, frames[1]!, window, position);
        if (frames.length === 3) windowInto(mix, offset, take, frames[2]!, window, position);
      }
      offset += take;
      this.position += take;
      if (this.position === frameSize) {
        this.emit();
        this.position = 0;
      }
    }
  }

  finish(): LongTermSpectrumResult {
    if (this.finished) throw new Error("LongTermSpectrum.finish: already finished");
    this.finished = true;
    if (this.position > 0) {
      for (const frame of this.frames) frame.fill(0, this.position);
      this.emit();
    }
    if (this.framesInBlock > 0) this.closeBlock();
    return this.result();
  }

  /** Transforms the windowed frames and adds their spectra. */
  private emit(): void {
    const { spectra, fft, frames, sums } = this;
    for (let s = 0; s < frames.length; s++) fft.forward(frames[s]!, spectra[s]!);
    const bins = this.frameSize / 2 + 1;
    if (this.stereo) {
      addStereoSpectra(spectra[0]!, spectra[1]!, bins, sums[0]!, sums[1]!, sums[2]!);
      if (this.ownMix) addPowerSpectrum(spectra[2]!, bins, sums[3]!);
      if (++this.framesInBlock === this.options.blockFrames) this.closeBlock();
    } else {
      addPowerSpectrum(spectra[0]!, bins, sums[0]!);
    }
    this.frameCount++;
  }

  /**
   * Ends a correlation block: its sums are the growth of the one-sided totals of the L, R and
   * cross spectra since the block began (summing per block, not per frame, keeps the
   * per-bin loop free of running totals).
   */
  private closeBlock(): void {
    const offset = 3 * this.blockCount;
    if (offset + 3 > this.blockSums.length) {
      const grown = new Float64Array(2 * this.blockSums.length);
      grown.set(this.blockSums);
      this.blockSums = grown;
    }
    for (let i = 0; i < 3; i++) {
      const total = oneSidedTotal(this.sums[i]!);
      this.blockSums[offset + i] = total - this.blockStart[i]!;
      this.blockStart[i] = total;
    }
    this.blockCount++;
    this.framesInBlock = 0;
  }

  private result(): LongTermSpectrumResult {
    const { frameSize, sums, stereo, ownMix, windowEnergy } = this;
    const bins = frameSize / 2 + 1;
    const toEnergy = (values: Float64Array) => {
      const out = new Float64Array(bins);
      for (let k = 0; k < bins; k++) out[k] = ((k === 0 || k === bins - 1 ? 1 : 2) * values[k]!) / windowEnergy;
      return out;
    };
    let mixEnergy: Float64Array;
    let stereoEnergies: LongTermSpectrumResult["stereo"] = null;
    if (stereo) {
      const left = toEnergy(sums[0]!);
      const right = toEnergy(sums[1]!);
      const cross = toEnergy(sums[2]!);
      stereoEnergies = { left, right, cross };
      if (ownMix) {
        mixEnergy = toEnergy(sums[3]!);
      } else {
        mixEnergy = new Float64Array(bins);
        for (let k = 0; k < bins; k++) mixEnergy[k] = Math.max(0, (left[k]! + right[k]! + 2 * cross[k]!) / 4);
      }
    } else {
      mixEnergy = toEnergy(sums[0]!);
    }
    const count = this.blockCount;
    const pick = (i: number) =>
      Float64Array.from({ length: count }, (_, b) => this.blockSums[3 * b + i]! / windowEnergy);
    return {
      frameSize,
      frames: this.frameCount,
      mixEnergy,
      stereo: stereoEnergies,
      blocks: stereo ? { left: pick(0), right: pick(1), cross: pick(2) } : null,
    };
  }
}

/** frame[position + i] = source[offset + i]·window[position + i] for i < count. */
function windowInto(
  source: Float32Array,
  offset: number,
  count: number,
  frame: Float32Array,
  window: Float32Array,
  position: number,
): void {
  const shift = position - offset;
  for (let i = offset; i < offset + count; i++) frame[i + shift] = source[i]! * window[i + shift]!;
}

/** `windowInto` for L and R in one pass. */
function windowPairInto(
  left: Float32Array,
  right: Float32Array,
  offset: number,
  count: number,
  leftFrame: Float32Array,
  rightFrame: Float32Array,
  window: Float32Array,
  position: number,
): void {
  const shift = position - offset;
  for (let i = offset; i < offset + count; i++) {
    const weight = window[i + shift]!;
    leftFrame[i + shift] = left[i]! * weight;
    rightFrame[i + shift] = right[i]! * weight;
  }
}

function addPowerSpectrum(spectrum: Float32Array, bins: number, sums: Float64Array): void {
  for (let k = 0; k < bins; k++) {
    const re = spectrum[2 * k]!;
    const im = spectrum[2 * k + 1]!;
    sums[k]! += re * re + im * im;
  }
}

/** Adds |L|², |R|² and Re(L·R*) per bin. */
function addStereoSpectra(
  leftSpectrum: Float32Array,
  rightSpectrum: Float32Array,
  bins: number,
  left: Float64Array,
  right: Float64Array,
  cross: Float64Array,
): void {
  for (let k = 0; k < bins; k++) {
    const lr = leftSpectrum[2 * k]!;
    const li = leftSpectrum[2 * k + 1]!;
    const rr = rightSpectrum[2 * k]!;
    const ri = rightSpectrum[2 * k + 1]!;
    left[k]! += lr * lr + li * li;
    right[k]! += rr * rr + ri * ri;
    cross[k]! += lr * rr + li * ri;
  }
}

/** Σ_k c_k·values[k] with the one-sided weights (2, except 1 for bins 0 and N/2). */
function oneSidedTotal(values: Float64Array): number {
  let total = 0;
  for (let k = 0; k < values.length; k++) total += values[k]!;
  return 2 * total - values[0]! - values[values.length - 1]!;
}
