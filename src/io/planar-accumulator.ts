/**
 * Collects frames arriving in pieces (interleaved float32 bytes, or planar chunks from
 * an AudioSink) into planar Float32Arrays preallocated from an estimate of the length. If the estimate
 * was short the arrays grow by a quarter, one channel at a time; at the end, slack
 * is either kept as a view (when small) or trimmed by copying one channel at a
 * time, so at no point do two full copies of the audio exist.
 */
import { deinterleavePcm } from "./pcm-deinterleave.js";

export interface PlanarAccumulator {
  /** Appends `frameCount` interleaved float32 frames (an aligned view over them). */
  append(interleaved: Uint8Array, frameCount: number): void;
  /** Appends `frameCount` planar frames, channels[c][0..frameCount), one array per stored channel (already mixed). */
  appendPlanar(channels: readonly Float32Array[], frameCount: number): void;
  /** Frames appended so far. */
  readonly length: number;
  /** The collected channels, each exactly `length` long. Call once, at the end. */
  finish(): Float32Array[];
}

const GROWTH = 1.25;

/**
 * Creates an accumulator for `inputChannels` channels. With `mono`, it stores one
 * channel, the mean of the inputs. `expectedFrames` sizes the first allocation.
 */
export function createPlanarAccumulator(
  inputChannels: number,
  mono: boolean,
  expectedFrames: number,
): PlanarAccumulator {
  const outputCount = mono ? 1 : inputChannels;
  let capacity = Math.max(1024, Math.ceil(expectedFrames));
  const channels = Array.from({ length: outputCount }, () => new Float32Array(capacity));
  let length = 0;

  const grow = (needed: number) => {
    capacity = Math.max(needed, Math.ceil(capacity * GROWTH));
    for (let i = 0; i < outputCount; i++) {
      const larger = new Float32Array(capacity);
      larger.set(channels[i]!.subarray(0, length));
      channels[i] = larger;
    }
  };

  return {
    append(interleaved, frameCount) {
      if (length + frameCount > capacity) grow(length + frameCount);
      deinterleavePcm(interleaved, "pcm_f32le", inputChannels, frameCount, channels, length);
      length += frameCount;
    },
    appendPlanar(planar, frameCount) {
      if (planar.length !== outputCount) {
        throw new RangeError(`PlanarAccumulator.appendPlanar: expected ${outputCount} channels, got ${planar.length}`);
      }
      if (length + frameCount > capacity) grow(length + frameCount);
      for (let i = 0; i < outputCount; i++) {
        const source = planar[i]!;
        channels[i]!.set(source.length === frameCount ? source : source.subarray(0, frameCount), length);
      }
      length += frameCount;
    },
    get length() {
      return length;
    },
    finish() {
      // Slack under 2 % (plus 64 Ki frames) stays allocated behind a view: cheaper than a copy.
      const keepView = capacity - length <= capacity * 0.02 + 65536;
      for (let i = 0; i < outputCount; i++) {
        channels[i] = keepView ? channels[i]!.subarray(0, length) : channels[i]!.slice(0, length);
      }
      return channels;
    },
  };
}
