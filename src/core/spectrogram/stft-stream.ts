/**
 * A centred STFT fed in chunks: the same frames, bit for bit, as `visitStftFrames` over the
 * whole signal (frame t centred on sample t·hop, reflect padding at both ends, numpy's
 * "reflect"), while holding only the samples from the oldest unfinished frame on (about one
 * frame plus one chunk). A frame is emitted once every sample it reads has arrived; the
 * frames that reach past the end wait for `finish`, when the length is known. Signals
 * shorter than two frames are kept whole and handed to `visitStftFrames` at the end, which
 * covers its repeated reflection for very short inputs.
 * Reference: Allen & Rabiner (1977), Proc. IEEE 65(11); framing as librosa.stft.
 */
import { createRealFft } from "../dsp/real-fft.js";
import { visitStftFrames } from "../dsp/stft.js";

export interface StftStream {
  push(samples: Float32Array): void;
  /** Emits the frames left and returns the total count (1 + ⌊n/hop⌋, 0 for no samples). */
  finish(): number;
}

/** `spectrum` (interleaved complex bins 0…N/2) is reused between calls. */
export type StftFrameVisitor = (frameIndex: number, spectrum: Float32Array) => void;

export function createStftStream(
  sampleRate: number,
  window: Float32Array,
  hopSize: number,
  visit: StftFrameVisitor,
): StftStream {
  const frameSize = window.length;
  if (!(Number.isInteger(hopSize) && hopSize >= 1)) {
    throw new RangeError(`createStftStream: hopSize must be an integer ≥ 1, got ${hopSize}`);
  }
  const pad = frameSize >> 1;
  const fft = createRealFft(frameSize);
  const frame = new Float32Array(frameSize);
  const spectrum = new Float32Array(frameSize + 2);
  /** Samples from absolute index `start` on; grows by doubling, compacted as frames finish. */
  let buffer = new Float32Array(4 * frameSize);
  let start = 0;
  let length = 0;
  let received = 0;
  let next = 0;
  let finished = false;

  const emit = (t: number, total: number): void => {
    const first = t * hopSize - pad;
    for (let n = 0; n < frameSize; n++) {
      let index = first + n;
      if (index < 0) index = -index;
      else if (index >= total) index = 2 * (total - 1) - index;
      frame[n] = buffer[index - start]! * window[n]!;
    }
    fft.forward(frame, spectrum);
    visit(t, spectrum);
  };

  return {
    push(samples) {
      if (finished) throw new Error("StftStream.push: the stream has finished");
      if (length + samples.length > buffer.length) {
        // Drop what no later frame reads; short signals are kept whole (see the header).
        const keepFrom = received < 2 * frameSize ? start : Math.max(start, next * hopSize - pad - 1);
        const kept = length - (keepFrom - start);
        if (kept + samples.length > buffer.length) {
          const grown = new Float32Array(2 * (kept + samples.length));
          grown.set(buffer.subarray(keepFrom - start, length));
          buffer = grown;
        } else {
          buffer.copyWithin(0, keepFrom - start, length);
        }
        start = keepFrom;
        length = kept;
      }
      buffer.set(samples, length);
      length += samples.length;
      received += samples.length;
      if (received < 2 * frameSize) return;
      // Frame t is complete once sample t·hop − pad + N − 1 has arrived.
      while (next * hopSize + pad <= received) emit(next++, Number.POSITIVE_INFINITY);
    },
    finish() {
      if (finished) throw new Error("StftStream.finish: the stream has finished");
      finished = true;
      const total = received === 0 ? 0 : 1 + Math.floor(received / hopSize);
      if (received < 2 * frameSize) {
        if (received > 0) {
          visitStftFrames(buffer.subarray(0, length), sampleRate, { frameSize, hopSize, window, fft }, visit);
        }
        return total;
      }
      while (next < total) emit(next++, received);
      return total;
    },
  };
}
