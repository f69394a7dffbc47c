/**
 * Separation by one real-valued time–frequency mask shared by all channels, streamed: each
 * channel's centred STFT frame (periodic Hann, numpy "reflect" padding at the edges, as `stft`)
 * is kept in a short ring; the mask is computed from the median-filtered magnitudes of the
 * channels' mean (the mid signal), applied to every channel's frame, and the frames are
 * inverse-transformed and overlap-added (least-squares inverse, as `istft`). The ring holds
 * only as many frames as the mask's longest median along time needs, so memory beyond the
 * output is a few hundred KB whatever the track's length; nothing is allocated per frame.
 * Because the STFT is linear and reconstructs exactly, masks m and 1 − m split a signal into
 * two parts that sum back to it: the complement is `input − output`.
 * Reference: Fitzgerald (2010), "Harmonic/percussive separation using median filtering",
 *   DAFx-10 (masks from median-filtered magnitudes of the mixture, applied to its STFT);
 *   Griffin & Lim (1984), IEEE Trans. ASSP 32(2), eq. 6 (the inverse).
 */
import { createRealFft, type RealFft } from "../../dsp/real-fft.js";
import { reflectIndex, stftFrameCount } from "../../dsp/stft.js";
import { createWindow } from "../../dsp/windows.js";

/**
 * How masks are made from magnitudes: a stream that takes the mid signal's magnitude rows in
 * frame order and hands out each frame's mask (`bins` values in [0, 1]), in order, at most
 * `delayFrames` frames after that frame's magnitudes arrived. Magnitudes are of the mid signal
 * divided by the input's peak, so rules see the same numbers at any level.
 */
export interface SpectralMaskRule {
  readonly delayFrames: number;
  start(bins: number, frames: number, onMask: (frameIndex: number, mask: Float32Array) => void): MaskStream;
}

export interface MaskStream {
  /** The next frame's magnitudes (`bins` finite values ≥ 0), read during the call only. */
  push(magnitude: Float32Array): void;
}

export interface SpectralMaskFraming {
  /** FFT size; a power of two ≥ 2. */
  readonly frameSize: number;
  /** Samples between frames; frameSize/4 keeps the Hann overlap-add exact and smooth. */
  readonly hopSize: number;
}

/**
 * The masked signal of every channel (same lengths). `fft` must be of size frameSize.
 * Non-finite samples make non-finite output where their frames overlap; the mask itself
 * is computed with them read as 0, so they do not spread further.
 */
export function applySpectralMask(
  channels: readonly Float32Array[],
  framing: SpectralMaskFraming,
  rule: SpectralMaskRule,
  fft: RealFft = createRealFft(framing.frameSize),
): Float32Array[] {
  const { frameSize, hopSize } = framing;
  const length = channels[0]?.length ?? 0;
  const outputs = channels.map(() => new Float32Array(length));
  if (length === 0) return outputs;
  const channelCount = channels.length;
  const bins = (frameSize >> 1) + 1;
  const pad = frameSize >> 1;
  const frames = stftFrameCount(length, frameSize, hopSize, true);
  const window = createWindow("hann", frameSize);
  const slots = rule.delayFrames + 2;
  const spectrumLength = frameSize + 2;
  // One view per ring slot and channel, made once: frame t lives in slot t mod slots.
  const spectra = channels.map(() => {
    const ring = new Float32Array(slots * spectrumLength);
    return Array.from({ length: slots }, (_, slot) =>
      ring.subarray(slot * spectrumLength, (slot + 1) * spectrumLength),
    );
  });
  const frame = new Float32Array(frameSize);
  const masked = new Float32Array(spectrumLength);
  const magnitude = new Float32Array(bins);
  const peak = peakOf(channels);
  const magnitudeScale = peak > 0 ? 1 / (peak * channelCount) : 0;

  const stream = rule.start(bins, frames, (frameIndex, mask) => {
    const slot = frameIndex % slots;
    for (let c = 0; c < channelCount; c++) {
      applyMask(spectra[c]![slot]!, mask, masked);
      fft.inverse(masked, frame);
      overlapAdd(frame, window, outputs[c]!, frameIndex * hopSize - pad);
    }
  });

  for (let t = 0; t < frames; t++) {
    const slot = t % slots;
    const start = t * hopSize - pad;
    for (let c = 0; c < channelCount; c++) {
      windowFrame(channels[c]!, start, window, frame);
      fft.forward(frame, spectra[c]![slot]!);
    }
    midMagnitude(spectra, slot, magnitudeScale, masked, magnitude);
    stream.push(magnitude);
  }
  normaliseOverlapAdd(outputs, window, frames, hopSize, pad);
  return outputs;
}

