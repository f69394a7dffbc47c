/**
 * Downmix a planar multichannel signal to mono by averaging the channels
 * (equal weights, so a centred source keeps its level and a one-sided one drops 6 dB).
 */
import type { AudioSignal } from "../types.js";
import { signalLength } from "../types.js";

/** Mono mix of `signal`, or the only channel itself when there is just one (not copied). */
export function mixToMono(signal: AudioSignal, out?: Float32Array): Float32Array {
  const channelCount = signal.channels.length;
  const length = signalLength(signal);
  if (channelCount === 1 && out === undefined) return signal.channels[0]!;
  const mono = out ?? new Float32Array(length);
  if (mono.length < length) {
    throw new RangeError(`mixToMono: out must hold ${length} samples, got ${mono.length}`);
  }
  mix(signal.channels, length, mono);
  return mono;
}

/**
 * out[i] = the mean of channels[c][i] for i < length: the same arithmetic as `mixToMono`, so
 * mixing a signal chunk by chunk gives exactly the samples of `mixToMono` on the whole of it.
 * No channels give zeros; one channel is copied.
 */
export function mixChannelsInto(channels: readonly Float32Array[], length: number, out: Float32Array): void {
  if (!(Number.isInteger(length) && length >= 0)) {
    throw new RangeError(`mixChannelsInto: length must be an integer ≥ 0, got ${length}`);
  }
  if (out.length < length) throw new RangeError(`mixChannelsInto: out must hold ${length} samples, got ${out.length}`);
  for (const samples of channels) {
    if (samples.length < length) {
      throw new RangeError(`mixChannelsInto: a channel holds ${samples.length} < ${length} samples`);
    }
  }
  mix(channels, length, out);
}

function mix(channels: readonly Float32Array[], length: number, out: Float32Array): void {
  if (channels.length === 0) {
    out.fill(0, 0, length);
    return;
  }
  const scale = 1 / channels.length;
  for (let from = 0; from < length; from += KERNEL_BLOCK) {
    mixBlock(channels, out, from, Math.min(length, from + KERNEL_BLOCK), scale);
  }
}

/**
 * Samples per call of the mixing kernel: short calls run as code V8 optimises as a whole,
 * about 3× faster than a whole-track loop's on-stack-replaced code.
 */
const KERNEL_BLOCK = 4096;

/**
 * mono[i] for i in [from, to): the channels added in order, each partial sum rounded to
 * Float32 as when accumulating in a Float32Array, then scaled.
 */
function mixBlock(
  channels: readonly Float32Array[],
  mono: Float32Array,
  from: number,
  to: number,
  scale: number,
): void {
  const first = channels[0]!;
  if (channels.length === 2) {
    const second = channels[1]!;
    for (let i = from; i < to; i++) mono[i] = Math.fround(first[i]! + second[i]!) * scale;
    return;
  }
  for (let i = from; i < to; i++) {
    let sum = first[i]!;
    for (let c = 1; c < channels.length; c++) sum = Math.fround(sum + channels[c]![i]!);
    mono[i] = sum * scale;
  }
}
