/**
 * The decoder's de-interleaving of float PCM in WebAssembly SIMD (wasm/deinterleave.ts): ffmpeg's
 * interleaved f32 output is staged in the kernel's memory and split there into planar channels,
 * which the decoder hands to its sink as they are (views of that memory, valid for the
 * deinterleaver's life). The same samples, bit for bit, as src/io/pcm-deinterleave.ts.
 */
import { instantiate, kernelModule, MemoryPlan } from "./wasm-instance.js";

export interface FloatDeinterleaver {
  /** Interleaved little-endian f32 frames (capacity · channelCount · 4 bytes). */
  readonly staging: Uint8Array;
  /** One array per channel (capacity values each). */
  readonly planar: readonly Float32Array[];
  /** planar[c][f] = staged sample f·channelCount + c, for f < frames. */
  run(frames: number): void;
}

export type FloatDeinterleaverFactory = (channelCount: number, capacity: number) => FloatDeinterleaver;

interface DeinterleaveExports {
  deinterleaveFloats(interleaved: number, channels: number, frames: number, outputs: number): void;
}

/** A factory of WebAssembly deinterleavers, or null without WebAssembly SIMD. */
export function wasmFloatDeinterleaver(): FloatDeinterleaverFactory | null {
  const module = kernelModule();
  if (module === null) return null;
  return (channelCount, capacity) => {
    if (!(Number.isInteger(channelCount) && channelCount >= 1)) {
      throw new RangeError(`wasmFloatDeinterleaver: channelCount must be an integer ≥ 1, got ${channelCount}`);
    }
    if (!(Number.isInteger(capacity) && capacity >= 1)) {
      throw new RangeError(`wasmFloatDeinterleaver: capacity must be an integer ≥ 1, got ${capacity}`);
    }
    const plan = new MemoryPlan();
    const stagingAt = plan.reserve(capacity * channelCount, 4);
    const channelAt = Array.from({ length: channelCount }, () => plan.reserve(capacity, 4));
    const outputsAt = plan.reserve(channelCount, 4);
    const { exports, base } = instantiate<DeinterleaveExports>(module, plan.bytes);
    const { buffer } = exports.memory;
    new Int32Array(buffer, base + outputsAt, channelCount).set(channelAt.map((offset) => base + offset));
    return {
      staging: new Uint8Array(buffer, base + stagingAt, capacity * channelCount * 4),
      planar: channelAt.map((offset) => new Float32Array(buffer, base + offset, capacity)),
      run(frames) {
        if (!(Number.isInteger(frames) && frames >= 0 && frames <= capacity)) {
          throw new RangeError(
            `wasmFloatDeinterleaver.run: frames must be an integer in [0, ${capacity}], got ${frames}`,
          );
        }
        exports.deinterleaveFloats(base + stagingAt, channelCount, frames, base + outputsAt);
      },
    };
  };
}