/** Largest finite |sample| over all channels (0 for silence). */
function peakOf(channels: readonly Float32Array[]): number {
  let peak = 0;
  for (const channel of channels) {
    for (let i = 0; i < channel.length; i++) {
      const value = Math.abs(channel[i]!);
      if (value > peak && value !== Number.POSITIVE_INFINITY) peak = value;
    }
  }
  return peak;
}

/** frame[n] = samples[start + n]·window[n], reflected beyond the edges. */
function windowFrame(samples: Float32Array, start: number, window: Float32Array, frame: Float32Array): void {
  const frameSize = frame.length;
  const length = samples.length;
  if (start >= 0 && start + frameSize <= length) {
    for (let n = 0; n < frameSize; n++) frame[n] = samples[start + n]! * window[n]!;
    return;
  }
  for (let n = 0; n < frameSize; n++) frame[n] = samples[reflectIndex(start + n, length)]! * window[n]!;
}

/** |mean over channels of X_c[k]|·scale per bin (`mid` is scratch); non-finite values become 0. */
function midMagnitude(
  spectra: readonly (readonly Float32Array[])[],
  slot: number,
  scale: number,
  mid: Float32Array,
  out: Float32Array,
): void {
  mid.set(spectra[0]![slot]!);
  for (let c = 1; c < spectra.length; c++) {
    const spectrum = spectra[c]![slot]!;
    for (let i = 0; i < mid.length; i++) mid[i]! += spectrum[i]!;
  }
  const bins = out.length;
  for (let k = 0; k < bins; k++) {
    const re = mid[2 * k]!;
    const im = mid[2 * k + 1]!;
    const value = Math.sqrt(re * re + im * im) * scale;
    out[k] = Number.isFinite(value) ? value : 0;
  }
}

function applyMask(spectrum: Float32Array, mask: Float32Array, out: Float32Array): void {
  const bins = mask.length;
  for (let k = 0; k < bins; k++) {
    const gain = mask[k]!;
    out[2 * k] = spectrum[2 * k]! * gain;
    out[2 * k + 1] = spectrum[2 * k + 1]! * gain;
  }
}

/** output[start + n] += frame[n]·window[n] where start + n lies inside the output. */
function overlapAdd(frame: Float32Array, window: Float32Array, output: Float32Array, start: number): void {
  const from = Math.max(0, -start);
  const to = Math.min(frame.length, output.length - start);
  for (let n = from; n < to; n++) output[start + n]! += frame[n]! * window[n]!;
}

/**
 * Divides each sample by Σ_t w²[i − t·hop + pad] over the frames that cover it (the
 * least-squares inverse of Griffin & Lim). Where every covering frame exists the sum depends
 * only on (i + pad) mod hop (one table); near the track's ends it is summed frame by frame.
 */
function normaliseOverlapAdd(
  outputs: Float32Array[],
  window: Float32Array,
  frames: number,
  hopSize: number,
  pad: number,
): void {
  const length = outputs[0]!.length;
  const frameSize = window.length;
  const periodic = new Float64Array(hopSize);
  for (let r = 0; r < hopSize; r++) {
    for (let n = r; n < frameSize; n += hopSize) periodic[r]! += window[n]! * window[n]!;
  }
  const interiorFrom = frameSize - 1 - pad;
  const interiorTo = frames * hopSize - pad;
  for (let i = 0; i < length; i++) {
    let sum: number;
    if (i >= interiorFrom && i < interiorTo) {
      sum = periodic[(i + pad) % hopSize]!;
    } else {
      const first = Math.max(0, Math.ceil((i + pad - frameSize + 1) / hopSize));
      const last = Math.min(frames - 1, Math.floor((i + pad) / hopSize));
      sum = 0;
      for (let t = first; t <= last; t++) {
        const w = window[i + pad - t * hopSize]!;
        sum += w * w;
      }
    }
    const scale = sum > 1e-10 ? 1 / sum : 0;
    for (const output of outputs) output[i] = output[i]! * scale;
  }
}
