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
  if (channelCount === 0) return mono.fill(0, 0, length);
  const first = signal.channels[0]!;
  for (let i = 0; i < length; i++) mono[i] = first[i]!;
  for (let c = 1; c < channelCount; c++) {
    const channel = signal.channels[c]!;
    for (let i = 0; i < length; i++) mono[i]! += channel[i]!;
  }
  const scale = 1 / channelCount;
  for (let i = 0; i < length; i++) mono[i]! *= scale;
  return mono;
}
